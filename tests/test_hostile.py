"""A package whose every free-text cell is hostile builds into pages, downloads and feeds that
show the text as text.

Every text cell the validator lets through is filled with markup, quotes of every kind,
Jinja and Markdown syntax, links in disguise, very long words, emoji and combining marks. The
site built from it must have the same element structure as the site built from the clean
package (no element or attribute more, no element less), show each value literally, and
publish files that parse and give the values back.
"""

import csv
import io
import json
import re
import shutil
import sqlite3
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import html5lib
import pytest
from conftest import BASE, made_once, mkdocs_build
from openpyxl import load_workbook

from macros.check.validate import validate

pytestmark = pytest.mark.slow

# No digits and no month names: prose may only hold the numbers of its row (a validator rule).
HOSTILE = (
    "Guillemets \"doubles\" 'simples' `obliques` « français » “anglais” ‘courbes’",
    '<script>alert("x")</script> & <b>gras</b> </script> </title> <!-- commentaire -->',
    '"><meta http-equiv="refresh" content="x;url=https://evil.example/"><x y="',
    "{{ config.site_name }} {% raw %} {# note #} ${x} {{ '<i>' }}",
    "**gras** _italique_ [lien](javascript:alert(document.cookie)) # titre | a | b |",
    "javascript:alert(document.cookie)",
    "Anticonstitutionnellement" * 8,
    "Robots 🤖🇫🇷 et 👩🏽‍💻 émojis",
    "Combinants e\u0301 Z\u0351\u0362a\u0335l\u0334g\u0338o",
    "]]> &amp; &#xAB; &lt; \\ %s {name} a =HYPERLINK(x) <![CDATA[ x ]]>",
)
# Suffixes keep every cell distinct (names are unique, rows may not repeat), without digits.
LETTERS = "abcdefghijklmnopqrstuvwxyz"


QUOTE_MAX = 300


def suffix(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = LETTERS[r] + out
        if n == 0:
            return "q" + out


def free_text(field: dict, schema: dict) -> bool:
    """A text cell a contributor writes freely: no key, pattern, list, format or language."""
    constraints = field.get("constraints", {})
    keys = {fk["fields"] for fk in schema.get("foreignKeys", [])} | set(schema["primaryKey"])
    return (
        field["name"] not in keys
        and field.get("type", "string") == "string"
        and "pattern" not in constraints
        and "enum" not in constraints
        and "format" not in field
        and field["name"] != "language"
    )


# The real data has no outcome yet: both sites get this one, so its text is tried too.
OUTCOME = {
    "id": "fictional-outcome", "commitment_id": "talent-drain-observatory-first-results",
    "result": "partly-met", "date": "2026-06-01", "date_precision": "day",
    "summary_fr": "Un résultat fictif.", "summary_en": "A fictional outcome.",
    "source_id": "newstank-rh-interview-387590", "quote": "Résultat fictif, le 01/06/2026.",
}  # fmt: skip


def with_outcome(target: Path) -> Path:
    """Copy the base package into target, with one outcome."""
    shutil.copytree(BASE, target)
    path = target / "data" / "outcomes.csv"
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerow(OUTCOME)
    return target / "datapackage.json"


def make_hostile(target: Path) -> dict[str, int]:
    """Copy the base package into target, hostile text in every free-text cell."""
    with_outcome(target)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    n, tried = 0, {}
    for res in descriptor["resources"]:
        schema = json.loads((target / res["schema"]).read_text(encoding="utf-8"))
        columns = [f["name"] for f in schema["fields"] if free_text(f, schema)]
        path = target / res["path"]
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            for col in columns:
                if row[col]:  # an empty cell stays empty: twins stay twins
                    value = HOSTILE[n % len(HOSTILE)]
                    hostile = f"{value} {suffix(n)}"
                    if col == "quote":
                        # A quote keeps what states its row's values and dates; hostile text
                        # comes first where the 300 characters allow it.
                        if len(hostile) + 1 + len(row[col]) > QUOTE_MAX:
                            continue
                        hostile = f"{hostile} {row[col]}"
                    elif col == "sql":
                        # An example query must run: the hostile text as its string literal.
                        hostile = "SELECT '" + hostile.replace("'", "''") + "' AS text"
                    row[col] = hostile
                    tried[value] = tried.get(value, 0) + 1
                    n += 1
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return tried


def build(package: Path, out: Path) -> Path:
    result = mkdocs_build(out, package)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def make_sites(work: Path) -> None:
    tried = make_hostile(work / "package")
    assert validate(work / "package" / "datapackage.json") == []
    build(with_outcome(work / "clean-package"), work / "clean")
    build(work / "package" / "datapackage.json", work / "hostile")
    cells = sum(tried.values())
    print(f"\nhostile corpus: {len(tried)} values in {cells} cells", file=sys.stderr)
    assert len(tried) == len(HOSTILE) and cells > 300


@pytest.fixture(scope="module")
def sites(tmp_path_factory, worker_id):
    work = made_once(tmp_path_factory, worker_id, "hostile", make_sites)
    return work / "clean", work / "hostile", work / "package"


def structure(html: str) -> Counter:
    """How many elements of each kind, with the names of their attributes. Counted, not in
    order: names sort differently once they change, so listings change order."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return Counter(
        (el.tag, tuple(sorted(el.attrib))) for el in tree.iter() if isinstance(el.tag, str)
    )


def text_of(html: str) -> str:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    body = tree.find("body")
    return re.sub(r"\s+", " ", "".join(body.itertext()))


def test_every_page_keeps_the_clean_element_structure(sites):
    clean, hostile, _ = sites
    pages = sorted(p.relative_to(clean) for p in clean.rglob("*.html"))
    assert len(pages) > 90
    for page in pages:
        expected = structure((clean / page).read_text(encoding="utf-8"))
        found = structure((hostile / page).read_text(encoding="utf-8"))
        assert found == expected, page


def test_svg_charts_hold_no_new_element(sites):
    clean, hostile, _ = sites
    charts = sorted(p.relative_to(clean) for p in clean.rglob("*.svg") if "charts" in p.parts)
    assert charts
    for chart in charts:
        # Longer labels wrap on more lines: the kinds of element stay those of the clean chart.
        tags = {el.tag for el in ET.parse(hostile / chart).iter()}
        assert tags <= {el.tag for el in ET.parse(clean / chart).iter()}, chart
        assert not any(t.endswith(("script", "foreignObject", "}a")) for t in tags)


def test_every_value_shows_literally(sites):
    _, hostile, _ = sites
    # English pages: French pages change spaces before punctuation (typography), not text.
    text = " ".join(
        text_of(p.read_text(encoding="utf-8")) for p in (hostile / "en").rglob("*.html")
    )
    for value in HOSTILE:
        assert re.sub(r"\s+", " ", value) in text, value


def test_page_heads_show_titles_and_descriptions_as_text(sites):
    _, hostile, package = sites
    with open(package / "data" / "organisations.csv", encoding="utf-8", newline="") as f:
        orgs = list(csv.DictReader(f))
    for org in orgs:
        html = (hostile / "en" / "organisation" / org["id"] / "index.html").read_text(
            encoding="utf-8"
        )
        head = html5lib.parse(html, namespaceHTMLElements=False).find("head")
        assert head.find("title").text.startswith(org["name"])
        described = [m.get("content") for m in head.iter("meta") if m.get("name") == "description"]
        if org["description_en"]:
            assert described == [org["description_en"]]
        else:
            assert len(described) == 1 and org["name"] in described[0]
        assert not [m for m in head.iter("meta") if m.get("http-equiv") == "refresh"]
        # The preview card's tags carry the same text, as text.
        card = {m.get("property") or m.get("name"): m.get("content") for m in head.iter("meta")}
        assert card["og:title"] == card["twitter:title"] == org["name"]
        assert card["og:description"] == described[0]


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_downloads_give_the_text_back(sites):
    _, hostile, package = sites
    orgs = read_csv(package / "data" / "organisations.csv")
    names = [o["name"] for o in orgs]
    # CSV and JSON
    assert [o["name"] for o in read_csv(hostile / "data" / "csv" / "organisations.csv")] == names
    records = json.loads((hostile / "data" / "json" / "organisations.json").read_text("utf-8"))
    assert [o["name"] for o in records] == names
    # SQLite
    db = sqlite3.connect(hostile / "data" / "briefing-ia-competences.sqlite")
    assert [r[0] for r in db.execute("SELECT name FROM organisations")] == names
    db.close()
    # The workbook: every text a string, not one formula
    wb = load_workbook(hostile / "data" / "briefing-ia-competences.xlsx")
    formulas = [
        c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    sheet = wb["organisations"]
    header = [c.value for c in sheet[1]]
    column = header.index("name")
    assert [r[column].value for r in sheet.iter_rows(min_row=2)] == names
    # The API documents parse
    for doc in (hostile / "api").rglob("*.json"):
        json.loads(doc.read_text(encoding="utf-8"))


def test_feeds_and_calendars_give_the_text_back(sites):
    from icalendar import Calendar

    _, hostile, package = sites
    anns = read_csv(package / "data" / "announcements.csv")
    for lang, feed in (
        ("fr", hostile / "announcements.atom"),
        ("en", hostile / "en" / "announcements.atom"),
    ):
        atom = ET.parse(feed).getroot()
        ns = {"a": "http://www.w3.org/2005/Atom"}
        titles = {e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)}
        assert titles and titles <= {a[f"title_{lang}"] for a in anns}
        # Commitments' status changes are titled by their target's label or planned title.
        prefix = "" if lang == "fr" else "en/"
        changes = ET.parse(hostile / f"{prefix}commitments.atom").getroot()
        titles = [e.findtext("a:title", namespaces=ns) for e in changes.findall("a:entry", ns)]
        assert titles and all(any(h in t for h in HOSTILE) for t in titles)
        calendar = Calendar.from_ical((hostile / "data" / f"calendar-{lang}.ics").read_bytes())
        summaries = {str(e.get("summary")) for e in calendar.walk("VEVENT")}
        assert summaries and all(any(h in s for h in HOSTILE) for s in summaries)


def test_catalogue_parses_in_both_formats(sites):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    _, hostile, _ = sites
    turtle = Graph().parse(hostile / "data" / "catalog.ttl", format="turtle")
    jsonld = Graph().parse(hostile / "data" / "catalog.jsonld", format="json-ld")
    assert len(turtle) > 100 and isomorphic(turtle, jsonld)


def test_workbook_never_writes_a_formula_even_from_an_unchecked_context(tmp_path):
    """Whatever reached the context, the workbook stores text as text."""
    from test_stages import CONFIG

    from macros.data.context import Context
    from macros.publish.workbook import xlsx_bytes

    ctx = Context.open(BASE / "datapackage.json", CONFIG)
    ctx.data["organisations"]["numeum"]["description_en"] = (
        '=HYPERLINK("http://evil.example/x","clic")'
    )
    wb = load_workbook(io.BytesIO(xlsx_bytes(ctx)))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert '=HYPERLINK("http://evil.example/x","clic")' in [c.value for c in cells]
