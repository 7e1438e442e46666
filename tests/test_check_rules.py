"""Unit tests for project rules that need more than one fixture to pin down."""

from datetime import date

from macros.check import rules as checks
from macros.check.raw import RawPackage, Table


def package(name, header, rows, schema=None):
    fields = schema or [{"name": h, "type": "string"} for h in header]
    table = Table(
        name,
        f"data/{name}.csv",
        {"fields": fields},
        header,
        [(i + 2, dict(zip(header, r, strict=True))) for i, r in enumerate(rows)],
    )
    return RawPackage(None, {"resources": []}, {name: table})


def codes(rule, pkg, today=date(2026, 1, 1)):
    return [(p.line, p.column, p.code) for p in rule(pkg, today)]


def test_planned_rows_may_lie_in_the_future():
    pkg = package(
        "announcements",
        ["id", "date", "planned"],
        [["a", "2030-01-01", "true"], ["b", "2030-01-01", "false"]],
    )
    assert codes(checks.future_dates, pkg) == [(3, "date", "future-date")]


def test_deadlines_may_lie_in_the_future():
    pkg = package("figures", ["id", "deadline"], [["a", "2030-01-01"]])
    assert codes(checks.future_dates, pkg) == []


def test_year_precision_needs_first_of_january():
    pkg = package(
        "organisations",
        ["id", "founded", "founded_precision"],
        [["a", "1991-01-01", "year"], ["b", "1991-06-01", "year"], ["c", "1991-06-01", "month"]],
    )
    assert codes(checks.precisions, pkg) == [(3, "founded", "precision-date")]


def test_twin_rule_works_both_ways():
    pkg = package(
        "indicators",
        ["id", "label_fr", "label_en"],
        [["a", "x", ""], ["b", "", "y"], ["c", "", ""]],
    )
    assert codes(checks.text_twins, pkg) == [
        (2, "label_en", "twin-missing"),
        (3, "label_fr", "twin-missing"),
    ]


def test_contact_data_spares_postcodes_and_years_but_finds_phones():
    rows = [
        ["a", "75007"],
        ["b", "Création : 1991, 190 000 entreprises"],
        ["c", "Tél. : 04 65 71 12 34"],
        ["d", "+44 20 7946 0018"],
        ["e", "ecrire à presse@example.org"],
    ]
    pkg = package("organisations", ["id", "text"], rows)
    assert codes(checks.contact_data, pkg) == [
        (4, "text", "phone"),
        (5, "text", "phone"),
        (6, "text", "email"),
    ]


def test_contact_data_ignores_non_text_fields():
    schema = [{"name": "id", "type": "string"}, {"name": "value", "type": "number"}]
    pkg = package("figures", ["id", "value"], [["a", "0199001234"]], schema)
    assert codes(checks.contact_data, pkg) == []
