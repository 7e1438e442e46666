"""The benchmark's generator at a tiny scale: its packages validate and the site builds."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run
from bench.generate import generate
from macros.check.validate import validate
from macros.data.listings import LISTINGS
from tests.html_text import broken_links

pytestmark = pytest.mark.slow


def test_tiny_package_is_valid_and_builds(tmp_path, monkeypatch):
    package = generate("tiny", tmp_path / "package")
    assert validate(package) == []
    cli = Path(sys.executable).parent / "frictionless"
    assert subprocess.run([str(cli), "validate", str(package)], capture_output=True).returncode == 0
    monkeypatch.setattr(run, "WORK", tmp_path / "work")
    project = run.project_copy("tiny")
    env = os.environ | {
        "BRIEFING_PACKAGE": str(package),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),
    }
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-q", "-d", str(project / "site")],
        env=env,
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (project / "site" / "organisation" / "synthetic-org-3" / "index.html").exists()
    assert (project / "site" / "en" / "person" / "synthetic-person-7" / "index.html").exists()
    metrics = run.site_metrics(project / "site")
    assert metrics["html_pages"] > 100 and metrics["search_first_query_kb"] > 0
    # Every listing that spills over one part has its part 2 in both languages (the targets
    # listing once linked to a /targets/2/ that was never generated), and every link resolves.
    site = project / "site"
    for listing in LISTINGS.values():
        if (site / listing.path / "2").exists():
            assert (site / "en" / listing.path / "2" / "index.html").exists(), listing.name
    assert (site / "targets" / "2" / "index.html").exists()
    assert broken_links(site) == []


def test_plain_site_has_the_requested_pages(tmp_path):
    site = run.plain_site(25, tmp_path / "plain")
    pages = sorted((site / "docs").rglob("*.md"))
    assert len(pages) == 25
    for page in pages:
        title, paragraph = page.read_text(encoding="utf-8").strip().split("\n\n")
        assert title.startswith("# ") and "\n" not in paragraph
        assert 30 <= len(paragraph.split()) <= 60
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "name: material" in config and "custom_dir" not in config
    assert "- search" in config and "not_in_nav" in config


def test_the_preview_floor_times_plain_material_serving_an_edit_and_puts_the_page_back(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(run, "WORK", tmp_path / "work")
    run.WORK.mkdir()
    site = run.plain_site(3, tmp_path / "plain")
    before = {p: p.read_bytes() for p in (site / "docs").rglob("*.md")}
    seconds = run.preview_floor(site)
    assert 0 < seconds < 60
    assert {p: p.read_bytes() for p in (site / "docs").rglob("*.md")} == before
