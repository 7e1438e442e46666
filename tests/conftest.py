import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from filelock import FileLock
from playwright.sync_api import sync_playwright

from macros.data import paths
from macros.data.config import SiteConfig
from macros.data.context import Context
from macros.generator.config import load_site_config
from macros.generator.programs import find_chromium, require

FIXTURES = Path(__file__).parent / "fixtures"


# A shell that runs a command in the background without job control (a script's `make test &`)
# makes it ignore Ctrl-C, and every process it starts inherits that: the previews the serve
# tests stop as a terminal's Ctrl-C would then never end. The suite's processes take Ctrl-C
# back, as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_configure(config):
    """The suite's own cache (data/cache.py), new for each run and shared by its workers and
    the builds they start (which inherit the environment): never the repository's .cache/,
    which a developer's builds fill."""
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        config.briefing_cache = tempfile.mkdtemp(prefix="briefing-test-cache-")
        os.environ["BRIEFING_CACHE"] = config.briefing_cache


def pytest_unconfigure(config):
    if hasattr(config, "briefing_cache"):
        shutil.rmtree(config.briefing_cache, ignore_errors=True)


# A site configuration for in-process tests that need no mkdocs.yml.
TEST_CONFIG = SiteConfig(
    languages=("fr", "en"),
    site_names={"fr": "Briefing de test", "en": "Test Briefing"},
    site_url="https://example.org/briefing/",
    repo_url="",
)
BASE = FIXTURES / "base"
# A French-format phone number for the tests that must find one. Put together at run time so
# that no file of the repository holds a phone number outside the ranges kept for fiction.
FRENCH_PHONE = " ".join(["01"] + ["00"] * 4)


def apply_case(case: dict, target: Path) -> Path:
    """Copy the valid base package into target and break it as the case says."""
    shutil.copytree(BASE, target)
    for op in case["ops"]:
        ((kind, arg),) = op.items()
        if kind == "delete":
            (target / arg).unlink()
            continue
        path = target / arg["file"]
        if kind == "replace":
            text = path.read_text(encoding="utf-8")
            assert arg["old"] in text, f"fixture is stale: {arg['old']!r} not in {arg['file']}"
            new = arg["new"].replace("<french phone>", FRENCH_PHONE)
            path.write_text(text.replace(arg["old"], new, 1), encoding="utf-8")
        elif kind == "append":
            with path.open("a", encoding="utf-8") as f:
                f.write(arg["text"])
        elif kind == "replace_bytes":
            raw = path.read_bytes()
            old, new = bytes.fromhex(arg["old"]), bytes.fromhex(arg["new"])
            assert old in raw
            path.write_bytes(raw.replace(old, new, 1))
        elif kind == "prepend_bytes":
            path.write_bytes(bytes.fromhex(arg["hex"]) + path.read_bytes())
        else:
            raise ValueError(kind)
    return target / "datapackage.json"


@pytest.fixture(scope="session")
def site_config():
    """The real site configuration, read from mkdocs.yml as MkDocs reads it."""
    return load_site_config(repo_url="https://github.com/example/briefing")


@pytest.fixture(scope="session")
def built(site_config):
    """The package the test site is built from (the frozen fixture, never the live data),
    read into a build context as a build does."""
    return Context.open(BASE / "datapackage.json", site_config)


@pytest.fixture
def broken(tmp_path):
    def make(name: str) -> Path:
        case = yaml.safe_load((FIXTURES / "broken" / f"{name}.yml").read_text(encoding="utf-8"))
        return apply_case(case, tmp_path / name)

    return make


def mkdocs_build(
    out: Path, package: Path, generator: str = "mkdocs", **env: str
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project into `out`, from `package`, as `make site` runs
    it: the dates the last commit's (reproducible), `env` added to the environment.
    `generator`: the command that builds, MkDocs or a drop-in fork of it (properdocs)."""
    epoch = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, cwd=paths.ROOT
    ).stdout.strip()
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": epoch or "315532800",
        "BRIEFING_PACKAGE": str(package),
        **env,
    }
    mkdocs = Path(sys.executable).parent / generator
    command = [str(mkdocs), "build", "--strict", "--site-dir", str(out)]
    return subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True, env=env)


# The test site's environment: a stand-in repository address, so that the "report an error"
# links are built, and a fixed hash seed (test_html builds it again with another).
SITE_ENV = {"REPO_URL": "https://github.com/example/briefing", "PYTHONHASHSEED": "1"}


def made_once(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], object]) -> Path:
    """A folder that `make` fills once for the whole test session: under pytest-xdist the
    first worker to need it makes it, under a lock, and every other one reads the same folder,
    so that the tests that read it spread over every core. (Tests never change such a folder:
    they copy or clone it first.)"""
    if worker_id == "master":  # one process: no one to share with
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the session's, above every worker's
    folder, made = shared / name, shared / f"{name}.made"
    with FileLock(shared / f"{name}.lock"):
        if not made.exists():
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id):
    """The site built from the frozen fixture package (tests/fixtures/base) with the real
    prose pages, once per test session into a temporary folder: what the tests assert about
    pages holds whatever the live data says (test_live.py checks the live package)."""
    return made_once(tmp_path_factory, worker_id, "site", _build_site)


def _build_site(out: Path) -> Path:
    result = mkdocs_build(out, BASE / "datapackage.json", **SITE_ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that closes its page while a file is still coming (the SQL page's
        database, say) is no server error; anything else is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a free local port; yields its base URL."""
    httpd = QuietServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


# Fixtures that build a whole site: a test that uses one is slow (left out of `make check`).
BUILDS = {"site", "server", "grown_site", "sites", "served"}


def pytest_collection_modifyitems(config, items):
    """Slow where a test builds a site. Under `make test` (pytest-xdist) the sites are built
    once for every worker (`made_once`)."""
    for item in items:
        if BUILDS.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# The browser tests' Chromium (found by programs.find_chromium; make test installs it where
# it is missing) and a fresh page for each test.
@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=require(find_chromium()),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
