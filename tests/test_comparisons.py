"""Series over time, sources that differ, and parts of a whole, on the frozen fixture package
grown by the worked example of tests/fixtures/series-source (a fictional statistics office's
yearly rates for three periods, three places and two segments; a fictional interview whose
claims differ from two of those rates, one settled in preferred_figures.csv and one not; a
target; a share of a whole). Nothing here reads the live data."""

import csv
import io
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import BASE
from test_stages import CONFIG, append_rows, page

from macros.check.cli import main
from macros.check.validate import checked_with_notices, validate
from macros.data.context import Context
from macros.pages import charts
from macros.pages.views.figures import all_differences, figure, targets
from macros.publish.tables import rows
from tests.new_source import SERIES, add_new_source

LINE = "exemple-xa-pme-ai-use-"  # Exemplia's SMEs: 12, 15, 19 in 2023, 2024, 2025
SETTLED = ("exemple-xa-pme-ai-use-2025", "exemple-xa-pme-ai-use-2025-claim")
OPEN = ("exemple-xa-large-ai-use-2025", "exemple-xa-large-ai-use-2025-claim")
WHOLE, PART = "exemple-xa-public-ai-investment", "exemple-xa-public-ai-investment-training"


def grow(folder: Path) -> Path:
    shutil.copytree(BASE, folder)
    return add_new_source(folder, (SERIES,))


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    return grow(tmp_path_factory.mktemp("series") / "pkg")


@pytest.fixture(scope="module")
def ctx(package) -> Context:
    return Context.open(package, CONFIG)


def errors(path: Path) -> list[tuple]:
    return [(p.file, p.line, p.column, p.code) for p in validate(path)]


def line_of(path: Path, figure_id: str) -> int:
    with (path.parent / "data" / "figures.csv").open(encoding="utf-8") as f:
        return next(n for n, row in enumerate(csv.DictReader(f), start=2) if row["id"] == figure_id)


def edit(path: Path, resource: str, record_id: str, **cells) -> None:
    file = path.parent / "data" / f"{resource}.csv"
    with file.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, table = reader.fieldnames, list(reader)
    for row in table:
        if row["id"] == record_id:
            row.update(cells)
    with file.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


# --- the validator -------------------------------------------------------------------------


def test_an_unsettled_disagreement_is_a_notice_and_never_an_error(package, capsys):
    problems, notices, _ = checked_with_notices(package)
    assert problems == []
    assert [(n.code, n.line, n.column) for n in notices] == [
        ("sources-differ", line_of(package, OPEN[1]), "value")
    ]
    assert "preferred_figures.csv" in notices[0].message_en
    assert main([str(package), "--json"]) == 0  # valid: the notice does not fail the check
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] and [n["code"] for n in report["notices"]] == ["sources-differ"]
    assert main([str(package)]) == 0
    text = capsys.readouterr().out
    assert text.index("Package is valid") < text.index("1 notice(s)")


def test_settling_it_in_preferred_figures_leaves_no_notice(tmp_path):
    path = grow(tmp_path / "pkg")
    append_rows(path.parent, "preferred_figures", [
        {"id": "settle-large", "figure_id": OPEN[0], "reason_fr": "mesure publiée.",
         "reason_en": "a published measurement."},
    ])  # fmt: skip
    problems, notices, _ = checked_with_notices(path)
    assert problems == [] and notices == []


def test_a_preferred_figure_settles_one_real_disagreement(tmp_path):
    path = grow(tmp_path / "pkg")
    append_rows(path.parent, "preferred_figures", [
        {"id": "twice", "figure_id": SETTLED[1], "reason_fr": "x", "reason_en": "x"},
        {"id": "alone", "figure_id": LINE + "2023", "reason_fr": "x", "reason_en": "x"},
    ])  # fmt: skip
    found = [(p.line, p.code) for p in validate(path) if p.file == "data/preferred_figures.csv"]
    assert found == [(3, "preferred-twice"), (4, "preferred-alone")]


def test_a_featured_figure_is_the_preferred_one_where_sources_differ(tmp_path):
    path = grow(tmp_path / "pkg")
    append_rows(path.parent, "featured_figures", [
        {"id": "featured-claim", "figure_id": SETTLED[1], "rank": "90", "headline": "false",
         "card": "false"},
    ])  # fmt: skip
    found = [(p.column, p.code) for p in validate(path) if p.file == "data/featured_figures.csv"]
    assert found == [("figure_id", "featured-not-preferred")]
    edit(path, "featured_figures", "featured-claim", figure_id=SETTLED[0])
    assert validate(path) == []


def test_a_period_must_be_written_in_its_quote(tmp_path):
    path = grow(tmp_path / "pkg")
    edit(path, "figures", LINE + "2023", period="2022-01-01")
    assert (("data/figures.csv", line_of(path, LINE + "2023"), "period", "period-not-quoted")
            in errors(path))  # fmt: skip
    edit(path, "figures", LINE + "2023", period="2023-03-01")  # not the start of a year
    assert any(e[2:] == ("period", "precision-date") for e in errors(path))


@pytest.mark.parametrize(
    ("cells", "column", "code"),
    [
        ({"value": "2500000000"}, "value", "part-larger"),
        ({"geo": "XB"}, "geo", "part-mismatch"),
        ({"unit": "people"}, "unit", "part-mismatch"),
        ({"period": "2025-01-01", "period_precision": "year"}, "period", "part-mismatch"),
        ({"part_of": PART}, "part_of", "part-self"),
    ],
)
def test_a_part_is_smaller_than_its_whole_and_measures_the_same_thing(tmp_path, cells, column,
                                                                     code):  # fmt: skip
    path = grow(tmp_path / "pkg")
    edit(path, "figures", PART, **cells)
    assert ("data/figures.csv", line_of(path, PART), column, code) in errors(path)


def test_a_part_of_a_part_is_refused(tmp_path):
    path = grow(tmp_path / "pkg")
    append_rows(path.parent, "figures", [{
        "id": "part-of-part", "indicator_id": "exemple-ai-public-investment", "label_fr": "x",
        "label_en": "x", "value": "500000000", "unit": "EUR", "kind": "announced-investment",
        "geo": "XA", "source_id": "exemple-journal-exemple-entretien-alex-exemple", "part_of": PART,
        "quote": "dont 500 millions d’euros pour la formation",
    }])  # fmt: skip
    assert ("data/figures.csv", line_of(path, "part-of-part"), "part_of", "part-nested") in errors(
        path
    )


def test_a_chart_mixes_places_segments_or_actors_only_where_its_row_says_so(tmp_path):
    path = grow(tmp_path / "pkg")
    charts_csv = ("data/charts.csv", None)
    edit(path, "charts", "exemple-ai-use-all", compares_places="")
    edit(path, "charts", "exemple-ai-use-exemplia", compares_segments="false")
    found = {(p.line, p.column, p.code) for p in validate(path) if p.file == charts_csv[0]}
    lines = {row["id"]: n for n, row in enumerate(
        csv.DictReader((path.parent / "data" / "charts.csv").open(encoding="utf-8")), start=2)}  # fmt: skip
    assert (lines["exemple-ai-use-all"], "compares_places", "chart-mixes") in found
    assert (lines["exemple-ai-use-exemplia"], "compares_segments", "chart-mixes") in found
    # A place with nothing to draw, and a figure with no period in a chart over time.
    edit(path, "charts", "exemple-ai-use-exemplia", compares_segments="true", geo="DK")
    edit(path, "figures", LINE + "2024", period="", period_precision="")
    found = {(p.line, p.column, p.code) for p in validate(path) if p.file == charts_csv[0]}
    assert (lines["exemple-ai-use-exemplia"], "geo", "chart-empty-place") in found
    assert (lines["exemple-ai-use-all"], "indicator_id", "chart-undated") in found


def test_two_charts_of_one_indicator_must_draw_different_places(tmp_path):
    path = grow(tmp_path / "pkg")
    edit(path, "charts", "exemple-ai-use-all", geo="XA")
    assert any(e[3] == "chart-twice" for e in errors(path))


# --- what compares -------------------------------------------------------------------------


def test_disagreements_are_found_and_settled_only_by_the_curator(ctx):
    groups = {g.ids: g.preferred for g in ctx.index("disagreements", None)}
    assert groups == {SETTLED: SETTLED[0], OPEN: None}
    # Values from one source never differ from each other; figures with no period never do.
    figs = ctx.data["figures"]
    assert figs[SETTLED[0]].differs_from == SETTLED[1]
    assert figs[SETTLED[1]].differs_from == SETTLED[0]
    assert figs[LINE + "2024"].differs_from is None
    assert {f.id for f in figs.values() if f.differs_from} == set(SETTLED + OPEN)


def test_every_download_and_the_api_carry_the_comparison(ctx):
    published = {r["id"]: r for r in rows(ctx, "figures")}
    assert published[OPEN[1]]["differs_from"] == OPEN[0]
    assert published[PART]["part_of"] == WHOLE
    assert published[LINE + "2023"]["period"] == "2023-01-01"
    from macros.publish import api

    docs = api.Documents(ctx)
    doc = docs.figures(OPEN[0])
    assert [f["id"] for f in doc["sources_differ"]["figures"]] == [OPEN[1]]
    assert doc["sources_differ"]["preferred_figure_id"] is None
    assert docs.figures(SETTLED[1])["sources_differ"]["preferred_figure_id"] == SETTLED[0]
    assert [p["id"] for p in docs.figures(WHOLE)["parts"]] == [PART]
    assert docs.figures(PART)["whole"]["id"] == WHOLE


def test_a_release_without_the_computed_column_publishes_its_own_columns(tmp_path):
    """An older release, regenerated for its permanent downloads, keeps its bytes: its schema
    has no computedFields, so no differs_from column is added."""
    shutil.copytree(BASE, tmp_path / "pkg")
    schema = tmp_path / "pkg" / "schemas" / "figures.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    del data["computedFields"]
    schema.write_text(json.dumps(data), encoding="utf-8")
    old = Context.open(tmp_path / "pkg" / "datapackage.json", CONFIG)
    assert "differs_from" not in rows(old, "figures")[0]


# --- pages ---------------------------------------------------------------------------------


def test_a_figure_shows_its_period_with_its_publication_day(ctx):
    fr, en = page(ctx, "fr"), page(ctx, "en")
    fig = ctx.data["figures"][LINE + "2024"]
    assert figure(fig, en)["period"] == "2024 (published 20 January 2026)"
    assert figure(fig, fr)["period"] == "2024 (publié le 20 janvier 2026)"
    # The interview gives the day it was given: a claim reads as of then.
    claim = ctx.data["figures"][SETTLED[1]]
    assert figure(claim, en)["period"] == "2025 (published 2 March 2026)"


def test_both_values_show_wherever_either_figure_appears(ctx):
    en = page(ctx, "en")
    for fig_id in OPEN:
        view = figure(ctx.data["figures"][fig_id], en)["differs"]
        assert [(d["id"], d["value"]) for d in view["figures"]] == [(OPEN[0], "41%"),
                                                                    (OPEN[1], "45%")]  # fmt: skip
        # A claim is told apart from a publication.
        assert [d["who"] for d in view["figures"]] == [
            "published by Office exemple de la statistique",
            "claim by Alex Exemple",
        ]
        assert view["note"] == "No value is preferred: the charts show them all."
        assert all(d["quote"] for d in view["figures"])
    settled = figure(ctx.data["figures"][SETTLED[1]], en)["differs"]
    assert settled["note"].startswith("The charts and the key figures use 19% (published by")
    # The figures page's list of every disagreement, and the target's measurements.
    assert [[d["id"] for d in g["figures"]] for g in all_differences(en)] == [
        list(SETTLED),
        list(OPEN),
    ]
    target = ctx.data["figures"]["exemple-xa-pme-ai-use-target-2030"]
    (view,) = targets([target], en)
    latest = view["measures"][0]
    assert latest["id"] in SETTLED and latest["differs"] is not None


def test_a_target_is_compared_with_the_latest_period_not_the_latest_publication(ctx):
    en = page(ctx, "en")
    target = ctx.data["figures"]["exemple-xa-pme-ai-use-target-2030"]
    (view,) = targets([target], en)
    periods = [ctx.data["figures"][m["id"]].period for m in view["measures"]]
    assert periods == sorted(periods, reverse=True) and periods[0] == date(2025, 1, 1)
    # The 2023 rate, published in the same release as 2025's, comes after it.
    assert [m["id"] for m in view["measures"]][-1] == LINE + "2023"


# --- charts --------------------------------------------------------------------------------


def test_a_series_is_drawn_over_time_in_period_order(ctx):
    lay = charts.layout(ctx, "exemple-ai-use-exemplia")
    assert lay.over_time
    smes = next(g for g in lay.groups if g.key == ("XA", "smes", None))
    assert [(f.period.year, f.value) for f in smes.figures] == [
        (2023, Decimal(12)), (2024, Decimal(15)), (2025, Decimal(19))
    ]  # fmt: skip
    assert [t.id for t in smes.targets] == ["exemple-xa-pme-ai-use-target-2030"]
    # The settled claim is set aside for the preferred figure; the open one is drawn.
    assert [f.id for f in lay.set_aside] == [SETTLED[1]]
    drawn = {f.id for f in lay.figures()}
    assert set(OPEN) <= drawn and SETTLED[1] not in drawn
    # One place only, as its row asks: no line of another place.
    assert {f.geo for f in lay.figures()} == {"XA"}


def test_the_chart_csv_is_what_is_drawn(ctx):
    for chart in ("exemple-ai-use-exemplia", "exemple-ai-use-all", "exemple-ai-public-investment"):
        lay = charts.layout(ctx, chart)
        for lang in ("fr", "en"):
            table = list(csv.DictReader(io.StringIO(charts.csv_bytes(ctx, chart, lang).decode())))
            assert [(r["role"], r["figure_id"]) for r in table] == [
                (role, f.id) for role, f in lay.marks()
            ]
            svg = charts.svg(ctx, chart, lang).decode()
            for r in table:
                if r["period"]:  # every period a point covers is on the time axis
                    assert f">{r['period'][:4]}<" in svg.replace("</tspan>", "<")


def test_a_part_is_drawn_inside_its_whole_and_never_beside_it(ctx):
    lay = charts.layout(ctx, "exemple-ai-public-investment")
    assert not lay.over_time
    assert [(role, f.id) for role, f in lay.marks()] == [("bar", WHOLE), ("part", PART)]
    alt = charts.alt_text(ctx, "exemple-ai-public-investment", "en", lambda f: str(f.value))
    assert alt == "Exemplia · The state of Exemplia: 2000000000 of which: Training, 500000000."


def test_the_text_alternative_and_notes_say_the_series_and_the_disagreements(ctx):
    en = lambda f: f"{f.value}%"  # noqa: E731
    alt = charts.alt_text(ctx, "exemple-ai-use-exemplia", "en", en)
    assert "Exemplia · SMEs: 2023: 12%, 2024: 15%, 2025: 19%" in alt
    assert "2025: 41% (published by Office exemple de la statistique)" in alt
    assert "Target (Exemplia · SMEs, 2030): 50%" in alt
    notes = charts.notes(ctx, "exemple-ai-use-exemplia", "en", en)
    assert notes[0].startswith("Sources differ for Exemplia · SMEs, 2025: 19% (published by")
    assert "The chart uses 19%: it is the statistics office’s measurement" in notes[0]
    assert "No value is preferred" in notes[1]


def test_a_chart_of_one_period_keeps_its_bars(ctx):
    lay = charts.layout(ctx, "ai-adoption-rate")
    assert not lay.over_time and {r for r, _ in lay.marks()} == {"bar"}


def test_every_chart_compares_only_what_its_row_declares(ctx):
    for chart in ctx.editorial.charts:
        lay = charts.layout(ctx, chart.id)
        figs = lay.figures()
        for flag, col in (("compares_places", "geo"), ("compares_segments", "segment"),
                          ("compares_actors", "organisation_id")):  # fmt: skip
            if len({f[col] for f in figs}) > 1:
                assert chart[flag], (chart.id, flag)
        if not lay.over_time:
            assert len({f.period for f in figs if f.kind != "target"}) <= 1, chart.id
