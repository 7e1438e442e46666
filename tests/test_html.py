"""Valid, reproducible, locked-down HTML: Nu Html Checker, two identical builds, CSP."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import BASE, SITE_ENV, mkdocs_build

from macros.data import paths
from macros.pages import security

pytestmark = [pytest.mark.slow, pytest.mark.node]
VNU = paths.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KNOWN = yaml.safe_load((Path(__file__).parent / "vnu-theme-errors.yml").read_text(encoding="utf-8"))
PAGE_TYPES = ["", "figures/", "targets/", "charts/", "timeline/", "organisations/", "organisation/numeum/",
              "people/", "person/veronique-torner/", "sources/", "data/", "data-dictionary/", "about/",
              "briefing/", "embed/ai-adoption-rate/"]  # fmt: skip


def vnu(files) -> list[dict]:
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True)
    return json.loads(result.stderr or result.stdout)["messages"]


def known(message: dict) -> bool:
    return any(
        k["message"] in message["message"] and k["extract"] in message.get("extract", "")
        for k in KNOWN
    )


def test_every_page_type_is_valid_html(site):
    pages = [site / p / "index.html" for p in PAGE_TYPES] + [
        site / "en" / p / "index.html" for p in PAGE_TYPES
    ]
    messages = vnu([*pages, site / "404.html"])
    ours = [m for m in messages if not known(m)]
    assert not ours, [
        (m["url"].split("/site")[-1], m.get("lastLine"), m["message"]) for m in ours[:15]
    ]


def test_known_theme_errors_still_occur(site):
    """An entry that no longer matches anything is stale and must go."""
    messages = vnu([site / "index.html"])
    for entry in KNOWN:
        assert any(entry["message"] in m["message"] for m in messages), entry["message"]


def test_checker_reports_our_own_mistakes(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="fr"><title>x</title><p><div id="a"></div><span id="a"></span>'
    )
    assert any("Duplicate ID" in m["message"] for m in vnu([page]))


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_the_drop_in_fork_builds_the_same_site(site, tmp_path):
    """ProperDocs, the maintained drop-in fork of MkDocs 1.6, builds the test site (every
    language, the publisher, search) to the same bytes, apart from the generator's own name and
    version in the pages' metadata: a move off MkDocs, whose theme ends its life in 2027,
    stays open."""
    out = tmp_path / "properdocs"
    result = mkdocs_build(out, BASE / "datapackage.json", generator="properdocs", **SITE_ENV)
    assert result.returncode == 0, result.stderr[-2000:]
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys() and len(ours) > 200
    differ = [
        str(k) for k in ours
        if GENERATOR.sub(b"", ours[k]) != GENERATOR.sub(b"", theirs[k])
    ]  # fmt: skip
    assert differ == []


def test_csp_lists_exactly_the_inline_scripts():
    html = '<meta charset="utf-8"><script>a()</script><script src="x.js"></script><script type="application/json">{}</script>'
    out = security.add_csp(html)
    policy = out.split('content="')[1].split('"')[0]
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert policy.count("'sha256-") == 1
    assert security.add_csp(out) == out


def test_every_page_carries_a_csp(site):
    for page in site.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page


def test_two_builds_are_byte_identical(site, tmp_path):
    """Every file of the site: pages, sitemap, feeds, search index, downloads, API. The test
    site again, in another folder, with another hash seed."""
    result = mkdocs_build(
        tmp_path / "b", BASE / "datapackage.json", **SITE_ENV | {"PYTHONHASHSEED": "2"}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    a = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    b = {
        p.relative_to(tmp_path / "b"): p.read_bytes()
        for p in (tmp_path / "b").rglob("*")
        if p.is_file()
    }
    assert a.keys() == b.keys()
    assert sorted(str(k) for k in a if a[k] != b[k]) == []
    assert len(a) > 200
