"""Live preview: `mkdocs serve --dirty` (as `make serve` runs it) on a copy of the project (its
own code, imported from the copy) shows every edit, of data, prose, templates, schemas or code,
on the next fetch, in the pages and in the files, never an earlier build's; an edit renders
again only the pages it changed, and the preview's files are then those of a preview started
afresh; an invalid edit shows the problems. The module's server runs under BRIEFING_CHAOS:
every job and step of its builds is delayed at random, so that nothing here passes by
timing."""

import csv
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BASE

from macros.data import paths

pytestmark = pytest.mark.slow
PROJECT = paths.BUILD_FILES
# The served builds' own bound on every wait (BRIEFING_WAIT_S), and the tests' longer one:
# a request waits while the server builds (MkDocs holds it until the build ends), and a test
# never gives up before the server would.
SERVER_WAIT_S = 120
CLIENT_WAIT_S = SERVER_WAIT_S + 60
MAKE_SERVE = ("--dirty", "--strict")  # the Makefile's flags (a test checks)


def copy_project(target: Path) -> Path:
    """The project's build files, with the frozen fixture package, never the live data."""
    target.mkdir()
    for name in PROJECT:
        src = BASE if name == "datapackage" else paths.ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / name)
    return target


def project_env(project: Path, **more: str) -> dict:
    """The copy's code first on the path: a code edit in the copy is what its server runs."""
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(project),
        "BRIEFING_WAIT_S": str(SERVER_WAIT_S),
        **more,
    }
    env.pop("BRIEFING_PACKAGE", None)
    return env


@dataclass
class Served:
    project: Path
    base: str
    log: Path
    process: subprocess.Popen

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def site(self) -> Path:
        """The folder the server builds into: MkDocs' temporary one, in the server's TMPDIR."""
        (site,) = (self.log.parent / "tmp").glob("mkdocs_*")
        return site

    def files(self) -> dict[str, bytes]:
        """The served site's files, its address made neutral (sitemap.xml.gz read), but the
        search index, which follows the pages (the terminal says when it is current)."""
        host = self.base.split("//")[1].rstrip("/").encode()
        site, out = self.site(), {}
        for folder, dirs, names in os.walk(site):  # a vanished folder is skipped, never raised
            dirs[:] = [d for d in dirs if not d.lstrip(".").startswith("pagefind")]
            for name in names:
                path = Path(folder) / name
                data = path.read_bytes()
                data = gzip.decompress(data) if name.endswith(".gz") else data
                out[path.relative_to(site).as_posix()] = data.replace(host, b"HOST")
        return out


def serve(project: Path, log: Path, *flags: str, **env: str) -> Served:
    """`mkdocs serve` of the copy on a free port; another port if that one was taken meanwhile
    (the port is chosen, released, then bound by the server). Its temporary files (the site)
    in a folder of its own, beside its log."""
    (log.parent / "tmp").mkdir(exist_ok=True)
    env = {"TMPDIR": str(log.parent / "tmp"), "SOURCE_DATE_EPOCH": "315532800", **env}
    for _ in range(5):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *flags,
                   "--dev-addr", f"127.0.0.1:{port}"]  # fmt: skip
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=project, env=project_env(project, **env), stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        served = Served(project, f"http://127.0.0.1:{port}/", log, process)
        if _started(served):
            return served
        stop(served)
        if "Address already in use" not in served.said():
            raise AssertionError(f"the server did not start:\n{served.said()[-3000:]}")
    raise AssertionError("no free port")


def _started(served: Served) -> bool:
    deadline = time.monotonic() + CLIENT_WAIT_S
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            return False
        if "Serving on" in served.said():
            return True
        time.sleep(0.2)
    raise AssertionError(f"the server never served:\n{served.said()[-3000:]}")


def stop(served: Served) -> None:
    """Ctrl-C, as in a terminal; then no process of the session may be left."""
    try:
        os.killpg(served.process.pid, signal.SIGINT)
    except ProcessLookupError:
        return
    served.process.wait(timeout=CLIENT_WAIT_S)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(served.process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(served.process.pid, signal.SIGKILL)
    raise AssertionError("processes were left behind after Ctrl-C")


def get(url: str) -> tuple[int, str]:
    """(status, body); the request may wait while the server builds. Status 0: no answer
    (the preview restarting after a code edit)."""
    try:
        with urllib.request.urlopen(url, timeout=CLIENT_WAIT_S) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:  # refused or cut: the server is starting again
        return 0, ""


def wait_for(url: str, text: str, served: Served) -> str:
    deadline = time.monotonic() + 3 * CLIENT_WAIT_S
    while time.monotonic() < deadline:
        status, body = get(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}:\n{served.said()[-3000:]}")


def wait_for_log(served: Served, text: str) -> None:
    deadline = time.monotonic() + 3 * CLIENT_WAIT_S
    while time.monotonic() < deadline:
        if text in served.said():
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never logged:\n{served.said()[-3000:]}")


def set_cell(csv_path: Path, row_id: str, column: str, value: str) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(column)
    (row,) = [r for r in rows[1:] if r[0] == row_id]
    row[col] = value
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module's tests (each leaves the package valid), under chaos."""
    tmp_path = tmp_path_factory.mktemp("served")
    project = copy_project(tmp_path / "project")
    cache = str(tmp_path / "cache")
    server = serve(project, tmp_path / "serve.log", *MAKE_SERVE, BRIEFING_CHAOS="7",
                   BRIEFING_CACHE=cache)  # fmt: skip
    try:
        wait_for(server.base + "en/organisation/numeum/", "Numeum", server)
        yield server
    finally:
        stop(server)


def test_a_csv_edit_shows_on_the_next_fetch_and_an_invalid_one_shows_the_problems(served):
    base = served.base
    organisations = served.project / "datapackage" / "data" / "organisations.csv"
    page, download = base + "en/organisation/numeum/", base + "data/csv/organisations.csv"

    set_cell(organisations, "numeum", "description_en", "Edited while serving, first pass.")
    wait_for(page, "Edited while serving, first pass.", served)
    assert "Edited while serving, first pass." in get(download)[1]

    # An id that breaks the kebab-case rule: the server keeps running, the terminal and
    # every page show the problem, and nothing of the invalid package is published.
    set_cell(organisations, "numeum", "description_en", "Never published.")
    set_cell(organisations, "syntec-numerique", "id", "Syntec Numérique")
    problems = wait_for(base + "en/about/", "Syntec Numérique", served)
    assert "Invalid data package" in problems and "data/organisations.csv" in problems
    assert "Never published." not in problems
    assert "data/organisations.csv" in served.said()

    set_cell(organisations, "Syntec Numérique", "id", "syntec-numerique")
    set_cell(organisations, "numeum", "description_en", "Edited while serving, second pass.")
    wait_for(page, "Edited while serving, second pass.", served)
    assert "Edited while serving, second pass." in get(download)[1]


@pytest.mark.browser
def test_the_preview_reloads_the_browser_by_itself_after_an_edit(served, page):
    """MkDocs' live-reload script, which its server adds to every page, runs under the page's
    Content Security Policy: after an edit the open page shows it without a reload by hand."""
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    page.goto(served.base + "en/organisation/numeum/")
    assert "'unsafe-inline'" in page.locator(
        'meta[http-equiv="Content-Security-Policy"]'
    ).get_attribute("content")
    organisations = served.project / "datapackage" / "data" / "organisations.csv"
    set_cell(organisations, "numeum", "description_en", "Shown without a reload by hand.")
    page.wait_for_function(
        "() => document.body.innerText.includes('Shown without a reload by hand.')",
        timeout=CLIENT_WAIT_S * 1000,
    )
    assert blocked == []


def test_an_edit_never_shows_a_stale_page_chart_or_download(served):
    """Each edit reaches every page, chart and download of both languages together, and
    none of them ever shows an earlier edit once one shows a later one."""
    base = served.base
    figures = served.project / "datapackage" / "data" / "figures.csv"
    watched = {
        "fr": base + "figures/",
        "en": base + "en/figures/",
        "csv": base + "data/csv/figures.csv",
        "api": base + "api/v1/figures/france-ai-adoption-tpe.json",
        "chart": base + "charts/ai-adoption-rate-en.csv",
    }
    edits = ("alpha", "bravo", "charlie")  # no digits: prose may not add numbers
    for n, edit in enumerate(edits):
        label = f"Micro-businesses, edit {edit}"
        set_cell(figures, "france-ai-adoption-tpe", "label_en", label)
        set_cell(figures, "france-ai-adoption-tpe", "scope_en", label)
        wait_for(watched["en"], label, served)
        # Once one page shows it, the others of the same build do too: nothing stale.
        for name, url in watched.items():
            status, body = get(url)
            assert status == 200, (name, status)
            if name != "fr":  # the French page shows the French label
                assert label in body, (n, name)
            for earlier in edits[:n]:
                assert f"edit {earlier}" not in body, (n, name, earlier)


def test_prose_template_and_schema_edits_reach_the_pages_and_files(served):
    project, base = served.project, served.base
    replace_in(project / "docs" / "about.en.md", "# ", "Prose edited while serving.\n\n# ")
    wait_for(base + "en/about/", "Prose edited while serving.", served)

    template = project / "macros" / "pages" / "templates" / "organisation.html"
    template.write_text("<p>Template edited while serving.</p>\n" + template.read_text())
    wait_for(base + "organisation/numeum/", "Template edited while serving.", served)
    assert "Template edited while serving." in get(base + "en/person/veronique-torner/")[1] or (
        "Template edited while serving." in get(base + "en/organisation/medef/")[1]
    )

    schema = project / "datapackage" / "schemas" / "organisations.json"
    replace_in(schema, "Acronym, if the source gives one.", "Acronym, edited while serving.")
    wait_for(base + "en/data-dictionary/", "Acronym, edited while serving.", served)
    assert "Acronym, edited while serving." in get(base + "data/schemas/organisations.json")[1]


def test_an_edit_renders_again_only_the_pages_it_changed_and_the_preview_equals_a_fresh_one(
    served, tmp_path
):
    """A one-cell edit rewrites the prose pages (their macros read the data) and the generated
    pages whose view changed, no other; after edits of data, prose, templates, schemas and the
    theme, the preview's files are, byte for byte, a new preview's of the same sources."""
    project, base, site = served.project, served.base, served.site()
    records = {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns
        for folder in ("organisation", "person", "en/organisation", "en/person")
        for p in (site / folder).glob("*/index.html")
    }
    assert len(records) > 20
    organisations = project / "datapackage" / "data" / "organisations.csv"
    set_cell(organisations, "numeum", "description_en", "Edited, one record page again.")
    wait_for(base + "en/organisation/numeum/", "Edited, one record page again.", served)
    rewritten = {p for p, t in records.items() if (site / p).stat().st_mtime_ns != t}
    assert rewritten == {"en/organisation/numeum/index.html"}

    replace_in(project / "overrides" / "main.html", "{% block site_meta %}",
               "{% block site_meta %}\n  <!-- Theme edited while serving. -->")  # fmt: skip
    wait_for(base + "en/person/veronique-torner/", "Theme edited while serving.", served)
    fresh = serve(project, tmp_path / "fresh.log", *MAKE_SERVE,
                  BRIEFING_CACHE=str(tmp_path / "cache"))  # fmt: skip
    try:
        wait_for(fresh.base + "en/person/veronique-torner/", "Theme edited while serving.", fresh)
        assert get(base)[0] == 200  # the preview idle: no build of it is under way
        edited, new = served.files(), fresh.files()
    finally:
        stop(fresh)
    assert edited.keys() == new.keys()
    assert [p for p in edited if edited[p] != new[p]] == []


def test_a_removed_record_leaves_no_page_nor_file_behind(served):
    """A dirty build keeps every file it does not write: the plugin removes the pages and the
    published files the last build made and this one does not."""
    base = served.base
    organisations = served.project / "datapackage" / "data" / "organisations.csv"
    with organisations.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    copy = dict(zip(rows[0], rows[1], strict=True)) | {
        "id": "removed-while-serving", "description_en": "Added, then removed, while serving."
    }  # fmt: skip
    urls = (base + "en/organisation/removed-while-serving/",
            base + "api/v1/organisations/removed-while-serving.json")  # fmt: skip
    with organisations.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(copy[c] for c in rows[0])
    for url in urls:
        wait_for(url, "Added, then removed, while serving.", served)
    with organisations.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    wait_for_status(urls[0], 404, served)
    assert get(urls[1])[0] == 404  # the same build
    assert not list(served.site().rglob("removed-while-serving*"))


def wait_for_status(url: str, status: int, served: Served) -> None:
    deadline = time.monotonic() + 3 * CLIENT_WAIT_S
    while time.monotonic() < deadline:
        if get(url)[0] == status:
            return
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered {status}:\n{served.said()[-3000:]}")


def test_make_serve_runs_the_preview_these_tests_run():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    (line,) = [line for line in makefile.splitlines() if "mkdocs serve" in line]
    flags = line.split("mkdocs serve", 1)[1].split()
    assert {f for f in flags if f.startswith("--")} == {*MAKE_SERVE, "--livereload", "--dev-addr"}


def test_a_code_edit_restarts_the_preview_and_a_plain_build_then_gives_a_cold_builds_bytes(
    served, tmp_path
):
    """A code edit: the preview's process and workers ran the old code, so the preview starts
    again and serves the new code's output; the cache never keeps old code's output under
    the new code's key, so a plain build after it gives the bytes of a build from nothing."""
    project, base = served.project, served.base
    chart = base + "charts/ai-adoption-rate-en.svg"
    assert "#1f4e8c" in get(chart)[1].lower()
    replace_in(project / "macros" / "pages" / "charts.py", 'BAR = "#1f4e8c"', 'BAR = "#7b2d8e"')
    wait_for(chart, "#7b2d8e", served)
    wait_for_log(served, "The project's code changed")

    env = project_env(project, SOURCE_DATE_EPOCH="315532800")
    warm = _build(project, tmp_path / "warm", env | {"BRIEFING_CACHE": served_cache(served)})
    cold = _build(project, tmp_path / "cold", env | {"BRIEFING_CACHE": str(tmp_path / "new")})
    assert warm == cold and "#7b2d8e" in warm["charts/ai-adoption-rate-en.svg"].decode()


def served_cache(served: Served) -> str:
    return str(served.log.parent / "cache")


def _build(project: Path, out: Path, env: dict) -> dict[str, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("flags", [(), ("--clean",)], ids=["plain-killed", "clean"])
def test_every_kind_of_preview_answers_and_its_stop_leaves_nothing_behind(tmp_path, flags):
    """`mkdocs serve` and `--clean` (which MkDocs tells the plugin is a build) answer (the
    dirty one is the module's server, stopped by Ctrl-C). The plain one, whose pool lives
    across rebuilds, is stopped by SIGTERM to its process alone (a process manager's stop,
    `kill`): it ends as on Ctrl-C, and so do the pool's workers; `--clean` by Ctrl-C."""
    project = copy_project(tmp_path / "project")
    server = serve(project, tmp_path / "serve.log", *flags)  # the suite's cache: the same code
    try:
        status, body = get(server.base + "en/organisation/numeum/")
        assert status == 200 and "Numeum" in body, server.said()[-3000:]
        if flags:
            stop(server)  # Ctrl-C; it fails if a process is left
            return
        wait_for_log(server, "search index is up to date")  # the pool idle
        server.process.terminate()
        server.process.wait(timeout=CLIENT_WAIT_S)
        deadline = time.monotonic() + 30
        while _group_alive(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(server), "the pool's workers outlived the preview"
    finally:
        if _group_alive(server):
            os.killpg(server.process.pid, signal.SIGKILL)


def _group_alive(served: Served) -> bool:
    try:
        os.killpg(served.process.pid, 0)
    except ProcessLookupError:
        return False
    return True
