"""The open-data distribution: downloads, API, catalogue, feeds, citations, versions."""

import asyncio
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import BASE
from icalendar import Calendar
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF

from macros.check.validate import validate
from macros.data import paths
from macros.data.changelog import read_changelog
from macros.data.records import read_descriptor
from macros.publish.downloads import downloads
from macros.publish.package_zip import ZIP_TIME

pytestmark = pytest.mark.slow
DESCRIPTOR = read_descriptor(BASE / "datapackage.json")
NAME = DESCRIPTOR["name"]
RESOURCES = [r["name"] for r in DESCRIPTOR["resources"]]


def test_zipped_package_validates_once_unzipped(site, tmp_path):
    with zipfile.ZipFile(site / "data" / f"{NAME}.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(i.date_time == ZIP_TIME for i in zf.infolist())
        zf.extractall(tmp_path)
    assert {"datapackage.json", "README.md", "LICENSE.md", "CHANGELOG.md"} <= set(names)
    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(cli), "validate", str(tmp_path / "datapackage.json")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert validate(tmp_path / "datapackage.json") == []


def test_csv_files_are_rfc4180_and_complete(site, built):
    for name in RESOURCES:
        raw = (site / "data" / "csv" / f"{name}.csv").read_bytes()
        assert raw.endswith(b"\r\n") and not raw.startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8").count("\r\n") >= len(built.data[name]) + 1


def test_json_files_hold_typed_records(site, built):
    figures = json.loads((site / "data" / "json" / "figures.json").read_text(encoding="utf-8"))
    assert len(figures) == len(built.data["figures"])
    target = next(f for f in figures if f["id"] == "ai-training-target-300000")
    assert target["value"] == 300000 and isinstance(target["value"], int)
    audience = next(f for f in figures if f["id"] == "medef-audience-companies-2021")
    assert audience["value"] == 21.96 and audience["period"] == "2021-01-01"
    anns = json.loads((site / "data" / "json" / "announcements.json").read_text(encoding="utf-8"))
    assert all(isinstance(a["planned"], bool) for a in anns)


def test_sqlite_database(site, built):
    con = sqlite3.connect(site / "data" / f"{NAME}.sqlite")
    for name in RESOURCES:
        assert con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] == len(built.data[name])
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    indexed = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    for res in DESCRIPTOR["resources"]:
        for fk in res["schema_data"].get("foreignKeys", []):
            assert f"idx_{res['name']}_{fk['fields']}" in indexed
            refs = con.execute(f'PRAGMA foreign_key_list("{res["name"]}")').fetchall()
            target = fk["reference"]["resource"] or res["name"]  # "": the table itself
            assert any(r[3] == fk["fields"] and r[2] == target for r in refs)
    columns = {r[1]: r[2] for r in con.execute('PRAGMA table_info("figures")')}
    assert columns["value"] == "REAL" and columns["date"] == "TEXT"
    meta = dict(con.execute("SELECT key, value FROM _metadata"))
    assert meta["version"] == DESCRIPTOR["version"]


def test_sqlite_opens_in_datasette(site):
    from datasette.app import Datasette

    async def query():
        ds = Datasette([str(site / "data" / f"{NAME}.sqlite")])
        response = await ds.client.get(
            f"/{NAME}/figures.json?_shape=array&id=ai-training-target-300000"
        )
        return response.status_code, response.json()

    status, rows = asyncio.run(query())
    assert status == 200 and rows[0]["value"] == 300000


def test_xlsx_workbook(site, built):
    wb = openpyxl.load_workbook(site / "data" / f"{NAME}.xlsx")
    assert wb.sheetnames == ["README", *RESOURCES]
    assert any(
        DESCRIPTOR["version"] in str(c.value) for row in wb["README"].iter_rows() for c in row
    )
    for name in RESOURCES:
        ws = wb[name]
        assert ws.max_row == len(built.data[name]) + 1
        assert ws.freeze_panes == "A2"
    header = [c.value for c in wb["figures"][1]]
    values = [
        row[header.index("value")] for row in wb["figures"].iter_rows(min_row=2, values_only=True)
    ]
    assert all(isinstance(v, int | float) for v in values)


def test_dcat_catalogue(site, built):
    ttl = Graph().parse(site / "data" / "catalog.ttl", format="turtle")
    jsonld = Graph().parse(site / "data" / "catalog.jsonld", format="json-ld")
    assert isomorphic(ttl, jsonld)
    catalog = ttl.value(predicate=RDF.type, object=DCAT.Catalog, any=False)
    dataset = ttl.value(catalog, DCAT.dataset, any=False)
    # The current files (each tagged release, when the build has them, is a version of it).
    distributions = list(ttl.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(downloads(built))
    for dist in distributions:
        for prop in (
            DCAT.downloadURL,
            DCTERMS["format"],
            DCAT.mediaType,
            DCTERMS.license,
            DCAT.byteSize,
        ):
            assert ttl.value(dist, prop) is not None, (dist, prop)
    titles = {t.language for t in ttl.objects(dataset, DCTERMS.title)}
    assert titles == {"fr", "en"}
    assert ttl.value(dataset, DCTERMS.license) == URIRef(DESCRIPTOR["licenses"][0]["path"])


def test_atom_feeds(site, built):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    expected = sum(1 for a in built.data["announcements"].values() if not a.planned)
    for lang, path in (
        ("fr", site / "announcements.atom"),
        ("en", site / "en" / "announcements.atom"),
    ):
        feed = ET.parse(path).getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for tag in ("id", "title", "updated"):
            assert feed.find(f"a:{tag}", ns) is not None
        entries = feed.findall("a:entry", ns)
        assert len(entries) == expected
        for e in entries:
            assert all(
                e.find(f"a:{t}", ns) is not None and (e.find(f"a:{t}", ns).text or "").strip()
                for t in ("id", "title", "updated")
            )
    head = (site / "en" / "figures" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in head


def test_calendar(site):
    for lang in ("fr", "en"):
        cal = Calendar.from_ical((site / "data" / f"calendar-{lang}.ics").read_bytes())
        events = cal.walk("VEVENT")
        uids = {str(e["UID"]) for e in events}
        assert "ai-action-summit-paris-2025@briefing-ia-competences" in uids
        # The EU's 2030 target is a commitment: one event, on the day its deadline ends.
        eu = next(e for e in events if str(e["UID"]).startswith("eu-75-percent"))
        assert str(eu.decoded("DTSTART")) == "2030-12-31"
        assert not uids & {
            "eu-ai-adoption-target-2030-deadline@briefing-ia-competences",
            "eu-ai-adoption-target-deadline@briefing-ia-competences",
        }
        summit = next(e for e in events if str(e["UID"]).startswith("ai-action-summit"))
        assert (
            str(summit.decoded("DTSTART")) == "2025-02-10"
            and str(summit.decoded("DTEND")) == "2025-02-12"
        )


def test_checksums_on_the_page_match_the_files(site, built):
    for page in (site / "data" / "index.html", site / "en" / "data" / "index.html"):
        html = page.read_text(encoding="utf-8")
        listed = re.findall(r"\b([0-9a-f]{64})  ([\w./-]+)", html)
        assert len(listed) == len(downloads(built))
        for digest, name in listed:
            assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest, name
        hrefs = set(re.findall(r'href="([^"]+)"', html))
        for d in downloads(built):
            assert any(h.endswith(d.path.removeprefix("data/")) for h in hrefs), d.path


def test_schema_org_dataset_on_the_data_page(site):
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Dataset" and data["version"] == DESCRIPTOR["version"]
    assert data["distribution"] and all(
        d["contentUrl"].startswith("http") for d in data["distribution"]
    )


def test_static_api(site, built):
    index = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    assert index["version"] == DESCRIPTOR["version"]
    for entry in index["resources"]:
        rows = json.loads(
            (site / "api" / "v1" / f"{entry['name']}.json").read_text(encoding="utf-8")
        )
        assert len(rows) == entry["count"] == len(built.data[entry["name"]])
    numeum = json.loads(
        (site / "api" / "v1" / "organisations" / "numeum.json").read_text(encoding="utf-8")
    )
    assert numeum["organisation"]["name"] == "Numeum"
    assert {r["person_id"] for r in numeum["roles"]} == {"veronique-torner"}
    assert {r["target_id"] for r in numeum["relations_from"]} >= {
        "syntec-numerique",
        "tech-in-france",
    }
    for folder in ("organisations", "people", "figures"):
        assert len(list((site / "api" / "v1" / folder).glob("*.json"))) == len(built.data[folder])
    fig = json.loads(
        (site / "api" / "v1" / "figures" / "eu-ai-investment-200bn.json").read_text(
            encoding="utf-8"
        )
    )
    assert fig["source"]["id"] == fig["figure"]["source_id"] and fig["announcements"]


def test_changelog_and_citation_agree_with_the_version():
    """The live package's version, its changelog's latest entry and CITATION.cff agree (true
    of any release, whatever its data)."""
    version = read_descriptor(paths.PACKAGE)["version"]
    latest = read_changelog(paths.changelog(paths.PACKAGE))[0]
    assert latest["version"] == version
    assert latest["items"]["fr"] and len(latest["items"]["fr"]) == len(latest["items"]["en"])
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["version"]) == version
    assert str(cff["date-released"]) == latest["date"].isoformat()


def test_csv_keeps_the_written_precision_of_decimals(tmp_path):
    """A value written "21.960" is published "21.960" in CSV, not through a float."""
    import shutil

    from conftest import TEST_CONFIG

    from macros.data.context import Context
    from macros.publish.csv_files import csv_bytes

    package = tmp_path / "package"
    shutil.copytree(BASE, package)
    figures = package / "data" / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(",21.96,", ",21.960,", 1), encoding="utf-8"
    )
    ctx = Context.open(package / "datapackage.json", TEST_CONFIG)
    published = csv_bytes(ctx, "figures").decode("utf-8")
    assert ",21.960," in published and ",21.96," not in published


def test_the_downloads_table_has_one_row_per_table_with_a_link_per_format(site, built):
    for page in (site / "data" / "index.html", site / "en" / "data" / "index.html"):
        html = page.read_text(encoding="utf-8")
        table = next(t for t in re.findall(r"<table>(.*?)</table>", html, re.S) if ".parquet" in t)
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)
        assert len(rows) == len(RESOURCES)
        for name, row in zip(RESOURCES, rows, strict=True):
            assert f"<code>{name}</code>" in row
            links = [h.split("/data/", 1)[-1] for h in re.findall(r'href="([^"]+)"', row)]
            assert [h.rsplit("/", 2)[-2:] for h in links] == [
                ["csv", f"{name}.csv"], ["json", f"{name}.json"],
                ["parquet", f"{name}.parquet"], ["schemas", f"{name}.json"],
            ]  # fmt: skip
            count = re.search(r'<td class="bf-num">([^<]*)</td>', row).group(1)
            assert int(re.sub(r"\D", "", count)) == len(built.data[name])
