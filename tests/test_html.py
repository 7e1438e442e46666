"""Valid, reproducible, locked-down HTML: Nu Html Checker, two identical builds, CSP."""

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import BASE, SITE_ENV, mkdocs_build

from macros.data import paths
from macros.pages import security

pytestmark = [pytest.mark.slow, pytest.mark.node]
VNU = paths.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KNOWN = yaml.safe_load((Path(__file__).parent / "vnu-theme-errors.yml").read_text(encoding="utf-8"))
PAGE_TYPES = ["", "figures/", "targets/", "charts/", "timeline/", "organisations/", "organisation/numeum/",
              "people/", "person/veronique-torner/", "sources/", "data/", "sql/", "data-dictionary/", "about/",
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


@pytest.fixture(scope="module")
def checked(site, tmp_path_factory):
    """One run of the checker (a Java start each is seconds) over every page type in both
    languages, the 404 page and a page with mistakes of our own: its messages by file."""
    bad = tmp_path_factory.mktemp("vnu") / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="fr"><title>x</title><p><div id="a"></div><span id="a"></span>'
    )
    pages = [site / p / "index.html" for p in PAGE_TYPES] + [
        site / "en" / p / "index.html" for p in PAGE_TYPES
    ]
    files = [*pages, site / "404.html", bad]
    messages = {f: [] for f in files}
    for m in vnu(files):
        messages[Path(unquote(urlsplit(m["url"]).path))].append(m)
    return messages, pages, bad


def test_every_page_type_is_valid_html(site, checked):
    messages, pages, _ = checked
    ours = [m for p in [*pages, site / "404.html"] for m in messages[p] if not known(m)]
    assert not ours, [
        (m["url"].split("/site")[-1], m.get("lastLine"), m["message"]) for m in ours[:15]
    ]


def test_known_theme_errors_still_occur(site, checked):
    """An entry that no longer matches anything is stale and must go."""
    home = checked[0][site / "index.html"]
    for entry in KNOWN:
        assert any(entry["message"] in m["message"] for m in home), entry["message"]


def test_checker_reports_our_own_mistakes(checked):
    messages, _, bad = checked
    assert any("Duplicate ID" in m["message"] for m in messages[bad])


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_a_second_build_by_the_drop_in_fork_gives_the_same_bytes(site, tmp_path):
    """Every file of the site (pages, sitemap, feeds, search index, downloads, API) built
    again, in another folder, with another hash seed, by ProperDocs, the maintained drop-in
    fork of MkDocs 1.6, under chaos (BRIEFING_CHAOS: every job and step of the build delayed
    at random, outputs/pool.py): the same bytes, apart from the generator's own name and
    version in the pages' metadata, from an empty cache of outputs (the first build's charts,
    cards and releases are made again). The build is reproducible whatever process gets where
    first, and a move off MkDocs, whose theme ends its life in 2027, stays open. It is built
    over an older site, whose files (set aside and deleted by a worker while the package is
    read, data/writing.py) are all gone, with what an interrupted build set aside."""
    out, cache = tmp_path / "properdocs", tmp_path / "empty-cache"
    for old in ("stale/index.html", "en/stale.json", "data/csv/stale.csv",
                ".briefing-old/interrupted/index.html"):  # fmt: skip
        (out / old).parent.mkdir(parents=True, exist_ok=True)
        (out / old).write_text("an older build's", encoding="utf-8")
    env = SITE_ENV | {"PYTHONHASHSEED": "2", "BRIEFING_CACHE": str(cache), "BRIEFING_CHAOS": "1"}
    result = mkdocs_build(out, BASE / "datapackage.json", generator="properdocs", **env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert any((cache / "outputs").iterdir())  # made there, not read from the first build's
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
    # Served by `mkdocs serve`: its live-reload script, new at each request, may run.
    served = security.add_csp(html, live_reload=True).split('content="')[1].split('"')[0]
    assert "'unsafe-inline'" in served and "'sha256-" not in served


def test_every_page_carries_a_csp(site):
    for page in site.rglob("*.html"):
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page
