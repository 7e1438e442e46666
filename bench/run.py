"""`make bench`: validation and build at three scales against the plain tools, with budgets.

Writes bench/results.json, prints a Markdown table, and refreshes the README's Performance
section. Timings are whole-process runs (median of RUNS, with min and max), all on this machine
in this run. Set BENCH_SCALES (e.g. "S M") or BENCH_RUNS to shorten a run.
"""

import csv
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import SCALES, generate
from macros.data import paths

ROOT = paths.ROOT
WORK = ROOT / "bench" / "work"
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SCALE_LIST = os.environ.get("BENCH_SCALES", "S M L").split()
PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "hooks", "overrides", "datapackage")
BUDGETS = {
    "validate_ratio": 1.5,
    "build_ratio": 1.5,
    "growth": 2.2,
    "peak_rss_mb": 2048,
    "largest_page_kb": 60,
    "home_kb": 150,
    "home_js_kb": 50,
    "search_index_kb": 1024,
}


def measure(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run a command RUNS times; wall time and the child's peak RSS, per run."""
    times, rss = [], []
    probe = "import resource,subprocess,sys;r=subprocess.run(sys.argv[1:]).returncode;print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r)"
    for _ in range(RUNS):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", probe, *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
        )
        times.append(time.perf_counter() - start)
        if out.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{out.stderr[-3000:]}")
        rss.append(int(out.stdout.strip().splitlines()[-1]) / 1024)
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "peak_rss_mb": max(rss),
    }


def project_copy(scale: str) -> Path:
    """A copy of the site sources: the build hook writes generated pages into its own docs/."""
    target = WORK / f"project-{scale}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            ignore = shutil.ignore_patterns(
                "organisation", "person", "charts", "data", "api", "*.atom", "__pycache__"
            )
            shutil.copytree(src, target / name, ignore=ignore)
        else:
            shutil.copy(src, target / name)
    return target


def plain_site(pages: int, page_bytes: int, target: Path) -> Path:
    """A plain mkdocs-material site with our theme settings and as many pages of similar size."""
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
    row = "| alpha bravo | 12 345 | charlie delta echo | foxtrot |\n"
    body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4 + "\n\n"
    unit = len(body) + 12 * len(row)
    repeat = max(1, page_bytes // unit)
    text = (
        "## Section\n\n" + body + "| a | b | c | d |\n|---|---|---|---|\n" + row * 12 + "\n"
    ) * repeat
    (docs / "index.md").write_text("# Plain\n", encoding="utf-8")
    (docs / "p").mkdir()
    for i in range(pages - 1):
        (docs / "p" / f"page-{i}.md").write_text(f"# Page {i}\n\n{text}", encoding="utf-8")
    return target


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def site_metrics(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    sizes = sorted(p.stat().st_size for p in pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    home = (site / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"', home)
    css_js = [(site / a).read_bytes() for a in assets]
    js = [(site / a).read_bytes() for a in assets if a.endswith(".js")]
    index = site / "search" / "search_index.json"
    return {
        "html_pages": len(pages),
        "median_page_kb": statistics.median(sizes) / 1024,
        "largest_page_kb": sizes[-1] / 1024,
        "largest_page": str(largest.relative_to(site)),
        "home_first_visit_gz_kb": (gz(home.encode()) + sum(gz(b) for b in css_js)) / 1024,
        "home_js_gz_kb": sum(gz(b) for b in js) / 1024,
        "search_index_gz_kb": gz(index.read_bytes()) / 1024 if index.exists() else 0,
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
    article = statistics.median(p.stat().st_size for p in (project / "site").rglob("*.html")) // 4
    plain = plain_site(ours["html_pages"], article, WORK / f"plain-{scale}")
    plain_env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    plain_build = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(plain / "site")], env=plain_env, cwd=plain
    )
    print(
        f"[{scale}] validate {ours_validate['median_s']:.1f}s vs {stock_validate['median_s']:.1f}s; build {ours_build['median_s']:.1f}s vs {plain_build['median_s']:.1f}s",
        flush=True,
    )
    return {"rows": counts, "validate": ours_validate, "validate_stock": stock_validate, "build": ours_build, "build_plain": plain_build,
            "site": ours, "plain_site": site_metrics(plain / "site")}  # fmt: skip


def check_budgets(results: dict) -> dict:
    checks = {}
    for scale, r in results["scales"].items():
        checks[f"{scale} validation ≤ 1.5× frictionless"] = (
            r["validate"]["median_s"] / r["validate_stock"]["median_s"] <= BUDGETS["validate_ratio"]
        )
        checks[f"{scale} build ≤ 1.5× plain material"] = (
            r["build"]["median_s"] / r["build_plain"]["median_s"] <= BUDGETS["build_ratio"]
        )
    if {"M", "L"} <= results["scales"].keys():
        m, big = results["scales"]["M"], results["scales"]["L"]
        results["growth"] = {
            "validate": big["validate"]["median_s"] / m["validate"]["median_s"],
            "build": big["build"]["median_s"] / m["build"]["median_s"],
        }
        checks["L/M validation ≤ 2.2"] = results["growth"]["validate"] <= BUDGETS["growth"]
        checks["L/M build ≤ 2.2"] = results["growth"]["build"] <= BUDGETS["growth"]
        checks["peak memory at L ≤ 2 GB"] = (
            max(big["validate"]["peak_rss_mb"], big["build"]["peak_rss_mb"])
            <= BUDGETS["peak_rss_mb"]
        )
        checks["largest page at L ≤ 60 KB"] = (
            big["site"]["largest_page_kb"] <= BUDGETS["largest_page_kb"]
        )
    if "M" in results["scales"]:
        checks["search index at M ≤ 1 MB gzipped"] = (
            results["scales"]["M"]["site"]["search_index_gz_kb"] <= BUDGETS["search_index_kb"]
        )
    s = results["scales"].get("S") or next(iter(results["scales"].values()))
    checks["home first visit ≤ 150 KB gzipped"] = (
        s["site"]["home_first_visit_gz_kb"] <= BUDGETS["home_kb"]
    )
    checks["home JavaScript ≤ 50 KB gzipped"] = s["site"]["home_js_gz_kb"] <= BUDGETS["home_js_kb"]
    return checks


def table(results: dict) -> str:
    def t(m):
        return f"{m['median_s']:.2f} s ({m['min_s']:.2f}–{m['max_s']:.2f})"

    lines = ["| Scale | Rows (orgs / people / figures / announcements) | Validate (ours) | Validate (frictionless CLI) | Ratio | Build FR+EN (ours) | Build (plain material, same pages) | Ratio | Peak RSS validate / build | Pages | Median / largest page | Home first visit (JS) gz | Search index gz | Site |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for scale, r in results["scales"].items():
        rows, s = r["rows"], r["site"]
        lines.append(
            f"| {scale} | {rows['organisations']} / {rows['people']} / {rows['figures']} / {rows['announcements']} | {t(r['validate'])} | {t(r['validate_stock'])} | "
            f"{r['validate']['median_s'] / r['validate_stock']['median_s']:.2f} | {t(r['build'])} | {t(r['build_plain'])} | {r['build']['median_s'] / r['build_plain']['median_s']:.2f} | "
            f"{r['validate']['peak_rss_mb']:.0f} / {r['build']['peak_rss_mb']:.0f} MB | {s['html_pages']} | {s['median_page_kb']:.1f} / {s['largest_page_kb']:.1f} KB | "
            f"{s['home_first_visit_gz_kb']:.1f} ({s['home_js_gz_kb']:.1f}) KB | {s['search_index_gz_kb']:.0f} KB | {s['site_mb']:.1f} MB |"
        )  # fmt: skip
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
    results["budgets"] = check_budgets(results)
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    text = table(results)
    print(text)
    if set(SCALE_LIST) == {"S", "M", "L"}:
        update_readme(text)


if __name__ == "__main__":
    main()
