"""Every location the project uses, in one place. Nothing is read from the environment here:
the package a build reads is chosen by the build layer and passed down."""

from pathlib import Path

MACROS = Path(__file__).resolve().parent.parent
ROOT = MACROS.parent
PACKAGE = ROOT / "datapackage" / "datapackage.json"
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
TEMPLATES = MACROS / "pages" / "templates"
# sql.js as `npm ci` installs it from package-lock.json: the SQL page's WebAssembly SQLite.
SQLJS = ROOT / "node_modules" / "sql.js" / "dist"
# What a copy of the project needs to build its site (the benchmark's and the tests' copies):
# every language's MkDocs configuration, the prose, the code, the theme overrides and the data.
BUILD_FILES = tuple(sorted(p.name for p in ROOT.glob("mkdocs*.yml"))) + (
    "docs",
    "macros",
    "overrides",
    "datapackage",
    "node_modules",
)


def changelog(package: Path) -> Path:
    """The package's CHANGELOG.md, beside its datapackage.json."""
    return package.parent / "CHANGELOG.md"
