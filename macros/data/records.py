"""The data package read into typed records, and its descriptor with the schemas read in."""

import csv
import json
from pathlib import Path


class Record(dict):
    """A row whose fields read as attributes in code and templates (`fig.value`).

    Every field of the Table Schema is present (None when the cell is empty); any other name
    raises, so a typo fails the build instead of rendering as empty text.
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"record has no field {name!r} (fields: {', '.join(self)})"
            ) from None


Records = dict[str, dict[str, Record]]


def cell_readers(schema_data: dict) -> list[tuple[str, object]]:
    """(field name, frictionless's own cell reader) for each field: every Table Schema type
    and option (year, trueValues, decimalChar, groupChar, missingValues...) read as
    frictionless reads it, numbers as Decimals that keep their written precision."""
    from frictionless import Schema

    described = {k: v for k, v in schema_data.items() if k != "computedFields"}
    return [(f.name, f.create_cell_reader()) for f in Schema.from_descriptor(described).fields]


def read_records(package: Path) -> Records:
    """{resource name: {id: record}} with values typed by the Table Schemas.

    For a package known to be valid (a release's bytes, tests): the build takes the records
    the validator typed (check/typed.py), with the same cell readers.
    """
    descriptor = read_descriptor(package)
    out = {}
    for res in descriptor["resources"]:
        fields = cell_readers(res["schema_data"])
        with (package.parent / res["path"]).open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows)  # the header, checked against the schema by the validator
            records = (
                Record(
                    (name, read(cell)[0]) for (name, read), cell in zip(fields, row, strict=True)
                )
                for row in rows
            )
            out[res["name"]] = {rec["id"]: rec for rec in records}
    return out


def read_descriptor(package: Path) -> dict:
    """datapackage.json with each resource's schema file read in (key `schema_data`)."""
    data = json.loads(package.read_text(encoding="utf-8"))
    for res in data["resources"]:
        res["schema_data"] = json.loads(
            (package.parent / res["schema"]).read_text(encoding="utf-8")
        )
    return data


def published_schema(schema: dict, computed: tuple[str, ...], foreign_keys=()) -> dict:
    """A schema as published: the fields it describes under "computedFields" (columns the
    build adds) join the curated ones, in the order `computed` gives."""
    out = {k: v for k, v in schema.items() if k != "computedFields"}
    if "computedFields" not in schema:  # already published
        return out
    described = {f["name"]: f for f in schema["computedFields"]}
    out["fields"] = schema["fields"] + [described[name] for name in computed]
    out["foreignKeys"] = schema.get("foreignKeys", []) + list(foreign_keys)
    return out


def referenced(foreign_key: dict, resource: str) -> str:
    """The resource a foreign key points to ("" in Table Schema: the resource itself)."""
    return foreign_key["reference"]["resource"] or resource
