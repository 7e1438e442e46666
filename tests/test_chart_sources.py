"""Series charts where sources differ, on the frozen package grown by
tests/fixtures/sources-differ: a fictional statistics office's yearly rates for three segments
(2023 to 2025) and a fictional barometer that gives another value for the SMEs' 2025 rate
(12% against the office's 11%, unsettled) and the same value as the office for the large
companies' (35%). At 2025 three points sit within two points of each other: 10%, 11%, 12%."""

import csv
import io
import re
import shutil
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path

import pytest
from conftest import BASE, TEST_CONFIG

from macros.data.context import Context
from macros.pages import charts
from tests.new_source import SERIES, add_new_source

DIFFER = Path(__file__).parent / "fixtures" / "sources-differ"
CHART = "fixture-ai-use-imaginia"
OFFICE, BAROMETER = "Office fictif de la statistique", "Observatoire fictif du numérique"
LANGS = ("fr", "en")


def grown(folder: Path, example: Path) -> Context:
    shutil.copytree(BASE, folder)
    return Context.open(add_new_source(folder, (example,)), TEST_CONFIG)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory) -> Context:
    return grown(tmp_path_factory.mktemp("differ") / "pkg", DIFFER)


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Context:
    return grown(tmp_path_factory.mktemp("series") / "pkg", SERIES)


@contextmanager
def drawn(ctx: Context, chart: str, lang: str):
    """The chart's axes as its files draw them, and a renderer to measure what is on them."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with charts.picture(ctx, chart, lang) as (fig, ax):
        yield ax, FigureCanvasAgg(fig).get_renderer()


def markers(ax) -> list[tuple[float, float, str]]:
    """Every marker drawn on the axes: (x, y, shape)."""
    return [
        (float(x), float(y), line.get_marker())
        for line in ax.lines
        if line.get_marker() not in (None, "", " ", "None", "none")
        for x, y in line.get_xydata()
    ]


def overlaps(boxes) -> list[tuple]:
    return [(a, b) for a, b in combinations(boxes, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]  # fmt: skip


def over_time(ctx: Context) -> list[str]:
    return [c.id for c in ctx.editorial.charts if charts.layout(ctx, c.id).over_time]


def test_the_example_is_a_series_with_one_unsettled_disagreement(ctx):
    lay = charts.layout(ctx, CHART)
    assert lay.over_time and len(lay.disagreements) == 1
    (d,) = lay.disagreements
    assert d.preferred is None and {float(f.value) for f in d.figures} == {11, 12}


@pytest.mark.parametrize("lang", LANGS)
def test_each_source_has_its_own_marker_in_the_picture_and_in_the_legend(ctx, lang):
    with drawn(ctx, CHART, lang) as (ax, _):
        legend = ax.get_legend()
        names = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
        entries = dict(zip(names, legend.legend_handles, strict=True))
        drawn_marks = markers(ax)
    shape = {}
    for who in (OFFICE, BAROMETER):
        (name,) = [n for n in names if who in n]  # one entry names each publisher
        shape[who] = entries[name].get_marker()
    lines = {h.get_marker() for n, h in entries.items() if OFFICE not in n and BAROMETER not in n}
    assert shape[OFFICE] != shape[BAROMETER]
    assert not {shape[OFFICE], shape[BAROMETER]} & lines  # never taken for a line's point
    # In the picture, each source's value wears its source's shape.
    for who, value in ((OFFICE, 11), (BAROMETER, 12)):
        (mark,) = [m for x, y, m in drawn_marks if round(x) == 2025 and y == value]
        assert mark == shape[who]


def test_each_point_is_drawn_once(ctx):
    lay = charts.layout(ctx, CHART)
    with drawn(ctx, CHART, "en") as (ax, _):
        spots = [(round(x), y) for x, y, _ in markers(ax)]
    assert len(spots) == len(set(spots)), sorted(spots)
    # Every figure is drawn, the barometer's 35% on the office's 35% (they agree).
    assert set(spots) == {(f.period.year, float(f.value)) for f in lay.figures()}
    assert len(spots) == 10
    # In the SVG, each point is one element of its own.
    ids = re.findall(r'id="point-([^"]+)"', charts.svg(ctx, CHART, "en").decode())
    assert len(ids) == len(set(ids)) == 10


@pytest.mark.parametrize("lang", LANGS)
def test_value_labels_never_overlap_in_the_picture(ctx, lang):
    with drawn(ctx, CHART, lang) as (ax, renderer):
        boxes = [tuple(t.get_window_extent(renderer).extents) for t in ax.texts]
        texts = [t.get_text() for t in ax.texts]
    assert not overlaps(boxes)
    assert len(texts) == 10  # one label a point: the agreed 35% once


@pytest.mark.parametrize("lang", LANGS)
def test_value_labels_never_overlap_in_the_layout(ctx, lang):
    lay = charts.layout(ctx, CHART)
    with drawn(ctx, CHART, lang) as (ax, _):
        scale = charts.scale_of(ax)
    labels = charts.value_labels(lay, charts.value_text(ctx, CHART, lang), scale)
    assert len(labels) == len(lay.points()) == 10
    assert not overlaps([label.box(scale) for label in labels])
    # The same labels, on axes drawn at other sizes.
    for k in (0.5, 0.8, 1.5, 3):
        other = charts.Scale(scale.x * k, scale.y * k)
        placed = charts.value_labels(lay, charts.value_text(ctx, CHART, lang), other)
        assert not overlaps([label.box(other) for label in placed])


@pytest.mark.parametrize("lang", LANGS)
def test_no_chart_of_the_worked_series_example_has_overlapping_labels(series, lang):
    for chart in over_time(series):
        with drawn(series, chart, lang) as (ax, renderer):
            boxes = [tuple(t.get_window_extent(renderer).extents) for t in ax.texts]
        assert not overlaps(boxes), chart


def test_every_output_reads_the_same_layout(ctx):
    lay = charts.layout(ctx, CHART)
    value_of = lambda f: f"{f.value}%"  # noqa: E731
    for lang in LANGS:
        table = list(csv.DictReader(io.StringIO(charts.csv_bytes(ctx, CHART, lang).decode())))
        assert [(r["role"], r["figure_id"]) for r in table] == [
            (role, f.id) for role, f in lay.marks()
        ]
        alt = charts.alt_text(ctx, CHART, lang, value_of)
        notes = " ".join(charts.notes(ctx, CHART, lang, value_of))
        assert OFFICE in alt and BAROMETER in alt and OFFICE in notes and BAROMETER in notes
    alt = charts.alt_text(ctx, CHART, "en", value_of)
    assert "2025: 11% (published by Office fictif de la statistique)" in alt
    assert "2025: 12% (published by Observatoire fictif du numérique)" in alt


def test_the_pictures_are_byte_reproducible(ctx):
    for lang in LANGS:
        first = charts._draw(ctx, CHART, lang)
        assert charts._draw(ctx, CHART, lang) == first
        svg = first["svg"].decode()
        assert "Office fictif" in svg and "Observatoire fictif" in svg
