"""The layout: stages import in one direction (the import-linter contracts in pyproject.toml)."""

import re
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


# Records whose ids would be editorial choices if code named them (code lists such as kinds,
# units and precisions have meanings the code implements, and are not checked).
RECORDS = (
    "figures", "indicators", "announcements", "commitments", "outcomes", "organisations",
    "people", "roles", "relations", "sources", "featured_figures", "charts",
)  # fmt: skip


def test_no_id_of_the_live_data_is_written_in_code_templates_or_overrides():
    """Editorial choices are data (featured_figures.csv, charts.csv): the code, its templates
    and the theme overrides name no record. Ids of one word ("numeum") are left out: they
    are ordinary words a new record could share with the code without being named by it."""
    from macros.data.records import read_records

    data = read_records(paths.PACKAGE)
    ids = {i for name in RECORDS for i in data.get(name, {}) if "-" in i}
    files = [
        p
        for folder in (paths.ROOT / "macros", paths.ROOT / "overrides")
        for p in folder.rglob("*")
        if p.suffix in (".py", ".html", ".yml", ".js", ".css")
    ]
    found = [
        (str(p.relative_to(paths.ROOT)), i)
        for p in files
        for i in ids
        if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_theme_files_we_override_are_those_we_copied():
    """Each overridden template is a copy of the installed theme's (or MkDocs' own sitemap)
    with a change; main.html extends its base.html. An upgrade that changes one of them fails
    here, naming the file to compare before updating tests/theme-upstream.json."""
    import hashlib
    import json
    from importlib.metadata import version

    import material
    import mkdocs

    recorded = json.loads((paths.ROOT / "tests" / "theme-upstream.json").read_text("utf-8"))
    upstream = {
        "mkdocs-material": (Path(material.__file__).parent / "templates", recorded["files"]),
        "mkdocs": (Path(mkdocs.__file__).parent / "templates", recorded["mkdocs_files"]),
    }
    for package, (folder, files) in upstream.items():
        changed = [
            rel
            for rel, digest in files.items()
            if hashlib.sha256((folder / rel).read_bytes()).hexdigest() != digest
        ]
        assert changed == [], (
            f"{package} {recorded[package]} -> {version(package)}: "
            f"compare {changed} with overrides/, then update tests/theme-upstream.json"
        )
    overrides = paths.ROOT / "overrides"
    overridden = {p.relative_to(overrides).as_posix() for p in overrides.rglob("*") if p.is_file()}
    copied = recorded["files"].keys() | recorded["mkdocs_files"].keys()
    assert overridden - {"main.html"} <= copied and "base.html" in copied
