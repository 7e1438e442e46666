"""Formatting and the translation catalogues."""

from datetime import date
from decimal import Decimal

from macros import i18n
from macros.load import Record


def test_catalogues_have_the_same_keys_and_placeholders():
    import string

    fr, en = i18n.catalogue("fr"), i18n.catalogue("en")
    assert fr.keys() == en.keys()
    for key in fr:
        names = lambda s: {n for _, n, _, _ in string.Formatter().parse(s) if n}  # noqa: E731
        assert names(fr[key]) == names(en[key]), key


def test_amounts_are_compact_per_locale():
    assert i18n.amount(109e9, "EUR", "fr") == "109\u00a0Md\u00a0€"
    assert i18n.amount(109e9, "EUR", "en") == "€109B"


def test_percentages_keep_their_decimals():
    assert i18n.percent(Decimal("21.96"), "fr") == "21,96\u00a0%"
    assert i18n.percent(Decimal("21.96"), "en") == "21.96%"


def test_ranges_and_qualifiers():
    eur = Record(format="currency", currency="EUR")
    assert i18n.value(Record(value=70e9, value_max=80e9), eur, "en") == "€70B to €80B"
    count = Record(format="count")
    assert (
        i18n.value(Record(value=1350, qualifier="more-than"), count, "fr") == "plus de 1\u202f350"
    )
    assert i18n.value(Record(value=1350, qualifier="more-than"), count, "en") == "more than 1,350"


def test_dates_at_their_precision():
    assert i18n.day(date(2021, 6, 1), "month", "fr") == "juin 2021"
    assert i18n.day(date(2021, 6, 1), "month", "en") == "June 2021"
    assert i18n.day(date(1991, 1, 1), "year", "en") == "1991"
    assert i18n.day(date(2026, 1, 1), "early-year", "fr") == "début 2026"
    assert i18n.day(date(2025, 2, 12), "by", "en") == "by 12 February 2025"
    assert i18n.day(date(1998, 10, 27), "day", "fr") == "27 octobre 1998"
