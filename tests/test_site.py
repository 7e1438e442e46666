"""Build the real site once into a temporary folder and check what readers get."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros import paths

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_headline_figure_formatted_per_locale(site):
    fr = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "300\u202f000" in fr and "109\u00a0Md\u00a0€" in fr
    assert "300,000" in en and "€109B" in en


def test_every_page_has_its_language(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = "en" if page.relative_to(site).parts[0] == "en" else "fr"
        assert f'<html lang="{lang}"' in html, page


def test_no_leftover_template_syntax(site):
    for page in site.rglob("*.html"):
        text = re.sub(
            r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S
        )
        assert "{{" not in text and "{%" not in text, page
