"""The commitments tracker: deadlines at every precision, statuses as of chosen reference
dates on a fixture package, the real data's statuses, and where the statuses are published
(pages, API, downloads, calendar, Atom)."""

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from macros.check.validate import validate
from macros.data.commitments import STATUSES, Deadline, deadline, period_end, status
from macros.data.config import SiteConfig
from macros.data.context import Context
from macros.data.listings import LISTINGS
from macros.data.records import Record
from macros.pages import render
from macros.pages.page import Page
from macros.publish import api, calendar, feeds
from macros.publish.csv_files import csv_bytes

BASE = Path(__file__).parent / "fixtures" / "base"
SOURCE = "newstank-rh-interview-387590"  # its interview day, 2025-02-12, is the "by" day
CONFIG = SiteConfig(
    languages=("fr", "en"),
    site_names={"fr": "Briefing de test", "en": "Test Briefing"},
    site_url="https://example.org/briefing/",
    repo_url=None,
)
ATOM = "{http://www.w3.org/2005/Atom}"


# --- deadlines and statuses, one function at a time -------------------------------------------


@pytest.mark.parametrize(
    ("start", "precision", "end"),
    [
        (date(2026, 5, 14), "day", date(2026, 5, 14)),
        (date(2025, 2, 12), "by", date(2025, 2, 12)),
        (date(2027, 2, 1), "month", date(2027, 2, 28)),
        (date(2028, 2, 1), "month", date(2028, 2, 29)),  # a leap year
        (date(2026, 12, 1), "month", date(2026, 12, 31)),
        (date(2030, 1, 1), "year", date(2030, 12, 31)),
        (date(2026, 1, 1), "early-year", date(2026, 3, 31)),
        (date(2026, 1, 1), "by-early-year", date(2026, 3, 31)),
    ],
)
def test_a_deadline_ends_with_the_period_its_precision_covers(start, precision, end):
    """The durations are the package's own (precisions.csv), read as a build reads them."""
    with (BASE / "data" / "precisions.csv").open(encoding="utf-8") as f:
        durations = {row["id"]: row["duration"] for row in csv.DictReader(f)}
    assert period_end(start, durations[precision]) == end


def outcome(result: str, day: date, oid: str = "o") -> Record:
    return Record(id=oid, result=result, date=day)


DUE = Deadline(date(2026, 1, 1), "by-early-year", date(2026, 3, 31))


@pytest.mark.parametrize(
    ("as_of", "outcomes", "expected"),
    [
        (date(2025, 12, 30), [], "upcoming"),  # 91 days before the end
        (date(2025, 12, 31), [], "due-soon"),  # 90 days before
        (date(2026, 3, 31), [], "due-soon"),  # the last day is still within the deadline
        (date(2026, 4, 1), [], "past-deadline"),
        (date(2026, 4, 1), [outcome("met", date(2026, 3, 20))], "met"),
        (date(2026, 4, 1), [outcome("missed", date(2026, 4, 1))], "missed"),
        (date(2026, 4, 1), [outcome("partly-met", date(2026, 2, 1))], "partly-met"),
        # A progress update is shown but leaves the status to the deadline.
        (date(2026, 4, 1), [outcome("progress", date(2026, 2, 1))], "past-deadline"),
        # An outcome dated after the reference date is not known yet.
        (date(2026, 4, 1), [outcome("met", date(2026, 4, 2))], "past-deadline"),
        # The latest closing outcome decides.
        (
            date(2026, 6, 1),
            [outcome("partly-met", date(2026, 5, 1), "b"), outcome("met", date(2026, 4, 1), "a")],
            "partly-met",
        ),
    ],
)
def test_status_as_of_a_reference_date(as_of, outcomes, expected):
    assert status(DUE, outcomes, as_of)[0] == expected


def test_ninety_days_is_the_edge_of_due_soon():
    due = Deadline(date(2026, 7, 1), "day", date(2026, 7, 1))
    assert status(due, [], date(2026, 4, 2))[0] == "due-soon"  # 90 days before
    assert status(due, [], date(2026, 4, 1))[0] == "upcoming"  # 91 days before


def test_a_planned_event_over_several_days_is_due_by_its_last_day():
    data = {
        "figures": {},
        "announcements": {
            "a": Record(date=date(2026, 6, 10), date_end=date(2026, 6, 12), date_precision="day")
        },
        "precisions": {"day": Record(duration="P1D")},
    }
    due = deadline(Record(figure_id=None, announcement_id="a"), data)
    assert due.end == date(2026, 6, 12)
    assert status(due, [], date(2026, 6, 11))[0] == "due-soon"


def test_without_a_deadline_the_status_is_unknown_unless_an_outcome_says():
    assert status(None, [], date(2026, 1, 1)) == ("unknown", None)
    progress = outcome("progress", date(2025, 6, 1))
    assert status(None, [progress], date(2026, 1, 1)) == ("unknown", progress)
    assert status(None, [outcome("met", date(2025, 6, 1))], date(2026, 1, 1))[0] == "met"


# --- a fixture package at chosen reference dates ---------------------------------------------


def append(folder: Path, resource: str, rows: list[dict]) -> None:
    path = folder / "data" / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writerows(rows)


def written(day: str, precision: str) -> str:
    """A date as a quotation writes it at its precision (day and month must be written)."""
    when = date.fromisoformat(day)
    if precision == "day":
        return when.strftime("%d/%m/%Y")
    return when.strftime("%m/%Y") if precision == "month" else str(when.year)


def target(fid: str, deadline: str, precision: str) -> dict:
    return {
        "id": fid, "indicator_id": "ai-training-people", "label_fr": f"Objectif fictif {fid}",
        "label_en": f"Fictional target {fid}", "value": "1000", "unit": "people",
        "kind": "target", "geo": "FR", "deadline": deadline, "deadline_precision": precision,
        "source_id": SOURCE,
        "quote": f"Objectif fictif pour les tests : 1 000 personnes, {written(deadline, precision)}.",
    }  # fmt: skip


def planned(aid: str, day: str, precision: str) -> dict:
    return {
        "id": aid, "date": day, "date_precision": precision, "planned": "true",
        "kind": "deliverable", "title_fr": f"Livrable fictif {aid}",
        "title_en": f"Fictional deliverable {aid}", "summary_fr": "Un livrable fictif.",
        "summary_en": "A fictional deliverable.", "geo": "FR", "source_id": SOURCE,
        "quote": "Livrable fictif pour les tests.",
    }  # fmt: skip


def commitment(cid: str, figure: str = "", announcement: str = "", org: str = "") -> dict:
    return {
        "id": cid, "figure_id": figure, "announcement_id": announcement,
        "stated_by_organisation_id": org, "source_id": SOURCE, "quote": "Promesse fictive.",
    }  # fmt: skip


def result(oid: str, cid: str, kind: str, day: str) -> dict:
    return {
        "id": oid, "commitment_id": cid, "result": kind, "date": day, "date_precision": "day",
        "summary_fr": "Un résultat fictif.", "summary_en": "A fictional outcome.",
        "source_id": SOURCE, "quote": f"Résultat fictif pour les tests, le {written(day, 'day')}.",
    }  # fmt: skip


# One commitment per deadline precision; outcomes that close some of them at known dates.
RELEASES = [("2.3.0", "2027-01-20"), ("2.2.0", "2026-06-15"), ("2.1.0", "2026-03-01")]
EXPECTED = {
    # commitment: status at 2026-03-01, 2026-06-15, 2027-01-20
    "fx-by": ("past-deadline", "past-deadline", "past-deadline"),
    "fx-by-early-year": ("due-soon", "missed", "missed"),
    "fx-early-year": ("upcoming", "upcoming", "due-soon"),
    "fx-month": ("upcoming", "upcoming", "met"),
    "fx-day": ("upcoming", "upcoming", "partly-met"),
    "fx-year": ("upcoming", "upcoming", "upcoming"),
    # « d'ici mi-2026 » ends on 30 June, « d'ici fin 2026 » on 31 December, the second
    # quarter of 2026 on 30 June.
    "fx-by-mid-year": ("upcoming", "due-soon", "past-deadline"),
    "fx-by-end-of-year": ("upcoming", "upcoming", "past-deadline"),
    "fx-quarter": ("upcoming", "due-soon", "past-deadline"),
    # The real data's commitments are in the fixture too.
    "train-300000-people-a-year": ("unknown", "unknown", "unknown"),
    "talent-drain-observatory-first-results": ("due-soon", "past-deadline", "past-deadline"),
    "eu-75-percent-companies-using-ai-2030": ("upcoming", "upcoming", "upcoming"),
}


def fixture_package(folder: Path, releases=RELEASES) -> Path:
    shutil.copytree(BASE, folder)
    append(folder, "figures", [
        target("fx-target-day", "2027-03-15", "day"),
        target("fx-target-month", "2027-02-01", "month"),
        target("fx-target-year", "2027-01-01", "year"),
        target("fx-target-early-year", "2027-01-01", "early-year"),
        target("fx-target-by-mid-year", "2026-06-30", "by-mid-year"),
        target("fx-target-by-end-of-year", "2026-12-31", "by-end-of-year"),
        target("fx-target-quarter", "2026-04-01", "quarter"),
    ])  # fmt: skip
    append(folder, "announcements", [
        planned("fx-deliverable-by", "2025-02-12", "by"),
        planned("fx-deliverable-by-early-year", "2026-01-01", "by-early-year"),
    ])  # fmt: skip
    append(folder, "commitments", [
        commitment("fx-by", announcement="fx-deliverable-by", org="numeum"),
        commitment("fx-by-early-year", announcement="fx-deliverable-by-early-year", org="medef"),
        commitment("fx-early-year", figure="fx-target-early-year", org="numeum"),
        commitment("fx-month", figure="fx-target-month"),
        commitment("fx-day", figure="fx-target-day"),
        commitment("fx-year", figure="fx-target-year"),
        commitment("fx-by-mid-year", figure="fx-target-by-mid-year"),
        commitment("fx-by-end-of-year", figure="fx-target-by-end-of-year"),
        commitment("fx-quarter", figure="fx-target-quarter"),
    ])  # fmt: skip
    append(folder, "outcomes", [
        result("fx-by-early-year-missed", "fx-by-early-year", "missed", "2026-06-01"),
        result("fx-year-progress", "fx-year", "progress", "2026-12-01"),
        result("fx-month-met", "fx-month", "met", "2027-01-10"),
        result("fx-day-partly-met", "fx-day", "partly-met", "2027-01-18"),
    ])  # fmt: skip
    log = "# Changelog\n\n" + "".join(
        f"## {version} - {day}\n\n- [fr] Version de test.\n- [en] Test release.\n\n"
        for version, day in releases
    )
    (folder / "CHANGELOG.md").write_text(log, encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = releases[0][0]  # the latest release is the package's version
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder / "datapackage.json"


@pytest.fixture(scope="module")
def fixture(tmp_path_factory) -> Path:
    return fixture_package(tmp_path_factory.mktemp("commitments") / "package")


def test_the_fixture_package_is_valid_on_its_release_day(fixture):
    assert validate(fixture, today=date(2027, 1, 20)) == []


@pytest.mark.parametrize("n", range(len(RELEASES)))
def test_every_status_and_precision_at_chosen_reference_dates(fixture, tmp_path, n):
    """The same package released at three dates: the status follows the release, never the
    wall clock."""
    version, day = sorted(RELEASES, key=lambda r: r[1])[n]
    package = fixture_package(tmp_path / "p", [(version, day)])
    ctx = Context.open(package, CONFIG)
    got = {c.id: c.status for c in ctx.data["commitments"].values()}
    for cid, statuses in EXPECTED.items():
        assert got[cid] == statuses[n], (cid, day)
    assert {c.status_as_of for c in ctx.data["commitments"].values()} == {date.fromisoformat(day)}


def test_the_fixture_covers_every_status_and_precision(fixture):
    ctx = Context.open(fixture, CONFIG)
    seen = {s for statuses in EXPECTED.values() for s in statuses}
    assert seen == set(STATUSES)
    precisions = {c.deadline_precision for c in ctx.data["commitments"].values()} - {None}
    assert precisions == set(ctx.data["precisions"])


def test_computed_columns_are_published(fixture):
    ctx = Context.open(fixture, CONFIG)
    rows = {r["id"]: r for r in csv.DictReader(csv_bytes(ctx, "commitments").decode().splitlines())}
    assert (rows["fx-month"]["status"], rows["fx-month"]["outcome_id"]) == ("met", "fx-month-met")
    assert rows["fx-month"]["deadline_end"] == "2027-02-28"
    assert rows["fx-year"]["outcome_id"] == "fx-year-progress"  # shown, not deciding
    assert rows["fx-year"]["status"] == "upcoming"
    assert rows["train-300000-people-a-year"]["recurrence"] == "year"
    assert {r["status_as_of"] for r in rows.values()} == {"2027-01-20"}
    names = [f["name"] for f in ctx.fields("commitments")]
    assert names[-3:] == ["status", "status_as_of", "outcome_id"]


def test_the_atom_feed_has_an_entry_per_status_change(fixture):
    ctx = Context.open(fixture, CONFIG)
    root = ET.fromstring(feeds.commitments_atom(ctx, "en"))
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    changes = sum(
        1 + sum(a != b for a, b in zip(s, s[1:], strict=False)) for s in EXPECTED.values()
    )
    assert len(titles) == changes
    missed = [t for t in titles if "fx-deliverable-by-early-year" in t]
    assert missed == [
        "Fictional deliverable fx-deliverable-by-early-year — Due within 90 days, release 2.1.0",
        "Fictional deliverable fx-deliverable-by-early-year — Missed, release 2.2.0",
    ]
    summaries = [e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
    assert any("changes from “Due within 90 days” to “Missed”" in s for s in summaries)
    # Byte-identical for one release, whatever the day it is built.
    assert feeds.commitments_atom(ctx, "en") == feeds.commitments_atom(ctx, "en")


def test_the_calendar_has_each_deadline_on_the_day_it_ends(fixture):
    ctx = Context.open(fixture, CONFIG)
    cal = Calendar.from_ical(calendar.icalendar(ctx, "en"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    ev = events["fx-by-early-year-commitment@briefing-ia-competences"]
    assert ev.decoded("dtstart") == date(2026, 3, 31)
    assert str(ev["description"]) == (
        "Deadline: by early 2026 (up to and including 31 March 2026). "
        "Status as of 20 January 2027: Missed."
    )
    # A deadline given to the day is not said twice.
    day = events["fx-day-commitment@briefing-ia-competences"]
    assert str(day["description"]).startswith("Deadline: 15 March 2027. Status")
    # The planned announcement is not listed a second time.
    assert "fx-deliverable-by-early-year@briefing-ia-competences" not in events
    assert "train-300000-people-a-year-commitment@briefing-ia-competences" not in events


def test_api_documents_carry_status_and_reference_date(fixture):
    ctx = Context.open(fixture, CONFIG)
    files = dict(api.files(ctx))
    doc = json.loads(files["api/v1/commitments/fx-month.json"])
    assert doc["status"]["id"] == "met" and doc["status_as_of"] == "2027-01-20"
    assert [o["id"] for o in doc["outcomes"]] == ["fx-month-met"]
    index = json.loads(files["api/v1/index.json"])
    entry = next(r for r in index["resources"] if r["name"] == "commitments")
    assert entry["status_as_of"] == "2027-01-20"
    org = json.loads(files["api/v1/organisations/medef.json"])
    assert [c["id"] for c in org["commitments"]] == ["fx-by-early-year"]


def test_pages_show_status_outcome_and_counts(fixture):
    ctx = Context.open(fixture, CONFIG)
    page = Page(ctx, "en", "en/commitments/")
    html = render.listing("commitments", 1, page)
    for cid in EXPECTED:
        assert f'<tr id="{cid}" data-status="' in html
    assert '<h2 id="status-missed"' in html
    assert "Commitments shown: {shown} of {total}" in html  # the script's template
    assert "A fictional outcome." in html
    counts = render.commitment_counts(Page(ctx, "en", "en/"))
    # The counts are the rows behind them, as of the latest release (the third date).
    past = sum(1 for statuses in EXPECTED.values() if statuses[2] == "past-deadline")
    assert f"{len(EXPECTED)} commitments tracked as of 20 January 2027" in counts
    assert f"{past} past their deadline with no outcome in our sources" in counts
    fr = render.commitment_counts(Page(ctx, "fr", ""))
    assert f"{past} dont l’échéance est passée, sans résultat dans nos sources" in fr
    assert "1 tenu" in fr


def test_status_links_lead_to_the_part_where_the_status_starts(tmp_path):
    """With more commitments than a part holds, the filters act on a part and the status
    links (home page, status list) lead to the part that holds each status's section."""
    package = fixture_package(tmp_path / "p")
    per_part = LISTINGS["commitments"].per_part  # with the fixture's 9: a second part
    extra = [commitment(f"fx-more-{i:02d}", figure="fx-target-year") for i in range(per_part)]
    append(package.parent, "commitments", extra)
    ctx = Context.open(package, CONFIG)
    assert ctx.parts.count("commitments") == 2
    counts = render.commitment_counts(Page(ctx, "en", "en/"))
    assert 'href="commitments/2/#status-unknown"' in counts
    assert 'href="commitments/#status-past-deadline"' in counts
    part2 = render.listing("commitments", 2, Page(ctx, "en", "en/commitments/2/"))
    assert '<h2 id="status-unknown"' in part2
    assert "Commitments shown on this page: {shown} of {total}" in part2


# --- the fixture package as a build reads it ----------------------------------------------------


def test_fixture_commitments_as_of_its_release(built):
    assert built.released == built.changelog[0]["date"]
    got = {c.id: c.status for c in built.data["commitments"].values()}
    assert got == {
        # "d'ici début 2026": past by the release date, and no source reports results.
        "talent-drain-observatory-first-results": "past-deadline",
        "eu-75-percent-companies-using-ai-2030": "upcoming",
        "train-300000-people-a-year": "unknown",  # a yearly target with no starting year
    }
    assert built.data["outcomes"] == {}  # none are invented


@pytest.mark.slow
def test_built_site_publishes_the_commitments(site):
    fr = (site / "commitments" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "commitments" / "index.html").read_text(encoding="utf-8")
    assert 'id="talent-drain-observatory-first-results"' in fr
    assert "Past its deadline, no outcome in our sources" in en
    # The filter form waits for the script; the table it filters is all in the HTML.
    assert '<form class="bf-filter" data-filter-table="bf-commitments" hidden' in en
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "1 past its deadline with no outcome in our sources" in home
    person = (site / "en" / "person" / "veronique-torner" / "index.html").read_text("utf-8")
    assert "#talent-drain-observatory-first-results" in person
    rows = list(csv.DictReader((site / "data/csv/commitments.csv").open(encoding="utf-8")))
    assert {r["status"] for r in rows} == {"past-deadline", "upcoming", "unknown"}
    assert (site / "en" / "commitments.atom").exists()
