"""The benchmark's generator at a tiny scale: its packages validate and the site builds."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run
from bench.generate import generate
from macros.check.validate import validate

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
    assert metrics["html_pages"] > 100 and metrics["search_index_gz_kb"] > 0


def test_plain_site_has_the_requested_pages(tmp_path):
    site = run.plain_site(25, 4000, tmp_path / "plain")
    assert len(list((site / "docs").rglob("*.md"))) == 25
