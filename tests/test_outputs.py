"""The outputs stage (macros/outputs/): every published file made from the read package
without MkDocs, keyed by the code that was loaded, through the build's one pool."""

import os
import subprocess
import sys
import textwrap

from conftest import BASE

from macros.check.validate import checked
from macros.data import paths
from macros.data.writing import SET_ASIDE, delete, set_aside
from macros.generator.context import rules_in
from macros.outputs import code
from macros.outputs.pool import Pool, TookTooLong, wait
from macros.started import STARTED

WITHOUT_MKDOCS = textwrap.dedent(
    """
    import json, sys
    sys.modules["mkdocs"] = None  # any import of MkDocs fails
    sys.modules["mkdocs_macros"] = None
    from pathlib import Path
    from macros.data.config import SiteConfig
    from macros.data.context import Context
    from macros.outputs.publishing import listing, publish
    config = SiteConfig(languages=("fr", "en"), site_url="https://example.org/", repo_url="")
    ctx = Context.open(Path(sys.argv[1]), config)
    published = publish(ctx.packed(), sys.argv[2])
    listed = listing(ctx)
    print(json.dumps([[d.path for d in listed.downloads] + sorted(listed.chart_sizes),
                      sorted(published)]))
    """
)


def test_every_published_file_is_made_with_mkdocs_not_importable(tmp_path):
    staging = tmp_path / "staging"
    env = os.environ | {"BRIEFING_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, str(BASE / "datapackage.json"), str(staging)],
        capture_output=True, text=True, env=env, cwd=paths.ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    import json

    listed, published = json.loads(done.stdout)
    made = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()}
    assert listed and set(listed) <= made  # every listed download and chart was written
    assert set(published) == made
    for expected in ("data/catalog.ttl", "api/v1/figures.json", "announcements.atom",
                     "en/announcements.atom", "cards/home-en.png"):  # fmt: skip
        assert expected in made, expected


def test_the_code_key_changes_with_the_code_and_is_none_once_a_file_changed(tmp_path):
    """The key hashes the output stages' files as the process found them when it started;
    once one has changed the process runs old code and gets no key."""
    key = code.key()
    assert key and key == code.key()
    probe = paths.MACROS / "pages" / "zz_probe_for_tests.py"
    try:
        probe.write_text("A = 1\n")
        assert code.changed() == [probe]
        assert code.key() is None
    finally:
        probe.unlink()
    assert code.changed() == [] and code.key() == key


def test_a_library_version_is_part_of_the_code_key(monkeypatch):
    before = code._hashed()
    real = code.distributions
    monkeypatch.setattr(code, "distributions", lambda: [*real(), "openpyxl-0.0.1.dist-info"])
    assert code._hashed() != before


def test_the_key_lists_every_installed_distribution_with_its_version():
    """Read from the metadata folders' names: the same as the metadata itself says."""
    import importlib.metadata
    import re

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "_", name).lower()

    listed = {norm(n.rsplit(".", 1)[0]) for n in code.distributions()}
    for dist in importlib.metadata.distributions():
        assert norm(f"{dist.metadata['Name']}-{dist.version}") in listed, dist.metadata["Name"]


def test_a_worker_takes_the_code_key_of_its_starter_only_if_it_found_the_same_files(
    monkeypatch,
):
    """A pool's worker (languages.warm) is not hashing the code again when it found the files
    as the process that started it did; any other file, and it makes its own key."""
    monkeypatch.setattr(code, "_KEY", {})
    found = {str(p): s for p, s in STARTED.items()}
    code.adopt(({**found, "/elsewhere/extra.py": (1, 2)}, "another process's key"))
    assert code.key() == code._hashed()
    monkeypatch.setattr(code, "_KEY", {})
    code.adopt((found, "the starter's key"))
    assert code.key() == "the starter's key"
    monkeypatch.setattr(code, "_KEY", {})
    code.adopt(None)  # the starter ran old code: no key to take
    assert code.key() == code._hashed()


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def _fail() -> None:
    raise ValueError("a worker's error")


def test_a_job_is_waited_for_within_its_bound_and_its_error_reaches_the_waiter():
    pool = Pool(size=1)
    try:
        assert wait(pool.submit(_sleep, 0.1), "quick") == 0.1
        slow = pool.submit(_sleep, 1.5)
        try:
            wait(slow, "slow", timeout=0.5)
        except TookTooLong as exc:
            assert "slow" in str(exc)
        else:
            raise AssertionError("no bound")
        failed = pool.submit(_fail)
        try:
            wait(failed, "fails")
        except ValueError as exc:
            assert "a worker's error" in str(exc)
        else:
            raise AssertionError("the error was lost")
    finally:
        pool.close()


def test_the_charts_are_drawn_with_matplotlibs_defaults_whatever_the_machines_rc(tmp_path):
    """A user's matplotlibrc changes nothing in the pictures (their bytes are keyed by the
    inputs, the code and the fonts only)."""
    script = (
        "import sys; from pathlib import Path; from macros.data.config import SiteConfig;"
        "from macros.data.context import Context; from macros.pages import charts;"
        "ctx = Context.open(Path(sys.argv[1]), SiteConfig(languages=('fr', 'en'),"
        " site_url='https://example.org/', repo_url=''));"
        "sys.stdout.buffer.write(b''.join(v for k, v in sorted(charts.files(ctx).items())))"
    )
    rc = tmp_path / "rc"
    rc.mkdir()
    (rc / "matplotlibrc").write_text("lines.linewidth: 9\naxes.facecolor: yellow\nfont.size: 20\n")
    outputs = []
    for extra in ({}, {"MPLCONFIGDIR": str(rc)}):
        env = os.environ | extra | {"BRIEFING_CACHE": str(tmp_path / f"c{len(outputs)}")}
        done = subprocess.run(
            [sys.executable, "-c", script, str(BASE / "datapackage.json")],
            capture_output=True, env=env, cwd=paths.ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] and outputs[0] == outputs[1]


def test_the_last_site_is_set_aside_at_once_and_deleted_whole(tmp_path):
    """What MkDocs would empty before a build (every entry but the hidden ones) is moved into
    one hidden folder, which `delete` removes with what an interrupted build left there."""
    site = tmp_path / "site"
    for name in ("index.html", "en/index.html", "data/csv/a.csv", ".briefing-staging-x/f"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    leftover = site / SET_ASIDE / "interrupted" / "index.html"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("old", encoding="utf-8")
    aside = set_aside(site)
    assert sorted(p.name for p in site.iterdir()) == sorted([".briefing-staging-x", SET_ASIDE])
    moved = {p.relative_to(aside).as_posix().split("/", 1)[1] for p in aside.rglob("*.*")}
    assert {"index.html", "en/index.html", "data/csv/a.csv"} <= moved
    delete(str(aside))
    assert sorted(p.name for p in site.iterdir()) == [".briefing-staging-x"]
    assert set_aside(site) is None and set_aside(tmp_path / "absent") is None


def test_the_rules_run_in_the_pool_find_what_they_find_in_one_process(broken):
    """The build runs the validator's project rules in two jobs of its pool while it types the
    cells: the same problems, in the same order, as `make validate` finds in one process."""
    pool = Pool()
    try:
        for name in ("email", "formula", "future-date", "kebab-id", "prose-number", "foreign-key"):
            package = broken(name)
            here, records = checked(package)
            there, pooled = checked(package, project_rules=rules_in(pool))
            assert here and there == here, name
            assert (records is None) == (pooled is None), name
    finally:
        pool.close()
