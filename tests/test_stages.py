"""Each stage called in-process on the fixture package, without MkDocs: view models, rendering,
charts, the API, feeds, catalogue, workbook and database. Fast; the full builds are elsewhere."""

import csv
import io
import json
import re
import shutil
import sqlite3
import struct
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from macros.check.validate import validate
from macros.data.config import SiteConfig
from macros.data.context import Context
from macros.data.listings import LISTINGS, Parts
from macros.data.products import Products
from macros.pages import charts, render
from macros.pages.page import Page
from macros.pages.views import organisations
from macros.pages.views.figures import figure
from macros.publish import api, calendar, catalog, feeds
from macros.publish.csv_files import csv_bytes
from macros.publish.database import sqlite_bytes
from macros.publish.downloads import downloads
from macros.publish.workbook import xlsx_bytes

BASE = Path(__file__).parent / "fixtures" / "base" / "datapackage.json"
CONFIG = SiteConfig(
    languages=("fr", "en"),
    site_names={"fr": "Briefing de test", "en": "Test Briefing"},
    site_url="https://example.org/briefing/",
    repo_url="https://example.org/repo",
)


@pytest.fixture(scope="module")
def build() -> Context:
    return Context.open(BASE, CONFIG)


def page(build, lang="en", here="en/figures/") -> Page:
    return Page(build, lang, here)


def test_a_record_refuses_a_misspelt_field(build):
    fig = next(iter(build.data["figures"].values()))
    with pytest.raises(AttributeError, match="no field 'valeu'"):
        fig.valeu  # noqa: B018


def test_languages_and_names_come_from_the_configuration(build):
    assert list(build.languages) == ["fr", "en"]
    assert build.urls.page("figures", "fr") == "figures/"
    assert build.urls.page("figures", "en", part=2) == "en/figures/2/"
    assert build.urls.record("people", "x", "en") == "en/person/x/"
    with pytest.raises(KeyError):
        build.urls.page("figures", "de")


def test_every_listing_cuts_its_items_into_parts_of_its_size(build):
    for name, listing in LISTINGS.items():
        items = listing.order(build.data)
        parts = build.parts
        assert parts.count(name) == max(1, -(-len(items) // listing.per_part)), name
        for n, rec in enumerate(items):
            assert parts.part_of(name, rec.id) == n // listing.per_part + 1


def test_a_figure_view_in_each_language(build):
    fig = build.data["figures"]["ai-training-target-300000"]
    en, fr = figure(fig, page(build)), figure(fig, page(build, "fr", "figures/"))
    assert en["value"] == "300,000 a year" and fr["value"] == "300\u202f000 par an"
    assert en["href"] == "./#ai-training-target-300000"
    # The citation names the site from the configuration, in the reader's language.
    assert "Via Test Briefing, https://example.org/briefing/en/figures/" in en["citation"]["after"]
    assert en["citation"]["title_lang"] == "fr"


def test_roles_on_a_source_page_use_english_punctuation(build):
    role = next(iter(build.data["roles"].values()))
    from macros.pages.views.links import role_link

    name = build.data["people"][role.person_id].name
    assert role_link(role, page(build))["text"].startswith(f"{name}: ")
    assert role_link(role, page(build, "fr", "sources/"))["text"].startswith(f"{name}\u00a0: ")


def test_record_pages_render_escaped_html():
    build = Context.open(BASE, CONFIG)  # its own: the test edits a record
    build.data["organisations"]["numeum"]["description_en"] = '<script>alert("x")</script>'
    ctx = page(build, "en", "en/organisation/numeum/")
    html = render.record_page("organisations", "numeum", ctx)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert html.startswith("<h1>Numeum")
    view = organisations.organisation("numeum", ctx)
    assert view["sources"] and all(s["href"].startswith("../../") for s in view["sources"])


def test_a_listing_part_links_to_its_neighbours(build, monkeypatch):
    # Force several parts of the figures listing.
    small = {
        **LISTINGS,
        "figures": LISTINGS["figures"].__class__(
            "figures", "figures/", 3, LISTINGS["figures"].order, "figures.html"
        ),
    }
    monkeypatch.setattr("macros.data.listings.LISTINGS", small)
    parts = Parts(build.data)
    assert parts.count("figures") > 2
    ctx = Page(
        Context(**{**build.__dict__, "parts": parts, "products": Products()}), "en", "en/figures/2/"
    )
    pager = render.pager("figures", 2, ctx)
    assert [link.get("href") for link in pager["links"] if not link["gap"]][:3] == [
        "../",
        "./",
        "../3/",
    ]


def test_charts_are_svg_png_and_csv_at_stable_addresses(build):
    files = charts.files(build)
    assert set(files) == {
        f"charts/{i}-{lang}.{ext}" for i in (c.id for c in build.editorial.charts) for lang in ("fr", "en")
        for ext in ("svg", "png", "csv")
    }  # fmt: skip
    svg = files[charts.path("ai-adoption-rate", "en")].decode("utf-8")
    assert svg.startswith("<?xml") and "Denmark" in svg and "<script" not in svg
    # The PNG at twice the 800 pixels the pages display (width and height from its header).
    png = files[charts.path("ai-adoption-rate", "en", "png")]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    w, h = charts.figure_size(build, "ai-adoption-rate")
    assert (width, height) == (1600, round(1600 * h / w))
    # Exactly what is drawn: one row per bar, part and target, with unit and source.
    rows = list(
        csv.DictReader(io.StringIO(files[charts.path("ai-investment", "fr", "csv")].decode()))
    )
    marks = charts.layout(build, "ai-investment").marks()
    assert [(r["role"], r["figure_id"]) for r in rows] == [(role, f.id) for role, f in marks]
    # The share of the 109 bn is drawn inside its whole, never as a bar of its own.
    assert [role for role, _ in marks] == ["bar", "part"]
    assert rows[1]["part_of"] == rows[0]["figure_id"]
    for row, fig in zip(rows, [f for _, f in marks], strict=True):
        assert Decimal(row["value"]) == fig.value and row["unit"] == fig.unit
        assert row["source_id"] == fig.source_id and row["source"].startswith("News Tank RH")
    # The same bytes at every build.
    assert charts._make(build) == files


def test_embed_pages_hold_the_chart_and_nothing_else(build):
    from macros.pages import embeds

    out = embeds.files(build)
    assert set(out) == {
        f"{prefix}embed/{i}/index.html"
        for i in (c.id for c in build.editorial.charts)
        for prefix in ("", "en/")
    }
    html = out["en/embed/ai-adoption-rate/index.html"].decode()
    assert '<html lang="en">' in html and 'http-equiv="Content-Security-Policy"' in html
    assert "<script" not in html and "md-header" not in html and "md-search" not in html
    assert 'src="../../../charts/ai-adoption-rate-en.svg"' in html
    # Every resource it loads is the site's own (no third-party request).
    loaded = re.findall(r'<(?:img|link rel="stylesheet"|script)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded == ["../../../assets/embed.css", "../../../charts/ai-adoption-rate-en.svg"]
    assert (
        'href="https://example.org/briefing/en/charts/#chart-ai-adoption-rate" target="_top"'
        in html
    )


def test_api_documents_link_records(build):
    out = dict(api.files(build))
    index = json.loads(out["api/v1/index.json"])
    assert {r["name"] for r in index["resources"]} == set(build.data)
    numeum = json.loads(out["api/v1/organisations/numeum.json"])
    assert numeum["organisation"]["id"] == "numeum"
    assert all(
        f["organisation_id"] == "numeum" or f["stated_by_organisation_id"] == "numeum"
        for f in numeum["figures"]
    )
    assert index["resources"][0]["url"].startswith("https://example.org/briefing/api/v1/")


def test_feeds_and_calendars_per_language(build):
    atom = feeds.atom(build, "en").decode("utf-8")
    assert "<title>Test Briefing: announcements</title>" in atom
    assert "https://example.org/briefing/en/timeline/#" in atom
    cal = Calendar.from_ical(calendar.icalendar(build, "fr"))
    assert str(cal["x-wr-calname"]) == "Briefing de test"
    assert all(
        str(ev["url"]).startswith("https://example.org/briefing/") for ev in cal.walk("VEVENT")
    )


def test_catalogue_describes_every_download(build):
    g = Graph().parse(data=catalog.turtle(build), format="turtle")
    assert len(set(g.subjects(RDF.type, DCAT.Distribution))) == len(downloads(build))


def test_csv_workbook_and_database_hold_every_row(build):
    rows = list(csv.reader(io.StringIO(csv_bytes(build, "figures").decode("utf-8"))))
    assert len(rows) == len(build.data["figures"]) + 1
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(build)))
    assert wb["figures"].max_row == len(build.data["figures"]) + 1
    with open_sqlite(sqlite_bytes(build)) as con:
        assert con.execute("SELECT COUNT(*) FROM figures").fetchone()[0] == len(
            build.data["figures"]
        )
    with zipfile.ZipFile(io.BytesIO(downloads(build)[0].content)) as zf:
        assert "data/figures.csv" in zf.namelist()


class open_sqlite:
    def __init__(self, raw: bytes):
        self.raw = raw

    def __enter__(self):
        self.con = sqlite3.connect(":memory:")
        self.con.deserialize(self.raw)
        return self.con

    def __exit__(self, *exc):
        self.con.close()


def test_a_new_context_sees_an_edited_csv(tmp_path):
    """No cache between builds: the next build reads what is on disk now."""
    import shutil

    shutil.copytree(BASE.parent, tmp_path / "pkg")
    path = tmp_path / "pkg" / "data" / "organisations.csv"
    first = Context.open(tmp_path / "pkg" / "datapackage.json", CONFIG)
    text = path.read_text(encoding="utf-8")
    old = first.data["organisations"]["numeum"]["description_en"]
    path.write_text(text.replace(old, "A new description."), encoding="utf-8")
    second = Context.open(tmp_path / "pkg" / "datapackage.json", CONFIG)
    assert second.data["organisations"]["numeum"]["description_en"] == "A new description."
    assert b"A new description." in csv_bytes(second, "organisations")


def test_relative_links_match_posixpath():
    import posixpath

    from macros.data.urls import relative

    pages = ["", "figures/", "en/", "en/figures/2/", "en/organisation/numeum/", "data/x.html"]
    targets = ["", "figures/", "en/figures/#a", "data/csv/figures.csv", "en/", "figures/2/#x-y"]
    for here in pages:
        for target in targets:
            path, _, anchor = target.partition("#")
            here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
            expected = posixpath.relpath(path or ".", here_dir or ".")
            if expected == ".":
                expected = "./"
            elif path == "" or path.endswith("/"):
                expected += "/"
            expected += f"#{anchor}" if anchor else ""
            assert relative(target, here) == expected, (target, here)


def test_records_read_as_frictionless_reads_them():
    """The build's own reader (one csv pass and a cast) gives frictionless's typed values."""
    from frictionless import Package

    from macros.data import paths
    from macros.data.records import read_records

    ours = read_records(paths.PACKAGE)
    for res in Package(str(paths.PACKAGE)).resources:
        res.schema.foreign_keys = []
        theirs = {row["id"]: row.to_dict() for row in res.read_rows()}
        assert {i: dict(r) for i, r in ours[res.name].items()} == theirs, res.name
        for i, row in theirs.items():
            assert [type(v) for v in row.values()] == [type(v) for v in ours[res.name][i].values()]


def append_rows(folder: Path, resource: str, rows: list[dict]) -> None:
    """Rows appended to a copy of a fixture package, by column name (absent columns empty)."""
    path = folder / "data" / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerows(rows)


def measure(fid, indicator, value, geo, segment, kind="measurement", deadline="", quote=""):
    return {
        "id": fid, "indicator_id": indicator, "label_fr": fid, "label_en": fid, "value": value,
        "unit": "percent", "kind": kind, "geo": geo, "segment": segment,
        "deadline": deadline, "deadline_precision": "year" if deadline else "",
        "source_id": "newstank-rh-interview-387590", "quote": quote,
    }  # fmt: skip


def test_a_target_is_compared_only_within_its_indicator_place_and_segment(build, tmp_path):
    from macros.pages.views.figures import targets

    eu_target = build.data["figures"]["eu-ai-adoption-target-2030"]
    # French and Danish adoption rates, an EU target on use: nothing compares.
    (view,) = targets([eu_target], page(build))
    assert view["measures"] == []
    shutil.copytree(BASE.parent, tmp_path / "pkg")
    quote = "Objectif : 20 % des TPE et 60 % des grands groupes d’ici 2030."
    append_rows(tmp_path / "pkg", "figures", [
        measure("eu-ai-use-test", "ai-use-rate", "13.5", "EU", "all-companies",
                quote="13,5 % des entreprises européennes"),
        measure("fr-ai-use-test", "ai-use-rate", "20", "FR", "all-companies",
                quote="20 % des entreprises françaises"),
        measure("tpe-target", "ai-adoption-rate", "20", "FR", "micro-businesses", "target",
                "2030-01-01", quote),
        measure("large-target", "ai-adoption-rate", "60", "FR", "large-companies", "target",
                "2030-01-01", quote),
    ])  # fmt: skip
    assert validate(tmp_path / "pkg" / "datapackage.json") == []
    edited = Context.open(tmp_path / "pkg" / "datapackage.json", CONFIG)
    figs = edited.data["figures"]
    (view,) = targets([figs["eu-ai-adoption-target-2030"]], page(edited))
    assert [(m["id"], m["gap"]) for m in view["measures"]] == [
        ("eu-ai-use-test", "61.5 percentage points to go")
    ]
    # Each company size against its own rate only: 8 % of micro-businesses, 32 % of large ones.
    tpe, large = targets([figs["tpe-target"], figs["large-target"]], page(edited))
    assert [(m["id"], m["gap"]) for m in tpe["measures"]] == [
        ("france-ai-adoption-tpe", "12 percentage points to go")
    ]
    assert [(m["id"], m["gap"]) for m in large["measures"]] == [
        ("france-ai-adoption-large", "28 percentage points to go")
    ]
    # The chart draws each target against its own segment's bars, labelled with the segment.
    lay = charts.layout(edited, "ai-adoption-rate")
    parts = {g.key[0]: (g.figures, g.targets) for g in lay.groups}
    assert [f.id for f in parts["micro-businesses"][1]] == ["tpe-target"]
    assert [f.id for f in parts["micro-businesses"][0]] == ["france-ai-adoption-tpe"]
    alt = charts.alt_text(edited, "ai-adoption-rate", "en", lambda f: str(f.value))
    assert "Target (France · Micro-businesses, 2030): 20" in alt
    assert "Target (France · Large corporations, 2030): 60" in alt
    assert charts.svg(edited, "ai-adoption-rate", "en").count(b"stroke-dasharray") >= 2


def test_a_prose_page_naming_an_unknown_record_says_which(build):
    """A figure renamed in the data but still named in docs/: a message, not a KeyError."""
    with pytest.raises(render.UnknownRecord, match="“no-such-figure” is not in figures.csv"):
        render.figure_value("no-such-figure", page(build))
    with pytest.raises(render.UnknownRecord, match="announcements.csv"):
        render.event_date("no-such-announcement", page(build))


def test_records_are_read_with_frictionless_field_readers(tmp_path):
    """Any Table Schema type and option a package uses reads as frictionless reads it: a
    year, a boolean with its own true values, a number that keeps its written decimals."""
    from macros.data.records import read_records

    shutil.copytree(BASE.parent, tmp_path / "pkg")
    schema_path = tmp_path / "pkg" / "schemas" / "periods.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] += [
        {"name": "since", "type": "year"},
        {"name": "current", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "share", "type": "number", "decimalChar": ","},
    ]
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    periods = tmp_path / "pkg" / "data" / "periods.csv"
    lines = periods.read_text(encoding="utf-8").splitlines()
    periods.write_text(
        "\n".join(
            [lines[0] + ",since,current,share"] + [f'{line},2025,oui,"12,50"' for line in lines[1:]]
        )
        + "\n",
        encoding="utf-8",
    )
    (period,) = read_records(tmp_path / "pkg" / "datapackage.json")["periods"].values()
    assert (period.since, period.current) == (2025, True)
    assert str(period.share) == "12.50"
