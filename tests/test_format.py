"""Formatting and the translation catalogues."""

from datetime import date
from decimal import Decimal

import pytest

from macros.data.records import Record
from macros.format.language import Language, read_catalogue

FR, EN = Language.load("fr"), Language.load("en")


def test_catalogues_have_the_same_keys_and_placeholders():
    import string

    fr, en = read_catalogue("fr"), read_catalogue("en")
    assert fr.keys() == en.keys()
    for key in fr:
        names = lambda s: {n for _, n, _, _ in string.Formatter().parse(s) if n}  # noqa: E731
        assert names(fr[key]) == names(en[key]), key


def test_amounts_are_compact_per_locale():
    assert FR.amount(109e9, "EUR") == "109\u00a0Md\u00a0€"
    assert EN.amount(109e9, "EUR") == "€109B"


def test_percentages_keep_their_decimals():
    assert FR.percent(Decimal("21.96")) == "21,96\u00a0%"
    assert EN.percent(Decimal("21.96")) == "21.96%"


def test_ranges_and_qualifiers():
    eur = Record(format="currency", currency="EUR")
    assert EN.value(Record(value=70e9, value_max=80e9, qualifier=None), eur) == "€70B to €80B"
    count = Record(format="count", currency=None)
    assert (
        FR.value(Record(value=1350, value_max=None, qualifier="more-than"), count)
        == "plus de 1\u202f350"
    )
    assert (
        EN.value(Record(value=1350, value_max=None, qualifier="more-than"), count)
        == "more than 1,350"
    )


def test_dates_at_their_precision():
    assert FR.day(date(2021, 6, 1), "month") == "juin 2021"
    assert EN.day(date(2021, 6, 1), "month") == "June 2021"
    assert EN.day(date(1991, 1, 1), "year") == "1991"
    assert FR.day(date(2026, 1, 1), "early-year") == "début 2026"
    assert EN.day(date(2025, 2, 12), "by") == "by 12 February 2025"
    assert FR.day(date(1998, 10, 27), "day") == "27 octobre 1998"


def test_records_refuse_unknown_fields():
    fig = Record(value=1, value_max=None)
    assert fig.value == 1 and fig.value_max is None
    with pytest.raises(AttributeError, match="valeu"):
        fig.valeu  # noqa: B018


def test_french_spacing_in_text():
    from macros.format.typography import french

    assert french("Source : « Objectif ; 300 000 Français ? »") == (
        "Source\u00a0: «\u202fObjectif\u202f; 300\u202f000 Français\u202f?\u202f»"
    )
    # Numbers that are not digit groups stay apart; times and URLs are left alone.
    assert french("les 10 et 11/02/2025, 1991 2025") == "les 10 et 11/02/2025, 1991 2025"
    assert french("https://example.org/a?b 10:30") == "https://example.org/a?b 10:30"


def test_french_spacing_leaves_markup_and_code_alone():
    from macros.format.typography import french_html

    html = '<p title="a : b">Prix : <code>x : y</code> <a href="?q=1">lien</a> !</p>'
    assert french_html(html) == (
        '<p title="a : b">Prix\u00a0: <code>x : y</code> <a href="?q=1">lien</a>\u202f!</p>'
    )
    script = '<script type="application/ld+json">{"a": "b ; c"}</script><p>a ; b</p>'
    assert (
        french_html(script)
        == '<script type="application/ld+json">{"a": "b ; c"}</script><p>a\u202f; b</p>'
    )


def test_only_the_french_catalogue_asks_for_french_spacing():
    from macros.format.language import Language

    assert Language.load("fr").typeset_html("<p>a : b</p>") == "<p>a\u00a0: b</p>"
    assert Language.load("en").typeset_html("<p>a : b</p>") == "<p>a : b</p>"


def test_changelog_markdown_is_html_with_escaped_text_or_plain_text():
    from macros.format.inline import html, plain

    text = "`commitments` *new* **all** <b>x</b> [site](https://example.org/a?b=1&c=2)"
    assert str(html(text)) == (
        "<code>commitments</code> <em>new</em> <strong>all</strong> &lt;b&gt;x&lt;/b&gt; "
        '<a href="https://example.org/a?b=1&amp;c=2">site</a>'
    )
    assert plain(text) == "commitments new all <b>x</b> site (https://example.org/a?b=1&c=2)"
    # A link to anything but http(s) stays text.
    assert "<a" not in str(html("[x](javascript:alert(1))"))


def test_french_typography_skips_only_text_it_would_not_change():
    """The quick search that spares most text the five substitutions misses nothing they do."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from macros.format.typography import CHANGES, RULES, french

    pieces = st.sampled_from([" ", "\u00a0", "\u202f", ":", ";", "!", "?", "«", "»", "1", "300",
                              "000", "a", "<b>", "</b>", ",", "."])  # fmt: skip

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(text):
        changed = any(pattern.search(text) for pattern, _ in RULES)
        assert not changed or CHANGES.search(text), text
        if not CHANGES.search(text):
            assert french(text) == text

    same()
