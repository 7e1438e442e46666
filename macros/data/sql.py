"""The package as SQLite tables: the statements that create them (one table per resource with
declared types, primary and foreign keys, an index on every foreign key, and the `_metadata`
and `_fields` tables that describe the package), and the one check an example query of the
SQL page gets. The published database (publish/database.py) and the validator
(check/query_rules.py) read them from here, so they cannot disagree on a table or a column."""

import sqlite3
from collections.abc import Iterable

from .records import referenced

TYPES = {
    "string": "TEXT",
    "number": "REAL",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "date": "TEXT",
}
METADATA_TABLES = (
    "CREATE TABLE _metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "CREATE TABLE _fields (resource TEXT NOT NULL, field TEXT NOT NULL, type TEXT NOT NULL,"
    " title_fr TEXT, title_en TEXT, description_fr TEXT, description_en TEXT,"
    " PRIMARY KEY (resource, field)) STRICT",
)
# A query of the SQL page reads: what SQLite's authorizer lets it do (everything else, any
# write included, is refused while the statement is prepared).
READING = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
# How many SQLite steps a query may take on the empty tables the check creates.
STEPS = 100_000


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(resources: Iterable[tuple[str, dict]]) -> list[str]:
    """(resource name, Table Schema) -> CREATE TABLE and CREATE INDEX statements."""
    out = []
    for table, schema in resources:
        cols = []
        for f in schema["fields"]:
            decl = f"{quote(f['name'])} {TYPES.get(f.get('type', 'string'), 'TEXT')}"
            if f.get("constraints", {}).get("required"):
                decl += " NOT NULL"
            if f.get("type") == "boolean":
                decl += f" CHECK ({quote(f['name'])} IN (0, 1))"
            cols.append(decl)
        cols.append(f"PRIMARY KEY ({', '.join(map(quote, schema['primaryKey']))})")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            cols.append(
                f"FOREIGN KEY ({quote(fk['fields'])}) REFERENCES {quote(referenced(fk, table))} ({quote(ref['fields'])})"
            )
        out.append(f"CREATE TABLE {quote(table)} (\n  " + ",\n  ".join(cols) + "\n) STRICT")
        for fk in schema.get("foreignKeys", []):
            index = quote(f"idx_{table}_{fk['fields']}")
            out.append(f"CREATE INDEX {index} ON {quote(table)} ({quote(fk['fields'])})")
    return out


def query_problem(resources: Iterable[tuple[str, dict]], query: str) -> tuple[str, str] | None:
    """Why a query cannot run on the published database, or None: ("query-writes", "") for a
    query that would change it, ("query-invalid", SQLite's message) for one SQLite refuses
    (unknown table or column, a syntax error, more than one statement), or one that takes
    too long on empty tables."""
    con = sqlite3.connect(":memory:")
    try:
        for statement in (*METADATA_TABLES, *create_statements(resources)):
            con.execute(statement)
        writes = []

        def authorize(action, *_):
            if action in READING:
                return sqlite3.SQLITE_OK
            writes.append(action)
            return sqlite3.SQLITE_DENY

        con.set_authorizer(authorize)
        steps = iter(range(STEPS))
        con.set_progress_handler(lambda: next(steps, None) is None, 1000)
        try:
            con.execute(query).fetchall()
        except (sqlite3.Error, sqlite3.Warning) as exc:
            return ("query-writes", "") if writes else ("query-invalid", str(exc))
        return None
    finally:
        con.close()
