"""MkDocs hook: write record pages, charts and data files into docs/ before files are collected."""

import sys
from pathlib import Path

# The console script does not put the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import pages  # noqa: E402


def on_pre_build(config):
    # Runs once per language build (static-i18n); pages.write only touches changed files.
    pages.write(pages.record_files())
