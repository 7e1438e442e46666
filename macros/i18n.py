"""Current language, interface labels and locale-aware formatting (always through Babel)."""

import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache

import yaml
from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from babel.units import format_unit

from . import paths

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
LANGUAGES = tuple(LOCALES)


def locale(lang: str) -> str:
    return LOCALES[lang]


@cache
def catalogue(lang: str) -> dict[str, str]:
    return yaml.safe_load((paths.LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))


def label(key: str, lang: str, **params) -> str:
    """An interface string from the language's catalogue, filled with params."""
    return catalogue(lang)[key].format(**params)


def text(record, field: str, lang: str) -> str:
    """The `<field>_<lang>` value of a record, or '' when empty."""
    return record.get(f"{field}_{lang}") or ""


def number(value, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


def amount(value, currency: str, lang: str) -> str:
    """109e9 EUR -> '109 Md €' / '€109B'; small amounts keep all digits."""
    if abs(value) >= 1_000_000:
        return format_compact_currency(value, currency, locale=locale(lang), fraction_digits=1)
    return format_currency(value, currency, locale=locale(lang))


def percent(value, lang: str) -> str:
    """Values are stored 0-100; Babel expects a ratio."""
    # Decimal arithmetic: 21.96 / 100 in floats prints as 21,960000000000002 %.
    return format_percent(
        Decimal(str(value)) / 100, locale=locale(lang), decimal_quantization=False
    )


def value(fig, unit, lang: str) -> str:
    """Format a figure's value (and upper bound) for its unit."""

    def one(v):
        if unit.format == "currency":
            return amount(v, unit.currency, lang)
        if unit.format == "percent":
            return percent(v, lang)
        return number(v, lang)

    if fig.value_max is not None:
        shown = label("range", lang, low=one(fig.value), high=one(fig.value_max))
    else:
        shown = one(fig.value)
    if fig.qualifier == "more-than":
        shown = label("more_than", lang, value=shown)
    return shown


def day(when: date | None, precision: str | None, lang: str) -> str:
    """A date at its precision: '12 février 2025', 'juin 2021', '2020', 'début 2026'."""
    if when is None:
        return ""
    loc = locale(lang)
    if precision == "year":
        return str(when.year)
    if precision == "early-year":
        return label("early_year", lang, year=when.year)
    if precision == "month":
        return format_date(when, "LLLL y", locale=loc)
    full = format_date(when, "d MMMM y", locale=loc)
    if precision == "by":
        return label("by_date", lang, date=full)
    return full


def interval(start: date, end: date, lang: str) -> str:
    """'10–11 février 2025' / '10–11 February 2025'."""
    return format_interval(start, end, "yMMMMd", locale=locale(lang))


def language_name(code: str, lang: str) -> str:
    """Name of a language in the reader's language: 'fr' -> 'français' / 'French'."""
    return Locale.parse(code).get_display_name(locale(lang))


def sort_key(name: str) -> str:
    """Alphabetical order that ignores accents and case (É sorts with E)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def size(n_bytes: int, lang: str) -> str:
    """A file size in kilobytes: '12,3 ko' / '12.3 kB'."""
    kb = Decimal(n_bytes) / 1000
    return format_unit(
        kb.quantize(Decimal("0.1")), "digital-kilobyte", locale=locale(lang), length="short"
    )
