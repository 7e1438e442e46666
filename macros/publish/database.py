"""The SQLite database: one table per resource with declared types, primary and foreign keys,
an index on every foreign key, and `_metadata` / `_fields` tables describing the package."""

import sqlite3
import tempfile
from pathlib import Path

from ..data.context import Context
from ..data.sql import METADATA_TABLES, create_statements, quote
from .tables import plain


def _value(value):
    if isinstance(value, bool):
        return int(value)
    return plain(value)


def sqlite_bytes(ctx: Context) -> bytes:
    pkg = ctx.descriptor
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.sqlite"
        con = sqlite3.connect(path)
        with con:
            for statement in METADATA_TABLES:
                con.execute(statement)
            meta = {
                "name": pkg["name"],
                "title_fr": pkg["title"],
                "title_en": pkg["title_en"],
                "description_fr": pkg["description"],
                "description_en": pkg["description_en"],
                "version": pkg["version"],
                "license": pkg["licenses"][0]["title"],
                "license_url": pkg["licenses"][0]["path"],
            }
            con.executemany("INSERT INTO _metadata VALUES (?, ?)", sorted(meta.items()))
            resources = [(r["name"], r["schema_data"]) for r in pkg["resources"]]
            for statement in create_statements(resources):
                con.execute(statement)
            for res in pkg["resources"]:
                names = [f["name"] for f in res["schema_data"]["fields"]]
                con.executemany(
                    "INSERT INTO _fields VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            res["name"],
                            f["name"],
                            f["type"],
                            f["title"],
                            f["title_en"],
                            f["description"],
                            f["description_en"],
                        )
                        for f in res["schema_data"]["fields"]
                    ],
                )
                placeholders = ", ".join("?" * len(names))
                con.executemany(
                    f"INSERT INTO {quote(res['name'])} VALUES ({placeholders})",
                    [[_value(rec[n]) for n in names] for rec in ctx.data[res["name"]].values()],
                )
        con.execute("VACUUM")
        con.close()
        return pinned_header(path.read_bytes())


# The SQLite library writes its own version into the file header (bytes 96-99): pinned to
# the one that made the recorded releases (3.40.1), so another library version on another
# machine does not change the file's bytes on that account alone.
HEADER_VERSION = (3_040_001).to_bytes(4, "big")


def pinned_header(raw: bytes) -> bytes:
    return raw[:96] + HEADER_VERSION + raw[100:]
