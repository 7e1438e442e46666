"""The layout: stages import in one direction (the import-linter contracts in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

from macros.data import paths


def test_stages_import_in_one_direction():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=paths.ROOT
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_nothing_is_generated_into_docs():
    """docs/ holds hand-written prose only: every page is a pair <page>.md / <page>.en.md."""
    pages = {p.relative_to(paths.DOCS).as_posix() for p in paths.DOCS.rglob("*.md")}
    french = {p for p in pages if not p.endswith(".en.md")}
    assert {p.removesuffix(".md") + ".en.md" for p in french} == pages - french
    assert not any("/" in p for p in pages), sorted(p for p in pages if "/" in p)
