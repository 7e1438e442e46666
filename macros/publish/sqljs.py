"""sql.js, SQLite compiled to WebAssembly, served from the site for the SQL page: the two files
of the version package-lock.json pins, as `npm ci` installs them (make site and make serve
run it first). No other host is asked for anything."""

from ..data import paths
from ..format.language import both_languages

SQLJS = "assets/sqljs/"
FILES = ("sql-wasm.js", "sql-wasm.wasm", "LICENSE")


class SqlJsMissing(Exception):
    """npm ci has not installed sql.js where the build reads it."""


def files() -> dict[str, bytes]:
    folder = paths.SQLJS
    found = {}
    for name in FILES:
        path = (folder.parent if name == "LICENSE" else folder) / name
        if not path.is_file():
            raise SqlJsMissing(both_languages("notice_sqljs_missing", path=str(path)))
        found[SQLJS + name] = path.read_bytes()
    return found
