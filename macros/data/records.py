"""The data package read into typed records, and its descriptor with the schemas read in."""

import json
from pathlib import Path

from frictionless import Package


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


def read_records(package: Path) -> Records:
    """{resource name: {id: record}} with values typed by the Table Schemas."""
    pkg = Package(str(package))
    out = {}
    for res in pkg.resources:
        # The package was validated first; reading without foreign keys skips frictionless's
        # lookup tables (most of the load time).
        res.schema.foreign_keys = []
        out[res.name] = {row["id"]: Record(row) for row in res.read_rows()}
    return out


def read_descriptor(package: Path) -> dict:
    """datapackage.json with each resource's schema file read in (key `schema_data`)."""
    data = json.loads(package.read_text(encoding="utf-8"))
    for res in data["resources"]:
        res["schema_data"] = json.loads(
            (package.parent / res["schema"]).read_text(encoding="utf-8")
        )
    return data
