"""Every location the project uses, in one place. Imports nothing from the project."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "datapackage"
# BRIEFING_PACKAGE lets the build and the benchmark use another package of the same shape.
PACKAGE = Path(os.environ.get("BRIEFING_PACKAGE", PACKAGE_DIR / "datapackage.json")).resolve()
CHANGELOG = PACKAGE_DIR / "CHANGELOG.md"
DOCS = ROOT / "docs"
# Written by the build hook (hooks/generate.py) and git-ignored:
CHARTS = DOCS / "assets" / "charts"
DOCS_DATA = DOCS / "data"
DOCS_API = DOCS / "api"
TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCALES = Path(__file__).resolve().parent / "locales"
