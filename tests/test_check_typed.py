"""check/typed.py: each cell typed once by frictionless's field readers, with its checks."""

from decimal import Decimal
from pathlib import Path

from macros.check.raw import RawPackage, Table
from macros.check.typed import type_package

SCHEMA = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"pattern": "[a-z]+"}},
        {"name": "since", "type": "year"},
        {"name": "active", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "share", "type": "number", "decimalChar": ",", "constraints": {"minimum": 0}},
        {"name": "parent", "type": "string"},
    ],
    "primaryKey": ["id"],
    "missingValues": [""],
    "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}],
}


def package(rows: list[dict]) -> RawPackage:
    table = Table("things", "data/things.csv", SCHEMA, [f["name"] for f in SCHEMA["fields"]])
    for line, row in enumerate(rows, start=2):
        table.rows.append((line, row))
    return RawPackage(Path("."), {"resources": []}, {"things": table})


def row(id, since="2019", active="oui", share="12,50", parent=""):
    return {"id": id, "since": since, "active": active, "share": share, "parent": parent}


def test_cells_are_typed_by_the_schema_options_and_keep_their_precision():
    records, problems = type_package(package([row("abc"), row("def", active="non", parent="abc")]))
    assert problems == []
    assert records["things"]["abc"] == {
        "id": "abc", "since": 2019, "active": True, "share": Decimal("12.50"), "parent": None
    }  # fmt: skip
    assert str(records["things"]["abc"]["share"]) == "12.50"
    assert records["things"]["def"]["active"] is False


def test_types_constraints_and_keys_are_located_problems():
    rows = [
        row("abc"),
        row("abc", since="later"),  # duplicate key, not a year
        row("Bad", share="-1"),  # pattern, minimum
        row("ghi", parent="nobody"),  # unknown parent
        {"id": "", "since": "", "active": "", "share": "", "parent": ""},  # blank row
    ]
    _, problems = type_package(package(rows))
    found = {(p.line, p.column, p.code) for p in problems}
    assert found == {
        (3, "since", "type-error"),
        (3, "id", "unique"),
        (4, "id", "pattern"),
        (4, "share", "minimum"),
        (5, "parent", "foreign-key"),
        (6, None, "blank-row"),
    }
    unknown = next(p for p in problems if p.code == "foreign-key")
    assert "nobody" in unknown.message_en and "things" in unknown.message_en


def test_the_validator_returns_the_records_the_build_uses():
    """The build takes the records the validator typed (one read of the package): they are
    those read_records reads from a valid package, value for value."""
    from conftest import BASE

    from macros.check.validate import checked
    from macros.data.records import read_records

    problems, records = checked(BASE / "datapackage.json")
    assert problems == []
    assert records == read_records(BASE / "datapackage.json")
