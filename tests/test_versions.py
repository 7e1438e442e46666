"""Releases from records in the tree: the release flow, diffs, permanent per-version files
proven against their records, per-record history, and building without history, on a
temporary repository with three releases made by the flow itself (2.1.0, the package's first,
then 2.2.0 and 2.2.1)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import TEST_CONFIG

from macros.data import paths
from macros.data.changes import MAJOR, MINOR, PATCH, compare
from macros.data.context import Context
from macros.data.releases import ReleaseRecord, Snapshot, read_history, read_release_records
from macros.publish import api
from macros.publish import versions as published
from macros.publish.downloads import downloads
from macros.release.flow import Refused, release

BASE = Path(__file__).parent / "fixtures" / "base"
CONFIG = TEST_CONFIG
CITATION = "cff-version: 1.2.0\ntitle: Test\nversion: 2.1.0\ndate-released: 2026-11-27\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def init_repo(repo: Path) -> Path:
    shutil.copytree(BASE, repo / "datapackage")
    (repo / "CITATION.cff").write_text(CITATION, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "maintainer@example.org")
    git(repo, "config", "user.name", "Maintainer")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Data")
    return repo / "datapackage" / "datapackage.json"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """2.1.0 (the fixture), 2.2.0 (a place added), 2.2.1 (a label corrected)."""
    root = tmp_path_factory.mktemp("repo")
    package = init_repo(root)
    # The package's first release: its version and entry are there, only its record is not.
    assert "recorded" in release(package, "2.1.0", date(2026, 11, 27))
    places = package.parent / "data" / "places.csv"
    edit(places, "DK,Danemark,Denmark,country\n", "DK,Danemark,Denmark,country\nDE,Allemagne,Germany,country\n")  # fmt: skip
    git(root, "commit", "-qam", "Germany")
    assert "Draft" in release(package, "2.2.0", date(2026, 12, 1))
    assert "tagged v2.2.0" in release(package, "2.2.0", date(2026, 12, 1))
    edit(places, "DE,Allemagne,Germany,country", "DE,Allemagne,Federal Republic of Germany,country")
    git(root, "commit", "-qam", "Germany's name")
    release(package, "2.2.1", date(2026, 12, 15))
    release(package, "2.2.1", date(2026, 12, 15))
    return root


def package_of(root: Path) -> Path:
    return root / "datapackage" / "datapackage.json"


def test_the_flow_records_three_releases_with_their_changelog_and_citation(repo):
    assert git(repo, "tag", "--list").split() == ["v2.1.0", "v2.2.0", "v2.2.1"]  # convenience
    assert git(repo, "status", "--porcelain") == ""
    # Each record is in the commit of its release, and names the bytes of its package.
    records = read_release_records(package_of(repo))
    assert [r.version for r in records] == ["2.1.0", "2.2.0", "2.2.1"]
    for rec in records:
        shown = git(repo, "show", f"v{rec.version}:datapackage/releases/{rec.version}.json")
        assert ReleaseRecord.from_json(shown.encode()) == rec
        assert (
            rec.package["data/places.csv"]
            == git(repo, "rev-parse", f"v{rec.version}:datapackage/data/places.csv").strip()
        )
        assert f"data/v{rec.version}/briefing-ia-competences.zip" in rec.files
    assert records[1].notes["en"] == ["`places`: 1 added (DE)."]
    history = read_history(package_of(repo))
    assert [(r.version, r.date) for r in history.releases] == [
        ("2.1.0", date(2026, 11, 27)),
        ("2.2.0", date(2026, 12, 1)),
        ("2.2.1", date(2026, 12, 15)),
    ]
    changelog = (repo / "datapackage" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 2.2.1 - 2026-12-15\n\n- [fr] `places`\u00a0: 1 modifié (DE [label_en])." in changelog
    assert "- [en] `places`: 1 added (DE)." in changelog
    assert changelog.index("## 2.2.1") < changelog.index("## 2.2.0") < changelog.index("## 2.1.0")
    citation = (repo / "CITATION.cff").read_text(encoding="utf-8")
    assert "version: 2.2.1\n" in citation and "date-released: 2026-12-15\n" in citation
    assert (
        json.loads(git(repo, "show", "v2.2.0:datapackage/datapackage.json"))["version"] == "2.2.0"
    )


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("2.3", "not a semantic version"),
        ("v2.3.0", "not a semantic version"),
        ("2.2.1", "release 2.2.1 already exists"),
        ("2.2.0", "release 2.2.0 already exists"),
        ("2.0.9", "is not greater than the last release, 2.2.1"),
        ("2.2.2", "nothing to release since 2.2.1"),
    ],
)
def test_the_flow_refuses_bad_versions(repo, version, message):
    with pytest.raises(Refused, match=message):
        release(package_of(repo), version, date(2027, 1, 1))


def test_the_flow_refuses_a_dirty_tree_and_a_bump_smaller_than_the_diff(tmp_path, repo):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "config", "user.email", "maintainer@example.org")
    git(clone, "config", "user.name", "Maintainer")
    places = clone / "datapackage" / "data" / "places.csv"
    edit(places, "DE,Allemagne,Federal Republic of Germany,country\n", "")
    with pytest.raises(Refused, match="uncommitted changes"):
        release(package_of(clone), "3.0.0", date(2027, 1, 1))
    git(clone, "commit", "-qam", "Germany removed")
    # A removed record (as a changed id would) breaks whoever reads it: only a major will do.
    for version in ("2.2.2", "2.3.0"):
        with pytest.raises(Refused, match=r"need a major version \(from 2.2.1\).*1 removed \(DE\)"):
            release(package_of(clone), version, date(2027, 1, 1))
    assert "Draft" in release(package_of(clone), "3.0.0", date(2027, 1, 1))
    # Second run: nothing but the release's own files may have changed.
    (clone / "notes.txt").write_text("draft", encoding="utf-8")
    with pytest.raises(Refused, match="changes outside the release: notes.txt"):
        release(package_of(clone), "3.0.0", date(2027, 1, 1))


def test_the_command_line_says_why_in_one_line_and_exits_1(repo):
    done = subprocess.run(
        [sys.executable, "-m", "macros.release", "2.0.0", str(package_of(repo))],
        capture_output=True, text=True, cwd=paths.ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Version refusée / Release refused: 2.0.0 n'est pas supérieure à la dernière version"
        " publiée, 2.2.1 / 2.0.0 is not greater than the last release, 2.2.1"
    ]
    assert "Traceback" not in done.stderr
    usage = subprocess.run([sys.executable, "-m", "macros.release"], capture_output=True,
                           text=True, cwd=paths.ROOT)  # fmt: skip
    assert usage.returncode == 2


def test_diffs_name_records_and_fields_with_old_and_new_values(repo):
    rel = read_history(package_of(repo)).releases
    first, second = compare(rel[0], rel[1]), compare(rel[1], rel[2])
    assert first.needs == MINOR and second.needs == PATCH
    assert first.counts() == {"places": {"added": 1, "removed": 0, "changed": 0}}
    assert second.as_json()["resources"]["places"]["changed"] == {
        "DE": {"label_en": {"old": "Germany", "new": "Federal Republic of Germany"}}
    }
    assert second.as_json()["from"] == {"version": "2.2.0", "date": "2026-12-01"}
    assert second.csv_rows()[1] == [
        "places", "DE", "changed", "label_en", "Germany", "Federal Republic of Germany",
    ]  # fmt: skip
    # The first release: every record is new.
    figures = (BASE / "data" / "figures.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert compare(None, rel[0]).counts()["figures"]["added"] == len(figures)


def snapshot(files: dict[str, str], version="1.0.0") -> Snapshot:
    """A one-resource package from CSV text and field names."""
    names = files.pop("fields")
    schema = {"fields": [{"name": n} for n in names], "primaryKey": ["id"]}
    descriptor = {"version": version, "resources": [
        {"name": n, "path": f"data/{n}.csv", "schema": f"schemas/{n}.json"} for n in files
    ]}  # fmt: skip
    out = {"datapackage.json": json.dumps(descriptor).encode()}
    for n, text in files.items():
        out[f"data/{n}.csv"] = text.encode()
        out[f"schemas/{n}.json"] = json.dumps(schema).encode()
    return Snapshot(version, None, out)


@pytest.mark.parametrize(
    ("old", "new", "needs"),
    [
        (
            {"a": "id,x\n1,p\n", "fields": ["id", "x"]},
            {"a": "id,x\n1,q\n", "fields": ["id", "x"]},
            PATCH,
        ),
        (
            {"a": "id,x\n1,p\n", "fields": ["id", "x"]},
            {"a": "id,x\n1,p\n2,q\n", "fields": ["id", "x"]},
            MINOR,
        ),
        ({"a": "id\n1\n", "fields": ["id"]}, {"a": "id,x\n1,\n", "fields": ["id", "x"]}, MINOR),
        ({"a": "id,x\n1,p\n", "fields": ["id", "x"]}, {"a": "id\n1\n", "fields": ["id"]}, MAJOR),
        (
            {"a": "id,x\n1,p\n", "fields": ["id", "x"]},
            {"a": "id,x\n9,p\n", "fields": ["id", "x"]},
            MAJOR,
        ),
        (
            {"a": "id\n1\n", "b": "id\n1\n", "fields": ["id"]},
            {"a": "id\n1\n", "fields": ["id"]},
            MAJOR,
        ),
        (
            {"a": "id\n1\n", "fields": ["id"]},
            {"a": "id\n1\n", "b": "id\n", "fields": ["id"]},
            MINOR,
        ),
    ],
    ids=["value", "record", "field", "field-removed", "id-changed", "resource-removed", "resource"],
)
def test_the_bump_a_diff_needs(old, new, needs):
    assert compare(snapshot(old), snapshot(new)).needs == needs


@pytest.fixture(scope="module")
def context(repo, site_config):
    package = package_of(repo)
    return Context.open(package, site_config, read_history(package))


def test_every_release_is_regenerated_byte_identical(repo, context, site_config):
    files = published.files(context)
    again = published.files(
        Context.open(package_of(repo), site_config, read_history(package_of(repo)))
    )
    assert files == again
    for version in ("2.1.0", "2.2.0", "2.2.1"):
        base = f"data/v{version}/"
        names = {p.removeprefix(base) for p in files if p.startswith(base)}
        assert {"datapackage.json", "SHA256SUMS", "changes.json", "changes.csv",
                "briefing-ia-competences.zip", "briefing-ia-competences.xlsx",
                "briefing-ia-competences.sqlite", "csv/places.csv", "json/places.json",
                "schemas/places.json", "parquet/places.parquet"} <= names  # fmt: skip
        # Each release's SHA256SUMS checks its own files.
        for line in files[base + "SHA256SUMS"].decode().splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256(files[base + name]).hexdigest() == digest
        assert json.loads(files[base + "datapackage.json"])["version"] == version
    # The tree is the latest release: its permanent files are the current ones.
    for d in downloads(context):
        assert files[published.moved(d.path, "2.2.1")] == d.content
    # An older release keeps its own bytes: Germany is not in 2.1.0.
    assert b"DE," not in files["data/v2.1.0/csv/places.csv"]
    assert b"DE,Allemagne,Germany" in files["data/v2.2.0/csv/places.csv"]
    assert json.loads(files["data/v2.2.1/changes.json"])["needs"] == PATCH


def test_each_record_knows_when_it_was_added_and_last_changed(context):
    v = context.versions
    assert v.unreleased is None
    germany, denmark = v.of("places", "DE"), v.of("places", "DK")
    assert (germany.added.version, germany.changed.version) == ("2.2.0", "2.2.1")
    assert (denmark.added.version, denmark.changed) == ("2.1.0", None)
    figure = next(iter(context.data["figures"]))
    made = dict(api.files(context))
    releases = json.loads(made["api/v1/index.json"])["releases"]
    assert [(r["version"], r["date"]) for r in releases] == [
        ("2.1.0", "2026-11-27"),
        ("2.2.0", "2026-12-01"),
        ("2.2.1", "2026-12-15"),
    ]
    assert releases[1]["changes"] == context.config.base + "data/v2.2.0/changes.json"
    place = json.loads(
        made["api/v1/announcements/" + next(iter(context.data["announcements"])) + ".json"]
    )
    assert place["history"]["added"]["version"] == "2.1.0"
    doc = json.loads(made[f"api/v1/figures/{figure}.json"])
    assert doc["history"] == {
        "added": {"version": "2.1.0", "date": "2026-11-27",
                  "changes": context.config.base + "data/v2.1.0/changes.json"},
        "changed": None,
        "unreleased_changes": False,
    }  # fmt: skip


def test_unreleased_edits_show_as_such(tmp_path, repo, site_config):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    edit(clone / "datapackage" / "data" / "places.csv", "Danemark,Denmark", "Danemark,Kingdom of Denmark")  # fmt: skip
    package = package_of(clone)
    ctx = Context.open(package, site_config, read_history(package))
    assert ctx.versions.unreleased is not None
    assert ctx.versions.pending(ctx.versions.of("places", "DK"))
    assert not ctx.versions.pending(ctx.versions.of("places", "FR"))
    # A figure added in the working tree says so, not "changed".
    from macros.pages.page import Page
    from macros.pages.views.history import history_view

    figures = clone / "datapackage" / "data" / "figures.csv"
    rows = figures.read_text(encoding="utf-8").splitlines()
    first = next(iter(ctx.data["figures"]))
    copy = next(r for r in rows if r.startswith(first + ","))
    figures.write_text(
        "\n".join([*rows, copy.replace(first + ",", "new-figure,", 1)]) + "\n", encoding="utf-8"
    )
    ctx = Context.open(package, site_config, read_history(package))
    view = history_view("figures", "new-figure", Page(ctx, "en", "en/figures/"))
    assert view["added_unreleased"] and not view["unreleased"] and view["added"] is None


def test_a_clone_without_tags_rebuilds_every_release(tmp_path, repo):
    clone = tmp_path / "no-tags"
    git(tmp_path, "clone", "-q", "--no-tags", f"file://{repo}", str(clone))
    assert git(clone, "tag", "--list") == ""
    history = read_history(package_of(clone))
    assert [r.version for r in history.releases] == ["2.1.0", "2.2.0", "2.2.1"]
    assert history.notice == ""


def test_a_shallow_clone_lists_its_releases_and_says_why_it_cannot_rebuild(
    tmp_path, repo, site_config
):
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    history = read_history(package_of(shallow))
    assert history.releases == () and history.notice == "shallow"
    assert [r.version for r in history.records] == ["2.1.0", "2.2.0", "2.2.1"]
    ctx = Context.open(package_of(shallow), site_config, history)
    assert ctx.versions.of("places", "DE") is None and published.files(ctx) == {}
    exported = tmp_path / "exported"
    shutil.copytree(repo / "datapackage", exported / "datapackage")
    assert read_history(package_of(exported)).notice == "no-repository"


def build(root: Path, out: Path) -> subprocess.CompletedProcess:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "BRIEFING_PACKAGE": str(package_of(root))}
    env.pop("BRIEFING_HISTORY", None)
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(out)],
                          cwd=paths.ROOT, capture_output=True, text=True, env=env)  # fmt: skip


@pytest.mark.slow
def test_the_site_publishes_every_version_and_builds_from_a_shallow_clone(tmp_path, repo):
    done = build(repo, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Versions: 2.1.0, 2.2.0, 2.2.1" in done.stderr
    assert 'rel="icon"' in (
        tmp_path
        / "site/en/embed"
        / next(p.name for p in (tmp_path / "site/en/embed").iterdir())
        / "index.html"
    ).read_text(encoding="utf-8")
    site = tmp_path / "site"
    assert (site / "data/v2.1.0/briefing-ia-competences.zip").is_file()
    page = (site / "en/data/index.html").read_text(encoding="utf-8")
    for version in ("2.1.0", "2.2.0", "2.2.1"):
        assert f'id="version-{version.replace(".", "-")}"' in page
    assert "Changes since version 2.2.0." in page and "Only values were corrected" in page
    # Record pages say when each record came, linked to that release on the data page.
    figures = (site / "en/figures/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../data/#version-2-1-0">Added in version 2.1.0 (27 November 2026)</a>' in figures
    )
    org = next((site / "organisation").iterdir()) / "index.html"
    assert "Ajout dans la version 2.1.0 (27 novembre 2026)" in org.read_text(encoding="utf-8")

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    done = build(shallow, tmp_path / "site-shallow")
    assert done.returncode == 0, done.stderr[-3000:]
    assert (
        "shallow clone: 2.1.0, 2.2.0, 2.2.1 listed, not rebuilt (git fetch --unshallow)"
        in done.stderr
    )
    page = (tmp_path / "site-shallow/en/data/index.html").read_text(encoding="utf-8")
    assert "This copy is a shallow clone" in page and "Run git fetch --unshallow" in page
    # Every release is still listed, with the SHA-256 of its archive as recorded.
    for rec in read_release_records(package_of(shallow)):
        assert f'id="version-{rec.version.replace(".", "-")}"' in page
        assert rec.files[f"data/v{rec.version}/briefing-ia-competences.zip"] in page
    assert not list((tmp_path / "site-shallow/data").glob("v*"))


def test_a_writer_that_changes_an_old_release_stops_the_build(tmp_path, repo, monkeypatch):
    """Today's code must make each release's recorded bytes: a CSV writer that adds a byte
    changes every release's files, and the build says which and what to do."""
    from macros.publish import downloads as writers

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    write = writers.csv_bytes
    monkeypatch.setattr(writers, "csv_bytes", lambda ctx, name: write(ctx, name) + b" ")
    package = package_of(clone)
    ctx = Context.open(package, CONFIG, read_history(package))
    with pytest.raises(published.ReleaseMismatch) as failed:
        published.files(ctx)
    assert failed.value.version == "2.1.0"
    assert "Release 2.1.0 no longer rebuilds byte for byte" in str(failed.value)
    assert "Restore the old writer" in str(failed.value)
    assert "La version 2.1.0 ne se reconstruit plus" in str(failed.value)


@pytest.mark.slow
def test_a_build_stops_on_a_release_that_no_longer_matches_its_record(tmp_path, repo):
    """The same through `mkdocs build`: a recorded checksum that today's code does not make
    (as after a change to a writer) stops the build, naming the version and the file."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    path = clone / "datapackage" / "releases" / "2.2.0.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"]["data/v2.2.0/csv/places.csv"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    done = build(clone, tmp_path / "site")
    assert done.returncode != 0
    assert "Release 2.2.0 no longer rebuilds byte for byte: data/v2.2.0/csv/places.csv" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr.split("Release 2.2.0")[0][-200:]


SHAPES = Path(__file__).parent / "fixtures" / "dcat-ap"
# Controlled vocabularies whose IRIs get their class from the vocabulary (see the README).
VOCABULARIES = (
    "http://publications.europa.eu/resource/authority/",
    "https://www.iana.org/assignments/media-types/",
    "http://purl.org/adms/",
)


def shacl(data, shapes: str) -> list[tuple[str, str, str]]:
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import SH

    graph = Graph().parse(SHAPES / shapes, format="turtle")
    _, report, _ = validate(data, shacl_graph=graph, inference="none", allow_warnings=True)
    return [
        (str(report.value(r, SH.resultPath)), str(report.value(r, SH.value)),
         str(report.value(r, SH.focusNode)))
        for r in report.subjects(predicate=SH.resultSeverity)
    ]  # fmt: skip


@pytest.mark.parametrize("with_releases", [True, False], ids=["three-releases", "no-history"])
def test_the_catalogue_passes_the_dcat_ap_core_and_recommended_shapes(
    with_releases, context, site_config
):
    from macros.publish.catalog import graph

    ctx = context if with_releases else Context.open(paths.PACKAGE, site_config)
    data = graph(ctx)
    assert shacl(data, "shapes.ttl") == []
    assert shacl(data, "shapes_recommended.ttl") == []
    assert shacl(data, "deprecateduris.ttl") == []
    # Ranges: every node of ours has the class DCAT-AP expects; what remains are IRIs of the
    # EU vocabularies, whose classes the vocabularies state.
    for path, value, focus in shacl(data, "range.ttl"):
        assert value.startswith(VOCABULARIES), (path, value, focus)


def test_the_catalogue_describes_every_version_with_its_files(context):
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCAT

    from macros.publish.catalog import ADMS, DCAT3, SPDX, graph

    g, base = graph(context), context.config.base
    dataset = URIRef(base + "data/#dataset")
    versions = sorted(str(v) for v in g.objects(dataset, DCAT3.hasVersion))
    assert versions == [base + f"data/v{v}/#dataset" for v in ("2.1.0", "2.2.0", "2.2.1")]
    v220 = URIRef(base + "data/v2.2.0/#dataset")
    assert g.value(v220, DCAT3.version) == Literal("2.2.0")
    assert g.value(v220, DCAT3.isVersionOf) == dataset
    notes = {n.language: str(n) for n in g.objects(v220, ADMS.versionNotes)}
    assert notes["en"] == "places: 1 added (DE)."  # the changelog's Markdown, as plain text
    files = published.files(context)
    for dist in g.objects(v220, DCAT.distribution):
        path = str(dist).removeprefix(base)
        assert path.startswith("data/v2.2.0/")
        checksum = g.value(g.value(dist, SPDX.checksum), SPDX.checksumValue)
        assert str(checksum) == hashlib.sha256(files[path]).hexdigest()
