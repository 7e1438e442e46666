"""The data package as typed records, loaded once per process.

static-i18n runs every plugin once per language, so the cache matters: the package is read
once, however many times MkDocs calls define_env or the hooks.
"""

import json
from functools import cache
from pathlib import Path

from frictionless import Package

from . import paths


class Record(dict):
    """A row whose fields read as attributes in templates (`fig.value`), missing ones as None."""

    def __getattr__(self, name):
        return self.get(name)


@cache
def load(package: Path = paths.PACKAGE) -> dict[str, dict[str, Record]]:
    """Return {resource name: {id: record}} with values typed by the Table Schemas."""
    pkg = Package(str(package))
    out = {}
    for res in pkg.resources:
        # Validation has checked the foreign keys; reading without them skips frictionless's
        # lookup tables (most of the load time).
        res.schema.foreign_keys = []
        out[res.name] = {row["id"]: Record(row) for row in res.read_rows()}
    return out


@cache
def descriptor(package: Path = paths.PACKAGE) -> dict:
    """datapackage.json with each resource's schema file read in (key `schema_data`)."""
    data = json.loads(package.read_text(encoding="utf-8"))
    for res in data["resources"]:
        res["schema_data"] = json.loads(
            (package.parent / res["schema"]).read_text(encoding="utf-8")
        )
    return data
