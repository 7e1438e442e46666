"""`make bench`: validation and build at three scales against the plain tools, with budgets.

Validation is compared with the stock `frictionless validate` CLI; the build with two floors,
the theme's own cost: a plain mkdocs-material site with as many one-paragraph pages, and one
with as many pages whose bodies are our own built pages' article HTML (the same content: the
difference is our own overhead, not what the pages hold). At scale S the
live preview is timed too: one cell of the package edited under `mkdocs serve`, until the page
shows it.

Writes bench/results.json, prints a Markdown table, and refreshes the README's Performance
section. Timings are whole-process runs (median of RUNS, with min and max), all on this machine
in this run; then `make check` and `make test` are timed. Set BENCH_SCALES (e.g. "S M"),
BENCH_RUNS or BENCH_SUITE=0 (no test timings) to shorten a run.
"""

import contextlib
import csv
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import SCALES, generate
from macros.data import paths
from macros.generator.programs import find_chromium, require

ROOT = paths.ROOT
WORK = ROOT / "bench" / "work"
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SCALE_LIST = os.environ.get("BENCH_SCALES", "S M L").split()
PROJECT_FILES = paths.BUILD_FILES
BUDGETS = {
    "build_floor_ratio": 2.5,  # at M: build FR+EN / one-paragraph floor (L: growth below)
    "validate_ratio": 1.3,  # at M: ours / the frictionless CLI
    "build_growth": 2.1,  # L / M
    "validate_growth": 2.2,  # L / M
    "peak_build_rss_mb": 2048,  # at L, every process of the build together
    "peak_process_rss_mb": 1024,  # at L, the largest single process of the build
    "largest_page_kb": 60,  # at L
    "search_first_query_kb": 300,  # at M: all a first search transfers, compressed
    "home_kb": 150,  # gzipped
    "home_js_kb": 50,  # gzipped
    "preview_s": 1.0,  # at S, the real size: one cell edited
    "preview_m_s": 5.0,  # at M: one cell edited
    "make_test_s": 180,
    "make_check_s": 60,
}
# The live preview: this figure's English label is edited; the English figures page lists it.
PREVIEW_FIGURE = "ai-training-target-300000"
PREVIEW_PAGE = "/en/figures/"


def tree_rss_mb(root: int) -> tuple[float, float]:
    """The resident memory of a process and all its descendants, together, and of the largest
    of them, now (Linux /proc)."""
    parents, rss = {}, {}
    page = os.sysconf("SC_PAGE_SIZE")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * page
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    sizes = [rss.get(pid, 0) / 2**20 for pid in tree]
    return sum(sizes), max(sizes, default=0.0)


class PeakMemory:
    """The peaks of tree_rss_mb(pid), all processes together and the largest one, sampled
    every 50 ms on a thread until stop()."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.largest, self.done = pid, 0.0, 0.0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.is_set():
            total, largest = tree_rss_mb(self.pid)
            self.peak, self.largest = max(self.peak, total), max(self.largest, largest)
            self.done.wait(0.05)

    def stop(self) -> tuple[float, float]:
        self.done.set()
        self.thread.join()
        return self.peak, self.largest


def measure(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run a command RUNS times; wall time and the peak resident memory of all its processes
    together (sampled every 50 ms: MkDocs, the other languages' builds, the publisher and
    Pagefind), per run."""
    times, rss, largest = [], [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        with subprocess.Popen(
            command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as process:
            sampler = PeakMemory(process.pid)
            stdout, stderr = process.communicate()
            peak, single = sampler.stop()
        times.append(time.perf_counter() - start)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-3000:]}")
        rss.append(peak)
        largest.append(single)
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "peak_rss_mb": max(rss),
        "peak_process_rss_mb": max(largest),
    }


def project_copy(scale: str) -> Path:
    """A copy of the site sources, so that a run measures one state of the code whatever is
    edited meanwhile in the working tree."""
    target = WORK / f"project-{scale}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / name)
    return target


PARAGRAPH = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation "
    "ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
    "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur."
)


def plain_site(pages: int, target: Path) -> Path:
    """The floor: a plain mkdocs-material site with our theme settings, search on, and as many
    pages as ours, each a title and one short paragraph, all out of the navigation."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme = (
        re.search(r"^theme:\n(?:  .*\n)+", config, re.M)
        .group(0)
        .replace("  custom_dir: overrides\n", "")
    )
    (target / "mkdocs.yml").write_text(
        f"site_name: Plain\nsite_url: http://127.0.0.1:8000/\n{theme}plugins:\n  - search\nnot_in_nav: |\n  /p/\nnav:\n  - index.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text(f"# Plain\n\n{PARAGRAPH}\n", encoding="utf-8")
    (docs / "p").mkdir()
    for i in range(pages - 1):
        (docs / "p" / f"page-{i}.md").write_text(f"# Page {i}\n\n{PARAGRAPH}\n", encoding="utf-8")
    return target


ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


def content_site(ours: Path, target: Path) -> Path:
    """The same-content floor: a plain mkdocs-material site (our theme settings, search on)
    with one page for each of our built pages, its body our page's article HTML (raw HTML,
    which Python-Markdown passes through), all out of the navigation."""
    plain_site(1, target)
    pages = sorted(p for p in ours.rglob("index.html") if "embed" not in p.parts)
    for i, page in enumerate(pages[1:]):
        found = ARTICLE.search(page.read_text(encoding="utf-8"))
        body = found[1] if found else PARAGRAPH
        (target / "docs" / "p" / f"page-{i}.md").write_text(
            f"# Page {i}\n\n<div>\n{body}\n</div>\n", encoding="utf-8"
        )
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body; 0 when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def _set_label(csv_file: Path, figure: str, label: str) -> None:
    """Replace one figure's English label, keeping the header, the other rows and the line ends."""
    newline = "\r\n" if b"\r\n" in csv_file.read_bytes() else "\n"
    with open(csv_file, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("label_en")
    hits = [row for row in rows[1:] if row and row[0] == figure]
    assert len(hits) == 1, f"{figure} not in {csv_file}"
    hits[0][column] = label
    with open(csv_file, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator=newline).writerows(rows)


@contextlib.contextmanager
def _serving(command: list[str], cwd: Path, env: dict, log: Path):
    """`command` (an `mkdocs serve`) running in a session of its own, its output in `log`;
    stopped as a process manager stops it (SIGTERM, then SIGKILL after 10 s)."""
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield server
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _wait_served(url: str, server: subprocess.Popen, log: Path, deadline: float) -> None:
    while _get(url)[0] != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"mkdocs serve did not serve {url}\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def _marker(prefix: str) -> str:
    """A marker made of letters only: a number in a label must come from the row (a
    validator rule)."""
    return prefix + " " + "".join(chr(97 + int(d)) for d in str(time.time_ns()))


def _seconds_until(url: str, marker: str, server: subprocess.Popen, log: Path) -> float:
    """Seconds from now until `url` shows `marker` (just saved)."""
    saved = time.perf_counter()
    while marker not in _get(url)[1]:
        if server.poll() is not None or time.perf_counter() - saved > 300:
            raise SystemExit(f"{url} never showed the edit\n{log.read_text()[-3000:]}")
        time.sleep(0.1)
    return time.perf_counter() - saved


def preview_latency(project: Path, package_dir: Path) -> float:
    """Seconds from saving one edited cell of the package to `mkdocs serve` serving the page
    that shows it. Works on a copy of the package, in WORK/preview-package."""
    package = WORK / "preview-package"
    if package.exists():
        shutil.rmtree(package)
    shutil.copytree(package_dir, package)
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PREVIEW_PAGE}"
    env = os.environ | {
        "BRIEFING_PACKAGE": str(package / "datapackage.json"),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),
    }
    # mkdocs.yml watches the project's own datapackage/, not a package named by
    # BRIEFING_PACKAGE: the copy is watched explicitly.
    # As `make serve` runs it: --dirty, only the pages an edit changed are rendered again.
    command = [str(BIN / "mkdocs"), "serve", "--dirty", "--livereload", "--strict",
               "--watch", str(package), "--dev-addr", f"127.0.0.1:{port}"]  # fmt: skip
    log = WORK / "preview-serve.log"
    with _serving(command, project, env, log) as server:
        deadline = time.monotonic() + 300
        _wait_served(url, server, log, deadline)
        # Saved on an idle server: the first build's search indexes, made in the pool after
        # its pages, are waited for (the terminal says when they are current).
        while "search index is up to date" not in log.read_text(encoding="utf-8"):
            if server.poll() is not None or time.monotonic() > deadline + 600:
                raise SystemExit(f"no search index\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        marker = _marker("Preview marker")
        _set_label(package / "data" / "figures.csv", PREVIEW_FIGURE, marker)
        return _seconds_until(url, marker, server, log)


def preview_floor(same: Path) -> float:
    """The platform's floor for the live preview: seconds from saving a one-line edit of one
    page of the same-content site (plain mkdocs-material, every page of ours as a page) to
    `mkdocs serve --dirty` serving it. The page is put back as it was."""
    port = _free_port()
    page = sorted((same / "docs" / "p").glob("*.md"))[0]
    url = f"http://127.0.0.1:{port}/p/{page.stem}/"
    log = WORK / "preview-floor.log"
    command = [str(BIN / "mkdocs"), "serve", "--dirty", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]  # fmt: skip
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    text = page.read_text(encoding="utf-8")
    with _serving(command, same, env, log) as server:
        try:
            _wait_served(url, server, log, time.monotonic() + 600)
            marker = _marker("Floor marker")
            page.write_text(f"{text}\n{marker}\n", encoding="utf-8")
            return _seconds_until(url, marker, server, log)
        finally:
            page.write_text(text, encoding="utf-8")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


SEARCH_QUERY = ("", "entreprises")  # a common word on the French Search page


def search_first_query_kb(site: Path) -> float:
    """What a first search transfers, measured in Chromium: the Search page's interface files
    plus every request made after the query is typed (Pagefind's script, entry file,
    WebAssembly, metadata, index chunks and result fragments). Text files count gzipped, as
    a server would send them; Pagefind's own files are compressed already."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    if not (site / "pagefind").exists():
        return 0

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def size(path: str) -> int:
        file = site / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        data = file.read_bytes()
        return gz(data) if file.suffix in (".js", ".css", ".json", ".html") else len(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    root, query = SEARCH_QUERY
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=require(find_chromium()))
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{root}search/")
            page.wait_for_load_state("networkidle")
            paths = {"/pagefind/pagefind-ui.js", "/pagefind/pagefind-ui.css"}
            page.on("request", lambda r: paths.add(urlsplit(r.url).path))
            page.locator(".pagefind-ui__search-input").fill(query)
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        httpd.shutdown()
    return sum(size(p) for p in paths) / 1024


def site_metrics(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    sizes = sorted(p.stat().st_size for p in pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    home = (site / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"', home)
    css_js = [(site / a).read_bytes() for a in assets]
    js = [(site / a).read_bytes() for a in assets if a.endswith(".js")]
    return {
        "html_pages": len(pages),
        "median_page_kb": statistics.median(sizes) / 1024,
        "largest_page_kb": sizes[-1] / 1024,
        "largest_page": str(largest.relative_to(site)),
        # Every page over the budget, by path: at L, those that were as large at S hold the
        # schema or the releases, not the rows (the data dictionary, the data page).
        "large_pages_kb": {
            str(p.relative_to(site)): p.stat().st_size / 1024
            for p in pages
            if p.stat().st_size / 1024 > BUDGETS["largest_page_kb"]
        },
        "home_first_visit_gz_kb": (gz(home.encode()) + sum(gz(b) for b in css_js)) / 1024,
        "home_js_gz_kb": sum(gz(b) for b in js) / 1024,
        "search_first_query_kb": search_first_query_kb(site),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024**2,
    }


def _rows(package: Path, name: str) -> int:
    with open(package.parent / "data" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def bench_scale(scale: str) -> dict:
    package = generate(scale, WORK / f"package-{scale}") if scale != "S" else paths.PACKAGE
    counts = {
        name: _rows(package, name)
        for name in ("organisations", "people", "figures", "announcements", "roles", "relations")
    }
    print(f"[{scale}] {counts}", flush=True)
    ours_validate = measure([str(BIN / "python"), "-m", "macros.check", str(package)])
    stock_validate = measure([str(BIN / "frictionless"), "validate", str(package)])
    project = project_copy(scale)
    env = os.environ | {
        "BRIEFING_PACKAGE": str(package),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),
    }
    ours_build = measure(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(project / "site")],
        env=env,
        cwd=project,
    )
    ours = site_metrics(project / "site")
    # Both sites also have a 404.html.
    plain = plain_site(ours["html_pages"] - 1, WORK / f"plain-{scale}")
    plain_env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    plain_build = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(plain / "site")], env=plain_env, cwd=plain
    )
    same = content_site(project / "site", WORK / f"content-{scale}")
    content_build = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(same / "site")], env=plain_env, cwd=same
    )
    print(
        f"[{scale}] validate {ours_validate['median_s']:.1f}s vs {stock_validate['median_s']:.1f}s; build {ours_build['median_s']:.1f}s vs floors {plain_build['median_s']:.1f}s (one paragraph), {content_build['median_s']:.1f}s (same content)",
        flush=True,
    )
    result = {"rows": counts, "validate": ours_validate, "validate_stock": stock_validate, "build": ours_build, "build_plain": plain_build,
              "build_content": content_build, "content_site": site_metrics(same / "site"),
              "site": ours, "plain_site": site_metrics(plain / "site")}  # fmt: skip
    if scale in ("S", "M"):
        # At M, one run: each takes a full build.
        runs = RUNS if scale == "S" else 1
        times = [preview_latency(project, package.parent) for _ in range(runs)]
        floors = [preview_floor(same) for _ in range(runs)]
        result["preview"], result["preview_floor"] = spread(times), spread(floors)
        print(
            f"[{scale}] live preview {result['preview']['median_s']:.2f}s, floor {result['preview_floor']['median_s']:.2f}s",
            flush=True,
        )
    return result


def spread(times: list[float]) -> dict:
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def suite() -> dict:
    """`make check` and `make test`, as a contributor runs them (RUNS times each)."""
    out = {}
    for target in ("check", "test"):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            done = subprocess.run(["make", target], cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(
                    f"make {target} failed\n{done.stdout[-3000:]}{done.stderr[-2000:]}"
                )
        out[target] = {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
        }
        print(f"[suite] make {target} {out[target]['median_s']:.1f}s", flush=True)
    return out


def check_budgets(results: dict) -> dict:
    b, scales, checks = BUDGETS, results["scales"], {}
    for scale, r in scales.items():
        if scale != "M":  # S is dominated by start-up; L is held to its growth over M
            continue
        checks[f"{scale} build ≤ {b['build_floor_ratio']:g}× one-paragraph floor"] = (
            r["build"]["median_s"] / r["build_plain"]["median_s"] <= b["build_floor_ratio"]
        )
        if "preview" in r:
            checks[f"{scale} live preview ≤ {b['preview_m_s']:g} s"] = (
                r["preview"]["median_s"] <= b["preview_m_s"]
            )
    if "M" in scales:
        m = scales["M"]
        checks[f"M validation ≤ {b['validate_ratio']:g}× frictionless CLI"] = (
            m["validate"]["median_s"] / m["validate_stock"]["median_s"] <= b["validate_ratio"]
        )
        checks["first search query at M ≤ 300 KB"] = (
            m["site"]["search_first_query_kb"] <= b["search_first_query_kb"]
        )
    if {"M", "L"} <= scales.keys():
        m, big = scales["M"], scales["L"]
        results["growth"] = {
            "validate": big["validate"]["median_s"] / m["validate"]["median_s"],
            "build": big["build"]["median_s"] / m["build"]["median_s"],
        }
        checks[f"L/M build ≤ {b['build_growth']:g}"] = (
            results["growth"]["build"] <= b["build_growth"]
        )
        checks[f"L/M validation ≤ {b['validate_growth']:g}"] = (
            results["growth"]["validate"] <= b["validate_growth"]
        )
        checks["peak build memory at L ≤ 2 GB, all processes"] = (
            big["build"]["peak_rss_mb"] <= b["peak_build_rss_mb"]
        )
        checks["peak build memory at L ≤ 1 GB, each process"] = (
            big["build"]["peak_process_rss_mb"] <= b["peak_process_rss_mb"]
        )
        # A page that grows with the rows stays under the budget; one as large at S is the
        # size of the schema or of the releases (listed in results.json, large_pages_kb).
        small = scales.get("S", {}).get("site", {}).get("large_pages_kb", {})
        grown = {
            p: kb for p, kb in big["site"]["large_pages_kb"].items() if kb > small.get(p, 0) * 1.1
        }
        results["pages_grown_over_budget"] = grown
        checks[f"no page grows with the data over {b['largest_page_kb']} KB at L"] = not grown
    s = scales.get("S") or next(iter(scales.values()))
    checks["home first visit ≤ 150 KB gzipped"] = (
        s["site"]["home_first_visit_gz_kb"] <= b["home_kb"]
    )
    checks["home JavaScript ≤ 50 KB gzipped"] = s["site"]["home_js_gz_kb"] <= b["home_js_kb"]
    if "preview" in scales.get("S", {}):
        checks[f"live preview at S ≤ {b['preview_s']:g} s"] = (
            scales["S"]["preview"]["median_s"] <= b["preview_s"]
        )
    if "suite" in results:
        for target, budget in (("test", b["make_test_s"]), ("check", b["make_check_s"])):
            checks[f"make {target} ≤ {budget:g} s"] = results["suite"][target]["median_s"] <= budget
    return checks


def table(results: dict) -> str:
    def t(m):
        return f"{m['median_s']:.2f} s ({m['min_s']:.2f}–{m['max_s']:.2f})"

    lines = ["| Scale | Rows (orgs / people / figures / announcements) | Validate (ours) | Validate (frictionless CLI) | Ratio | Build FR+EN (ours) | Floor: plain material, same content | Ratio | Floor: plain material, one-paragraph pages | Ratio | Peak RSS validate / build (all processes; largest) | Pages | Median / largest page | Home first visit (JS) gz | Search index gz | Site |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for scale, r in results["scales"].items():
        rows, s = r["rows"], r["site"]
        lines.append(
            f"| {scale} | {rows['organisations']} / {rows['people']} / {rows['figures']} / {rows['announcements']} | {t(r['validate'])} | {t(r['validate_stock'])} | "
            f"{r['validate']['median_s'] / r['validate_stock']['median_s']:.2f} | {t(r['build'])} | {t(r['build_content'])} | {r['build']['median_s'] / r['build_content']['median_s']:.2f} | "
            f"{t(r['build_plain'])} | {r['build']['median_s'] / r['build_plain']['median_s']:.2f} | "
            f"{r['validate']['peak_rss_mb']:.0f} / {r['build']['peak_rss_mb']:.0f} MB; {r['build']['peak_process_rss_mb']:.0f} MB | {s['html_pages']} | {s['median_page_kb']:.1f} / {s['largest_page_kb']:.1f} KB | "
            f"{s['home_first_visit_gz_kb']:.1f} ({s['home_js_gz_kb']:.1f}) KB | {s['search_first_query_kb']:.0f} KB | {s['site_mb']:.1f} MB |"
        )  # fmt: skip
    for scale in ("S", "M"):
        if "preview" in results["scales"].get(scale, {}):
            lines.append(
                f"\nLive preview at {scale} (`make serve`'s `mkdocs serve --dirty`, one figure label edited in the package, until {PREVIEW_PAGE} shows it): {t(results['scales'][scale]['preview'])}."
            )
            if "preview_floor" in results["scales"][scale]:
                lines[-1] += (
                    f" Floor: plain material's `mkdocs serve --dirty` on the same-content site, one line of one page edited, until that page shows it: {t(results['scales'][scale]['preview_floor'])}."
                )
    if "suite" in results:
        lines.append(
            f"\nTests: `make check` {t(results['suite']['check'])}, `make test` {t(results['suite']['test'])}."
        )
    if "growth" in results:
        lines.append(
            f"\nL / M time ratio: validation {results['growth']['validate']:.2f}, build {results['growth']['build']:.2f}."
        )
    lines.append(
        "\nBudgets: "
        + "; ".join(f"{'✅' if ok else '❌'} {name}" for name, ok in results["budgets"].items())
        + "."
    )
    lines.append(f"\nMachine: {results['machine']}; {RUNS} runs per measure; {results['date']}.")
    return "\n".join(lines)


def rounded(value):
    """Measures to three decimals: what a timer or a memory sample can tell, and no long digit
    runs (which the repository's contact-data scan would take for phone numbers)."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in content and end in content:
        before, rest = content.split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {platform.platform(terse=True)}",
        "scales": {},
    }
    for scale in SCALE_LIST:
        assert scale in SCALES, scale
        results["scales"][scale] = bench_scale(scale)
    if os.environ.get("BENCH_SUITE", "1") != "0":
        results["suite"] = suite()
    results["budgets"] = check_budgets(results)
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(rounded(results), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    text = table(results)
    print(text)
    if set(SCALE_LIST) == {"S", "M", "L"}:
        update_readme(text)


if __name__ == "__main__":
    main()
