"""Project rules that Table Schema cannot express. Each rule yields Problems.

Rules read the raw text rows (types were already checked by frictionless) and never raise on
odd values: a value that does not parse is frictionless's to report.
"""

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import phonenumbers

from ..data.sources import own_days
from .commitment_rules import changelog, commitments, computed_fields, status_codes
from .comparison_rules import chart_comparisons, parts, preferred, quoted_periods
from .editorial_rules import editorial
from .prose_refs import prose_records
from .query_rules import example_queries
from .quoted import DATED, quoted_dates, quoted_values, unit_bounds
from .raw import ENTITIES, RawPackage
from .release_records import release_records
from .report import problem
from .written import DIGIT, MONTH, MONTHS, NUMBER, NUMERIC_DATE, numbers_in

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A cheap first pass: the phonenumbers matcher is slow, and a phone number has 8+ digits.
PHONE_CANDIDATE = re.compile(r"(?:\+?\d[\s.\-()/]*){8,}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Columns that hold a future date legitimately.
FUTURE_OK = {"deadline"}


# A cell a spreadsheet would run as a formula (OWASP, CSV injection): these first characters,
# full-width forms included, even after spaces. Ordinary text never needs to start so.
FORMULA_START = tuple("=+-@\t\r＝＋－＠")
# Bidirectional overrides and isolates: they make text display in another order than it reads.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")
SAFE_SCHEMES = ("https", "http")


# Control characters other than the line break quotations keep; the sets above as
# expressions: one scan of a cell in C instead of three in Python.
CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
BIDI_RE = re.compile("[" + "".join(sorted(BIDI)) + "]")
ZERO_WIDTH_RE = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")
HIDDEN_RE = re.compile(CONTROL_RE.pattern[:-1] + "".join(sorted(BIDI | ZERO_WIDTH)) + "]")


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def text_twins(pkg: RawPackage, today: date):
    for t in pkg.tables.values():
        for col in t.header:
            if not col.endswith("_fr") or col[:-3] + "_en" not in t.header:
                continue
            twin = col[:-3] + "_en"
            for line, row in t.rows:
                fr, en = row[col].strip(), row[twin].strip()
                if fr and not en:
                    yield problem(t.path, line, twin, "twin-missing", other=col)
                elif en and not fr:
                    yield problem(t.path, line, col, "twin-missing", other=twin)


def _allowed(row: dict[str, str], prose: set[str]) -> tuple[set[Decimal], set[int]]:
    """The numbers and months a row's prose may use: those of its other cells and its quote."""
    numbers: set[Decimal] = set()
    months: set[int] = set()
    for col, cell in row.items():
        # Identifiers hold numbers ("…-109bn") that say nothing about the row.
        if col in prose or not cell or col == "id" or col.endswith("_id"):
            continue
        if when := _date(cell):
            numbers |= {Decimal(when.year), Decimal(when.month), Decimal(when.day)}
            months.add(when.month)
            continue
        for _, readings, pieces in numbers_in(cell):
            for value in readings | set().union(*pieces):
                # 109000000000 may be written "109 Md€" / "€109B", 1500000 "1,5 million".
                numbers |= {value, value / 1000, value / 10**6, value / 10**9}
        months |= {MONTHS[m] for m in MONTH.findall(cell.lower())}
        months |= {int(m) for m in NUMERIC_DATE.findall(cell)}
    return numbers, months


def prose_numbers(pkg: RawPackage, today: date):
    """Every number and month written in a fact's French or English text also appears in the
    row's values or its quotation: prose may not add a figure the source does not give."""
    for t in pkg.tables.values():
        if "quote" not in t.header:
            continue
        prose = {c for c in t.header if c.endswith(("_fr", "_en"))}
        for line, row in t.rows:
            allowed = quoted = None
            for col in sorted(prose):
                text = row.get(col, "")
                lowered = text.lower()
                if not text or not (DIGIT.search(text) or MONTH.search(lowered)):
                    continue
                # Fast path: a number written as it is in the quote ("Chiffre 12", "Figure 12").
                if quoted is None:
                    quoted = set(NUMBER.findall(row.get("quote", "")))
                written = set(NUMBER.findall(text)) - quoted
                if not written and not MONTH.search(lowered):
                    continue
                numbers, months = allowed or (allowed := _allowed(row, prose))
                for token, readings, pieces in numbers_in(text):
                    if (
                        token not in written
                        or readings & numbers
                        or all(p & numbers for p in pieces)
                    ):
                        continue
                    yield problem(t.path, line, col, "prose-number", number=token)
                for name in MONTH.findall(lowered):
                    if MONTHS[name] not in months:
                        yield problem(t.path, line, col, "prose-month", month=name)


def _string_fields(t) -> list[dict]:
    return [f for f in t.schema.get("fields", []) if f.get("type", "string") == "string"]


def hostile_text(pkg: RawPackage, today: date):
    """Text that a spreadsheet would run, or that hides what it says: a leading formula
    character, a control character, a bidirectional override, a zero-width character in an
    identifier."""
    for t in pkg.tables.values():
        fields = [
            (f["name"], f["name"] == "id" or f["name"].endswith("_id") or "pattern" in f.get("constraints", {}))
            for f in _string_fields(t)
        ]  # fmt: skip
        for line, row in t.rows:
            for name, is_id in fields:
                text = row.get(name) or ""
                if not text:
                    continue
                if text.lstrip(" ").startswith(FORMULA_START):
                    shown = text.lstrip(" ")[:1].replace("\t", "\\t").replace("\r", "\\r")
                    yield problem(t.path, line, name, "formula", char=shown)
                if not HIDDEN_RE.search(text):  # nearly every cell: one scan and done
                    continue
                for code, pattern in (("control-char", CONTROL_RE), ("bidi-char", BIDI_RE)):
                    if m := pattern.search(text):
                        yield problem(t.path, line, name, code, char=f"U+{ord(m[0]):04X}")
                if is_id and (m := ZERO_WIDTH_RE.search(text)):
                    yield problem(t.path, line, name, "zero-width-id", char=f"U+{ord(m[0]):04X}")


def url_cells(pkg: RawPackage, today: date):
    """Links are web addresses: https or http, a host, no credentials, nothing hidden."""
    for t in pkg.tables.values():
        names = [f["name"] for f in _string_fields(t) if f.get("format") == "uri"]
        for line, row in t.rows:
            for name in names:
                url = row.get(name) or ""
                if not url:
                    continue
                try:
                    parts = urlsplit(url)
                    ok = (
                        parts.scheme.lower() in SAFE_SCHEMES
                        and bool(parts.hostname)
                        and parts.username is None
                        and parts.password is None
                        and not re.search(r"\s", url)
                        and not CONTROL_RE.search(url)
                    )
                except ValueError:  # an invalid port or IPv6 address
                    ok = False
                if not ok:
                    yield problem(t.path, line, name, "unsafe-url", url=url[:80])


def value_ranges(pkg: RawPackage, today: date):
    t = pkg.tables.get("figures")
    for line, row in t.rows if t else []:
        low, high = _number(row.get("value", "")), _number(row.get("value_max", ""))
        if low is not None and high is not None and high < low:
            yield problem(
                t.path, line, "value_max", "range", value=row["value"], value_max=row["value_max"]
            )


# The shape of a date at each precision: the day the period starts (or, for a deadline that
# ends on a known day, that day), as the precisions code list describes.
DATE_SHAPES = {
    "month": ("AAAA-MM-01", ("-01",)),
    "year": ("AAAA-01-01", ("-01-01",)),
    "early-year": ("AAAA-01-01", ("-01-01",)),
    "by-early-year": ("AAAA-01-01", ("-01-01",)),
    "by-mid-year": ("AAAA-06-30", ("-06-30",)),
    "by-end-of-year": ("AAAA-12-31", ("-12-31",)),
    "quarter": ("AAAA-01-01, -04-01, -07-01, -10-01", ("-01-01", "-04-01", "-07-01", "-10-01")),
}


def precisions(pkg: RawPackage, today: date):
    for t in pkg.tables.values():
        for col, pcol in DATED.items():
            if col not in t.header or pcol not in t.header:
                continue
            for line, row in t.rows:
                value, precision = row[col], row[pcol]
                if value and not precision:
                    yield problem(t.path, line, pcol, "precision-missing", field=pcol)
                elif precision and not value:
                    yield problem(t.path, line, pcol, "precision-orphan", field=col)
                elif precision in DATE_SHAPES and _date(value):
                    expected, endings = DATE_SHAPES[precision]
                    if not value.endswith(endings):
                        yield problem(
                            t.path,
                            line,
                            col,
                            "precision-date",
                            date=value,
                            precision=precision,
                            expected=expected,
                        )


def by_dates(pkg: RawPackage, today: date):
    """A date at precision "by" is the day of the source that reports it (its interview,
    publication or creation date): "on or before" means nothing against another day."""
    sources = pkg.tables.get("sources")
    if not sources:
        return
    rows = {row["id"]: row for _, row in sources.rows}

    def days(source_id: str) -> set[str]:
        return set(own_days(rows, source_id))

    for t in pkg.tables.values():
        for col, pcol in DATED.items():
            if pcol not in t.header or "source_id" not in t.header:
                continue
            for line, row in t.rows:
                if (
                    row[pcol] == "by"
                    and row[col]
                    and row[col] not in (allowed := days(row["source_id"]))
                ):
                    expected = ", ".join(sorted(allowed)) or "—"
                    yield problem(t.path, line, col, "by-date", date=row[col], expected=expected)


def date_order(pkg: RawPackage, today: date):
    pairs = {"announcements": ("date", "date_end"), "roles": ("since", "until")}
    for name, (start_col, end_col) in pairs.items():
        t = pkg.tables.get(name)
        for line, row in t.rows if t else []:
            start, end = _date(row.get(start_col, "")), _date(row.get(end_col, ""))
            if start and end and end < start:
                yield problem(t.path, line, end_col, "date-order", start=start, end=end)


def future_dates(pkg: RawPackage, today: date):
    for t in pkg.tables.values():
        for line, row in t.rows:
            if row.get("planned") == "true":
                continue
            for col in (
                "date",
                "date_end",
                "founded",
                "since",
                "until",
                "published",
                "modified",
                "interviewed",
                "created",
            ):
                when = _date(row.get(col, ""))
                if when and when > today:
                    yield problem(t.path, line, col, "future-date", date=when)


def sources_used(pkg: RawPackage, today: date):
    sources = pkg.tables.get("sources")
    if not sources:
        return
    cited = {
        row["source_id"]
        for t in pkg.tables.values()
        if "source_id" in t.header
        for _, row in t.rows
    }
    for line, row in sources.rows:
        if row["id"] not in cited:
            yield problem(sources.path, line, "id", "source-unused")


def duplicate_rows(pkg: RawPackage, today: date):
    for t in pkg.tables.values():
        seen: dict[tuple, int] = {}
        for line, row in t.rows:
            key = tuple(v for k, v in row.items() if k != "id")
            if key in seen:
                yield problem(t.path, line, None, "duplicate-row", other=seen[key])
            else:
                seen[key] = line


def kebab_ids(pkg: RawPackage, today: date):
    for name in ENTITIES:
        t = pkg.tables.get(name)
        for line, row in t.rows if t else []:
            if not KEBAB.match(row.get("id", "")):
                yield problem(t.path, line, "id", "kebab-id", cell=row.get("id", ""))


def contact_data(pkg: RawPackage, today: date):
    for t in pkg.tables.values():
        text_cols = [
            f["name"] for f in t.schema.get("fields", []) if f.get("type", "string") == "string"
        ]
        for line, row in t.rows:
            # The whole row at once (most rows hold neither "@" nor 8+ digits); a run never
            # crosses the separator, and the ones before a run tell its column.
            texts = [row.get(col, "") for col in text_cols]
            joined = "\x00".join(texts)
            if "@" in joined:
                for col, text in zip(text_cols, texts, strict=True):
                    if "@" in text and (m := EMAIL.search(text)):  # slow on prose: "@" first
                        yield problem(t.path, line, col, "email", match=m.group(0))
            for run in PHONE_CANDIDATE.finditer(joined):
                index = joined.count("\x00", 0, run.start())
                if texts[index].isdigit():  # a bare number (a postcode, a count) is no phone
                    continue
                # The matcher reads only the runs of digits and separators a number is made
                # of, not the whole text around them (a long quotation costs it many scans).
                around = joined[max(0, run.start() - 3) : run.end()].rpartition("\x00")[2]
                if "+" not in around and sum(c.isdigit() for c in around) < 9:
                    # A French number has nine digits after its 0, another country's a +
                    # or 00 before them: an eight-digit run (a date, 11/02/2025) is none.
                    continue
                matches = phonenumbers.PhoneNumberMatcher(
                    around, "FR", leniency=phonenumbers.Leniency.VALID
                )
                for match in matches:
                    yield problem(t.path, line, text_cols[index], "phone", match=match.raw_string)


def units_match(pkg: RawPackage, today: date):
    figures, indicators = pkg.tables.get("figures"), pkg.tables.get("indicators")
    if not figures or not indicators:
        return
    unit_of = {row["id"]: row["unit"] for _, row in indicators.rows}
    for line, row in figures.rows:
        expected = unit_of.get(row["indicator_id"])
        if expected and row["unit"] != expected:
            yield problem(
                figures.path,
                line,
                "unit",
                "unit-mismatch",
                unit=row["unit"],
                indicator=row["indicator_id"],
                expected=expected,
            )


def self_relations(pkg: RawPackage, today: date):
    t = pkg.tables.get("relations")
    for line, row in t.rows if t else []:
        if row["organisation_id"] and row["organisation_id"] == row["target_id"]:
            yield problem(t.path, line, "target_id", "self-relation")


def schema_texts(pkg: RawPackage, today: date):
    keys = ("title", "title_en", "description", "description_en")
    for res in pkg.descriptor.get("resources", []):
        for key in keys:
            if not str(res.get(key) or "").strip():
                yield problem(
                    "datapackage.json", None, None, "resource-text", key=key, name=res.get("name")
                )
        schema_file = (
            res.get("schema") if isinstance(res.get("schema"), str) else "datapackage.json"
        )
        table = pkg.tables.get(res.get("name"))
        for f in table.schema.get("fields", []) if table else []:
            for key in keys:
                if not str(f.get(key) or "").strip():
                    yield problem(
                        schema_file,
                        None,
                        f.get("name"),
                        "schema-text",
                        key=key,
                        field=f.get("name"),
                    )


RULES = [
    text_twins,
    value_ranges,
    precisions,
    date_order,
    by_dates,
    future_dates,
    sources_used,
    duplicate_rows,
    kebab_ids,
    contact_data,
    units_match,
    self_relations,
    schema_texts,
    prose_numbers,
    quoted_values,
    quoted_dates,
    unit_bounds,
    editorial,
    example_queries,
    quoted_periods,
    parts,
    chart_comparisons,
    preferred,
    prose_records,
    release_records,
    hostile_text,
    url_cells,
    commitments,
    computed_fields,
    status_codes,
    changelog,
]


def problems(pkg: RawPackage, today: date, part: int = 0, parts: int = 1) -> list:
    """The problems of every `parts`-th rule from the `part`-th on, as a list: the build runs
    the rules in parts in its pool (generator/context.py:rules_in) while it types the cells."""
    return [found for rule in RULES[part::parts] for found in rule(pkg, today)]
