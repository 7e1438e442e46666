"""One language of the site: its interface catalogue and its Babel formatting.

A Language is made per build from locales/<code>.yml, whose `babel_locale` key names the
Babel locale (fr -> fr_FR, en -> en_GB); nothing is cached between builds.
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from babel.units import format_unit

from .typography import french_html

LOCALES = Path(__file__).resolve().parent / "locales"
# The package's languages, the default first: its text fields' suffixes (label_fr, label_en)
# and the catalogues in locales/. The site's languages (the briefing plugin's option in
# mkdocs.yml, checked against this list when it loads) and every bilingual message read it.
LANGUAGES = ("fr", "en")
# Keys of a catalogue that configure the language rather than label the interface.
SETTINGS = ("babel_locale", "typography")


def read_catalogue(code: str, folder: Path = LOCALES) -> dict[str, str]:
    # libyaml where PyYAML has it (ten times faster; the same values): every build reads them.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((folder / f"{code}.yml").read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=8)
def _catalogue(code: str, stamp: float) -> dict[str, str]:
    return read_catalogue(code)


def catalogue(code: str) -> dict[str, str]:
    """A language's catalogue, read again whenever the file changes (its modification time
    is part of the key): the validator words hundreds of messages without re-reading it."""
    return _catalogue(code, (LOCALES / f"{code}.yml").stat().st_mtime)


def in_languages(key: str, languages=LANGUAGES, /, **params) -> dict[str, str]:
    """{language: a catalogue text filled with params}; a parameter given as
    {language: value} is worded in each language."""
    return {
        code: catalogue(code)[key].format(
            **{k: v[code] if isinstance(v, dict) else v for k, v in params.items()}
        )
        for code in languages
    }


def both_languages(key: str, languages=LANGUAGES, /, **params) -> str:
    """A catalogue text in each language, joined by " / ": for messages printed in a
    terminal or a build log, read by whoever is there."""
    return " / ".join(in_languages(key, languages, **params).values())


class Language:
    def __init__(self, code: str, catalogue: dict[str, str]):
        self.code = code
        self.locale = catalogue["babel_locale"]
        self.typography = catalogue["typography"]  # "french" or "english"
        self.labels = {k: v for k, v in catalogue.items() if k not in SETTINGS}
        # Babel is slow and a large build formats the same values and dates on many pages:
        # remembered for the life of this object, which is one build.
        self._formatted: dict[tuple, str] = {}

    def _remember(self, key: tuple, make) -> str:
        if key not in self._formatted:
            self._formatted[key] = make()
        return self._formatted[key]

    @classmethod
    def load(cls, code: str, folder: Path = LOCALES) -> "Language":
        return cls(code, read_catalogue(code, folder))

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # --- words -------------------------------------------------------------------------------

    def t(self, key: str, **params) -> str:
        """An interface string from the catalogue, filled with params."""
        return self.labels[key].format(**params)

    def plural(self, key: str, n: int, **params) -> str:
        """The catalogue's `<key>_<form>` for n, by the language's CLDR plural rules (French
        puts 0 and 1 in "one"); `<key>_other` where the catalogue has no such form."""
        form = Locale.parse(self.locale).plural_form(n)
        key = f"{key}_{form}" if f"{key}_{form}" in self.labels else f"{key}_other"
        return self.t(key, n=self.number(n), **params)

    def colon(self, text: str) -> str:
        """Text followed by a colon, spaced as the language wants ('Source :' / 'Source:')."""
        return self.t("colon", label=text)

    def text(self, record, field: str) -> str:
        """The `<field>_<code>` value of a record, or '' when empty."""
        return record[f"{field}_{self.code}"] or ""

    def typeset_html(self, html: str) -> str:
        """The language's spacing rules applied to the text of an HTML page."""
        return french_html(html) if self.typography == "french" else html

    def join(self, items) -> str:
        """'a ; b ; c' / 'a; b; c'."""
        return (self.t("semicolon") + " ").join(items)

    # --- numbers -----------------------------------------------------------------------------

    def number(self, value) -> str:
        return format_decimal(value, locale=self.locale)

    def amount(self, value, currency: str) -> str:
        """109e9 EUR -> '109 Md €' / '€109B'; small amounts keep all digits."""
        if abs(value) >= 1_000_000:
            return format_compact_currency(value, currency, locale=self.locale, fraction_digits=1)
        return format_currency(value, currency, locale=self.locale)

    def percent(self, value) -> str:
        """Values are stored 0-100; Babel expects a ratio."""
        # Decimal arithmetic: 21.96 / 100 in floats prints as 21,960000000000002 %.
        return format_percent(
            Decimal(str(value)) / 100, locale=self.locale, decimal_quantization=False
        )

    def points(self, value) -> str:
        """A change in percentage points, always signed: '+8 points', '−3 points'."""
        shown = format_decimal(abs(value), locale=self.locale)
        sign = "+" if value > 0 else "\u2212" if value < 0 else ""
        return self.plural("points", abs(value), value=sign + shown)

    @property
    def og_locale(self) -> str:
        """The Open Graph locale (fr_FR, en_GB): the catalogue's Babel locale."""
        return self.locale

    def quantity(self, value, unit) -> str:
        """One value in its unit (a record of the `units` code list)."""
        return self._remember(
            ("quantity", value, unit.format, unit.currency), lambda: self._quantity(value, unit)
        )

    def _quantity(self, value, unit) -> str:
        if unit.format == "currency":
            return self.amount(value, unit.currency)
        if unit.format == "percent":
            return self.percent(value)
        if unit.format == "points":
            return self.points(value)
        return self.number(value)

    def value(self, fig, unit) -> str:
        """A figure's value (and upper bound, and qualifier) in its unit."""
        if fig.value_max is not None:
            shown = self.t(
                "range",
                low=self.quantity(fig.value, unit),
                high=self.quantity(fig.value_max, unit),
            )
        else:
            shown = self.quantity(fig.value, unit)
        if fig.qualifier == "more-than":
            shown = self.t("more_than", value=shown)
        return shown

    def size(self, n_bytes: int) -> str:
        """A file size in kilobytes: '12,3 ko' / '12.3 kB'."""
        kb = Decimal(n_bytes) / 1000
        return format_unit(
            kb.quantize(Decimal("0.1")), "digital-kilobyte", locale=self.locale, length="short"
        )

    # --- dates -------------------------------------------------------------------------------

    def day(self, when: date | None, precision: str | None) -> str:
        """A date at its precision: '12 février 2025', 'juin 2021', '2020', 'début 2026'."""
        if when is None:
            return ""
        return self._remember(("day", when, precision), lambda: self._day(when, precision))

    def _day(self, when: date, precision: str | None) -> str:
        if precision == "year":
            return str(when.year)
        if precision == "early-year":
            return self.t("early_year", year=when.year)
        if precision == "by-early-year":
            return self.t("by_early_year", year=when.year)
        if precision == "by-mid-year":
            return self.t("by_mid_year", year=when.year)
        if precision == "by-end-of-year":
            return self.t("by_end_of_year", year=when.year)
        if precision == "quarter":
            return self.t(f"quarter_{(when.month - 1) // 3 + 1}", year=when.year)
        if precision == "month":
            return format_date(when, "LLLL y", locale=self.locale)
        full = format_date(when, "d MMMM y", locale=self.locale)
        if precision == "by":
            return self.t("by_date", date=full)
        return full

    def interval(self, start: date, end: date) -> str:
        """'10–11 février 2025' / '10–11 February 2025'."""
        return format_interval(start, end, "yMMMMd", locale=self.locale)

    def language_name(self, code: str) -> str:
        """Name of a language in this one: 'fr' -> 'français' / 'French'."""
        return Locale.parse(code).get_display_name(self.locale)
