"""Live preview: `mkdocs serve` on a copy of the project shows a CSV edit on the next fetch,
in the record page and in the download, and an invalid edit keeps the last good site."""

import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import BASE

from macros.data import paths

pytestmark = pytest.mark.slow
PROJECT = paths.BUILD_FILES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}")


def _set_cell(csv_path: Path, row_id: str, column: str, value: str) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(column)
    (row,) = [r for r in rows[1:] if r[0] == row_id]
    row[col] = value
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module's tests (each leaves the package valid): its start and first
    build are paid once."""
    tmp_path = tmp_path_factory.mktemp("served")
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT:
        # The frozen fixture package, not the live data, which curators change.
        src = BASE if name == "datapackage" else paths.ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, project / name)
    port = _free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("BRIEFING_PACKAGE", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--livereload", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "en/organisation/numeum/", "Numeum", timeout=120)
        yield project, base, tmp_path / "serve.log"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_a_csv_edit_shows_on_the_next_fetch_and_an_invalid_one_shows_the_problems(served):
    project, base, log = served
    organisations = project / "datapackage" / "data" / "organisations.csv"
    page, download = base + "en/organisation/numeum/", base + "data/csv/organisations.csv"

    _set_cell(organisations, "numeum", "description_en", "Edited while serving, first pass.")
    _wait_for(page, "Edited while serving, first pass.")
    assert "Edited while serving, first pass." in _get(download)

    # An id that breaks the kebab-case rule: the server keeps running, the terminal and
    # every page show the problem, and nothing of the invalid package is published.
    _set_cell(organisations, "numeum", "description_en", "Never published.")
    _set_cell(organisations, "syntec-numerique", "id", "Syntec Numérique")
    _wait_for_log(log, "Invalid data package")
    assert "data/organisations.csv" in log.read_text(encoding="utf-8")
    problems = _wait_for(base + "en/", "Invalid data package")
    assert "data/organisations.csv" in problems and "Syntec Numérique" in problems
    assert "Never published." not in problems

    _set_cell(organisations, "Syntec Numérique", "id", "syntec-numerique")
    _set_cell(organisations, "numeum", "description_en", "Edited while serving, second pass.")
    _wait_for(page, "Edited while serving, second pass.")
    assert "Edited while serving, second pass." in _get(download)


def _wait_for_log(log: Path, text: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never logged:\n{log.read_text(encoding='utf-8')[-2000:]}")


def test_an_edit_never_shows_a_stale_page_chart_or_download(served):
    """The other language's build and the publisher stay alive between rebuilds: each edit
    reaches every page, chart and download of both languages together, and none of them
    ever shows an earlier edit once the server has reloaded with a later one."""
    project, base, log = served
    figures = project / "datapackage" / "data" / "figures.csv"
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
        _set_cell(figures, "france-ai-adoption-tpe", "label_en", label)
        _set_cell(figures, "france-ai-adoption-tpe", "scope_en", label)
        _wait_for(watched["en"], label)
        # Once one page shows it, the others of the same build do too: nothing stale.
        for name, url in watched.items():
            body = _get(url)
            assert body is not None, name
            if name != "fr":  # the French page shows the French label
                assert label in body, (n, name)
            for earlier in edits[:n]:
                assert f"edit {earlier}" not in body, (n, name, earlier)
        # The search indexes are made after the pages: a request for one waits, never a 404.
        for root in ("", "en/"):
            assert _get(f"{base}{root}pagefind/pagefind-entry.json") is not None, (n, root)
    # One server process for all the rebuilds: the workers were not started again.
    said = log.read_text(encoding="utf-8")
    assert "Publishing the files failed" not in said and "A language build failed" not in said
