"""Every location the project uses, in one place. Imports nothing from the project."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "datapackage"
# BRIEFING_PACKAGE lets the build and the benchmark use another package of the same shape.
PACKAGE = Path(os.environ.get("BRIEFING_PACKAGE", PACKAGE_DIR / "datapackage.json")).resolve()
CHANGELOG = PACKAGE_DIR / "CHANGELOG.md"
DOCS = ROOT / "docs"
GENERATED = DOCS / "generated"  # record pages written by the build hook (git-ignored)
TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCALES = Path(__file__).resolve().parent / "locales"
SITE = ROOT / "site"
