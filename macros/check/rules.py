"""Project rules that Table Schema cannot express. Each rule yields Problems.

Rules read the raw text rows (types were already checked by frictionless) and never raise on
odd values: a value that does not parse is frictionless's to report.
"""

import re
from datetime import date

import phonenumbers

from .raw import ENTITIES, RawPackage
from .report import problem

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A cheap first pass: the phonenumbers matcher is slow, and a phone number has 8+ digits.
PHONE_CANDIDATE = re.compile(r"(?:\+?\d[\s.\-()/]*){8,}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Date columns and their precision companions.
DATED = {
    "date": "date_precision",
    "founded": "founded_precision",
    "since": "since_precision",
    "until": "until_precision",
    "deadline": "deadline_precision",
}
# Columns that hold a future date legitimately.
FUTURE_OK = {"deadline"}


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


def value_ranges(pkg: RawPackage, today: date):
    t = pkg.tables.get("figures")
    for line, row in t.rows if t else []:
        low, high = _number(row.get("value", "")), _number(row.get("value_max", ""))
        if low is not None and high is not None and high < low:
            yield problem(
                t.path, line, "value_max", "range", value=row["value"], value_max=row["value_max"]
            )


def precisions(pkg: RawPackage, today: date):
    expected_shape = {
        "month": ("-DD", "01"),
        "year": ("-MM-DD", "01-01"),
        "early-year": ("-MM-DD", "01-01"),
    }
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
                elif precision in expected_shape and _date(value):
                    suffix_label, suffix = expected_shape[precision]
                    if not value.endswith(suffix):
                        yield problem(
                            t.path,
                            line,
                            col,
                            "precision-date",
                            date=value,
                            precision=precision,
                            expected=f"AAAA{suffix_label} = …{suffix}",
                        )


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
            for col in ("date", "date_end", "founded", "since", "until", "published", "modified"):
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
            # One pass over the whole row first: most rows hold neither "@" nor 8+ digits.
            joined = "\x00".join(row.get(col, "") for col in text_cols)
            if "@" not in joined and not PHONE_CANDIDATE.search(joined):
                continue
            for col in text_cols:
                text = row.get(col, "")
                if not text or text.isdigit():  # a bare number (a postcode, a count) is no phone
                    continue
                if m := EMAIL.search(text):
                    yield problem(t.path, line, col, "email", match=m.group(0))
                if not PHONE_CANDIDATE.search(text):
                    continue
                matches = phonenumbers.PhoneNumberMatcher(
                    text, "FR", leniency=phonenumbers.Leniency.VALID
                )
                for match in matches:
                    yield problem(t.path, line, col, "phone", match=match.raw_string)


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
    future_dates,
    sources_used,
    duplicate_rows,
    kebab_ids,
    contact_data,
    units_match,
    self_relations,
    schema_texts,
]


def run(pkg: RawPackage, today: date | None = None):
    today = today or date.today()
    for rule in RULES:
        yield from rule(pkg, today)
