"""Listings sort names by the Unicode Collation Algorithm, not by their ASCII skeleton."""

from macros.data.listings import sort_key


def ordered(*names):
    return sorted(names, key=sort_key)


def test_ligatures_sort_as_their_letters():
    # The old ASCII key dropped Œ and Æ: "Œuvre" sorted as "uvre", after "Ordre".
    assert ordered("Ordre", "Œuvre", "Odile") == ["Odile", "Œuvre", "Ordre"]
    assert ordered("Afrique", "Æther", "Adam") == ["Adam", "Æther", "Afrique"]


def test_accents_and_case_only_break_ties():
    assert ordered("Emploi", "Éducation", "Ecole", "école") == [
        "Ecole",
        "école",
        "Éducation",
        "Emploi",
    ]
    assert ordered("Étude", "Etude", "etude") == ["etude", "Etude", "Étude"]
    assert ordered("numeum", "Numeum", "Medef") == ["Medef", "numeum", "Numeum"]
