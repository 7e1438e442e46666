"""The SQLite database: one table per resource with declared types, primary and foreign keys,
an index on every foreign key, and `_metadata` / `_fields` tables describing the package."""

import sqlite3
import tempfile
from pathlib import Path

from ..data.context import Context
from ..data.records import referenced
from .tables import plain

TYPES = {
    "string": "TEXT",
    "number": "REAL",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "date": "TEXT",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(ctx: Context) -> list[str]:
    out = []
    for res in ctx.descriptor["resources"]:
        schema, table = res["schema_data"], res["name"]
        cols = []
        for f in schema["fields"]:
            decl = f"{_quote(f['name'])} {TYPES[f['type']]}"
            if f.get("constraints", {}).get("required"):
                decl += " NOT NULL"
            if f["type"] == "boolean":
                decl += f" CHECK ({_quote(f['name'])} IN (0, 1))"
            cols.append(decl)
        cols.append(f"PRIMARY KEY ({', '.join(map(_quote, schema['primaryKey']))})")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            cols.append(
                f"FOREIGN KEY ({_quote(fk['fields'])}) REFERENCES {_quote(referenced(fk, table))} ({_quote(ref['fields'])})"
            )
        out.append(f"CREATE TABLE {_quote(table)} (\n  " + ",\n  ".join(cols) + "\n) STRICT")
        for fk in schema.get("foreignKeys", []):
            index = _quote(f"idx_{table}_{fk['fields']}")
            out.append(f"CREATE INDEX {index} ON {_quote(table)} ({_quote(fk['fields'])})")
    return out


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
            con.execute("CREATE TABLE _metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
            con.execute(
                "CREATE TABLE _fields (resource TEXT NOT NULL, field TEXT NOT NULL, type TEXT NOT NULL,"
                " title_fr TEXT, title_en TEXT, description_fr TEXT, description_en TEXT,"
                " PRIMARY KEY (resource, field)) STRICT"
            )
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
            for statement in create_statements(ctx):
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
                    f"INSERT INTO {_quote(res['name'])} VALUES ({placeholders})",
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
