"""Charts made at build time with matplotlib: one per row of charts.csv and language,
published at stable addresses as SVG, as PNG at twice the display resolution, and as CSV
holding exactly the plotted values with their units and sources
(/charts/<chart>-<lang>.svg|png|csv).

Bars are the indicator's measurements and announced amounts (a range is drawn as a bar with a
hatched extension to its upper value; a part inside its whole); a target is a dashed line
across its segment's bars. Over time, a line per series and a target as a star at its
deadline; where sources differ unsettled, each source's values in a shape of its own, named
in the legend; value labels placed at the drawn scale, never on each other. Output is
byte-identical for identical input: fixed hash salt, no date metadata, text kept as text.
"""

import csv
import io
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from ..data.cache import cache_of
from ..data.comparisons import charted, over_time, preference
from ..data.context import Context
from .views.links import attribution, source_title

# Colours checked against white for WCAG AA: text 4.5:1, graphics 3:1.
INK = "#1a1a1a"  # 17:1
BAR = "#1f4e8c"  # 8.6:1
RANGE = "#5b7fb5"  # 4.2:1
TARGET = "#a33b00"  # 6.4:1
GRID = "#767676"  # 4.5:1
PART = "#8fb0dc"  # a part, inside its whole's bar (the whole's value is written beside it)
# Lines over time: colours of 3:1 or more against white, each with its own marker and dash
# pattern so that the chart reads in greyscale.
LINE_COLOURS = ("#1f4e8c", "#2e6b30", "#6a3d9a", "#5d4037", "#00695c", "#37474f")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINE_DASHES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (3, 1)))
# Where sources differ and no value is preferred, each source's values wear a shape of their
# own, none of the lines' (hollow for a publication, filled for a claim).
SOURCE_MARKERS = ("X", "d", "h", "<", "p", ">")
# Value labels, in points (1/72 inch): their text size, their box's height (the text's is 8.5
# to 9.3), the room kept between two labels, and between a point's centre and its label.
LABEL_SIZE = 8.5
LABEL_HEIGHT = 10.5
LABEL_GAP = 1.5
LABEL_OFFSET = 6.0
MARK = 5.0  # a marker's half-height, its edge included
DODGE = 11.0  # between the values that differ at one period, side by side

STYLE = {
    "svg.hashsalt": "briefing-ia-competences",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "text.color": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.edgecolor": GRID,
}

FORMATS = ("svg", "png", "csv")


@contextmanager
def drawing_style():
    """matplotlib's own defaults and our style, whatever the machine's matplotlibrc says: the
    pictures' bytes depend on nothing but their inputs, the code and the fonts (their files
    are part of the cache's key: outputs/code.py)."""
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        yield


PNG_DPI = 200
CSV_FIELDS = (
    "series", "role", "segment", "figure_id", "kind", "value", "value_max", "unit", "unit_label",
    "period", "period_precision", "date", "deadline", "part_of", "stated_by_person_id",
    "source_id", "source", "source_url",
)  # fmt: skip


# Targets of different segments are told apart by their dash pattern as well as by their
# label, so that the chart reads in greyscale.
TARGET_DASHES = ("--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 1)))


def bar_label(ctx: Context, fig, lang: str) -> str:
    place = ctx.label("places", fig.geo, lang)
    scope = ctx.languages[lang].text(fig, "scope")
    return f"{place} · {scope}" if scope else place


def indicator_of(ctx: Context, chart_id: str):
    return ctx.data["indicators"][ctx.editorial.chart(chart_id).indicator_id]


@dataclass(frozen=True)
class Group:
    """A segment's bars (or, over time, one line: a place, segment and organisation) and
    the targets drawn against it."""

    key: tuple  # (segment,) for bars; (place, segment, organisation) over time
    figures: list  # bars, or the line's points in period order
    targets: list


@dataclass(frozen=True)
class Layout:
    """What a chart draws, in its order: every output of the chart (pictures, CSV, text
    alternative, data table) is made from it, so they cannot disagree. Over time, its
    points() are what the picture marks, and its keys the sources whose values differ."""

    over_time: bool
    groups: list[Group]
    parts: dict  # {whole's id: its parts}, drawn inside the whole's bar or in the note
    set_aside: list  # figures left out for the one a curator preferred (preferred_figures.csv)
    disagreements: list  # comparisons.Disagreement among the chart's figures
    contested: frozenset = frozenset()  # ids of the drawn figures no curator has settled
    keys: tuple = ()  # over time, a figure for each source (and person) of the contested ones

    def marks(self) -> list[tuple[str, object]]:
        """(role, figure) for everything drawn: bar, point, part or target."""
        role = "point" if self.over_time else "bar"
        out = []
        for g in self.groups:
            for f in g.figures:
                out.append((role, f))
                out += [("part", p) for p in self.parts.get(f.id, [])]
            out += [("target", t) for t in g.targets]
        return out

    def figures(self) -> list:
        return [f for _, f in self.marks()]

    def key_of(self, fig) -> int | None:
        """The index of a contested figure's source in `keys`; None for a settled figure."""
        if fig.id not in self.contested:
            return None
        return next(i for i, k in enumerate(self.keys) if _who(k) == _who(fig))

    def points(self) -> list["Point"]:
        """Over time, what is marked, each point once: a line's points (one where sources
        agree on a value), and each contested value apart in its source's shape, side by
        side with the others of its line and period."""
        out, seen = [], set()
        for n, g in enumerate(self.groups):
            for f in g.figures:
                spot = (n, f.period, f.value, f.value_max, self.key_of(f))
                if spot not in seen:
                    seen.add(spot)
                    out.append(Point(f, n, spot[-1]))
        return _dodged(out)


@dataclass(frozen=True)
class Point:
    """A point over time: its figure, its line (its group's index), its source's key where
    sources differ (None on its line), and its place among the contested values of its line
    and period, in DODGE steps from the period (-0.5 and 0.5 for two)."""

    figure: object
    line: int
    key: int | None
    dodge: float = 0.0


def _who(fig) -> tuple:
    return (fig.source_id, fig.stated_by_person_id)


def _dodged(points: list[Point]) -> list[Point]:
    """The contested points of each line and period spread side by side."""
    apart: dict[tuple, list[int]] = {}
    for i, p in enumerate(points):
        if p.key is not None:
            apart.setdefault((p.line, p.figure.period), []).append(i)
    out = list(points)
    for indexes in apart.values():
        for n, i in enumerate(indexes):
            out[i] = replace(out[i], dodge=n - (len(indexes) - 1) / 2)
    return out


def _period_key(fig) -> tuple:
    when = fig.period or fig.deadline
    return (when is None, when or date.min, fig.id)


def layout(ctx: Context, chart_id: str) -> Layout:
    """The chart's figures grouped for drawing (its indicator's, of its place if the chart
    names one), the figures a curator set aside where sources differ left out."""
    chart = ctx.editorial.chart(chart_id)
    figs = charted(ctx.index("figures_by_indicator", chart.indicator_id), chart)
    disagreements = list({id(d): d for f in figs if (d := ctx.index.disagreement(f.id))}.values())
    aside = {f.id for d in disagreements for f in d.hidden()}
    drawn = [f for f in figs if f.id not in aside]
    over = over_time(drawn)
    measured = [f for f in drawn if f.kind != "target"]
    targets = [f for f in drawn if f.kind == "target"]
    if over:
        groups = _line_groups(ctx, measured, targets)
    else:
        groups = _bar_groups(ctx, drawn, measured, targets)
    contested = [f for g in groups for f in g.figures
                 if (d := ctx.index.disagreement(f.id)) and not d.preferred]  # fmt: skip
    return Layout(
        over_time=over,
        groups=groups,
        parts={f.id: ctx.index("parts_of", f.id) for f in measured if ctx.index("parts_of", f.id)},
        set_aside=[f for f in figs if f.id in aside],
        disagreements=disagreements,
        contested=frozenset(f.id for f in contested),
        keys=_keys(contested) if over else (),
    )


def _keys(contested: list) -> tuple:
    """The first contested figure of each source (and person who claims it), in drawing
    order: one legend entry and one shape each."""
    first: dict[tuple, object] = {}
    for f in contested:
        first.setdefault(_who(f), f)
    return tuple(first.values())


def _segment_rank(ctx: Context):
    """A segment's place in the segments' code list, an unknown one after them all."""
    seg_order = {code: n for n, code in enumerate(ctx.data["segments"])}
    return lambda code: seg_order.get(code, len(seg_order))


def _line_groups(ctx: Context, measured: list, targets: list) -> list[Group]:
    """Over time: a line per place, segment and organisation (in the code lists' order), its
    points in period order, with the targets of its place and segment."""
    seg = _segment_rank(ctx)
    geo_order = {code: n for n, code in enumerate(ctx.data["places"])}
    keys = sorted(
        {(f.geo, f.segment, f.organisation_id) for f in measured},
        key=lambda k: (seg(k[1]), geo_order.get(k[0], 0), k[2] or ""),
    )
    groups = [
        Group(
            k,
            sorted(
                (f for f in measured if (f.geo, f.segment, f.organisation_id) == k),
                key=_period_key,
            ),
            [t for t in targets if (t.geo, t.segment) == k[:2]],
        )  # fmt: skip
        for k in keys
    ]
    lines = {k[:2] for k in keys}
    # A target with no line of its own stands alone at its deadline.
    return groups + [
        Group((t.geo, t.segment, None), [], [t])
        for t in sorted(targets, key=_period_key)
        if (t.geo, t.segment) not in lines
    ]


def _bar_groups(ctx: Context, drawn: list, measured: list, targets: list) -> list[Group]:
    """Bars: a group per segment drawn (in the segments' order), its bars and its targets."""
    segments = sorted({f.segment for f in drawn}, key=_segment_rank(ctx))
    return [
        Group(
            (s,),
            [f for f in measured if f.segment == s],
            [t for t in targets if t.segment == s],
        )
        for s in segments
    ]


def mark_label(ctx: Context, lay: Layout, fig, lang: str) -> str:
    """A figure's name in the chart: a bar's place and scope, a line's place and segment;
    where sources differ and no figure is preferred, who gives it."""
    if lay.over_time:
        label = segment_label(ctx, fig, lang)
        if fig.organisation_id and fig.kind != "target":
            label = f"{label} · {ctx.data['organisations'][fig.organisation_id].name}"
    else:
        label = bar_label(ctx, fig, lang)
    if fig.part_of:
        return ctx.languages[lang].t("chart_part", label=ctx.languages[lang].text(fig, "scope"))
    if (d := ctx.index.disagreement(fig.id)) and not d.preferred:
        label = f"{label} ({attribution(ctx, fig, lang)})"
    return label


def rows(lay: Layout) -> int:
    """Rows of a bar chart: one per bar, and one per target above its segment's bars (the
    target's label is written there, clear of the bars)."""
    return sum(len(g.figures) + len(g.targets) for g in lay.groups)


def figure_size(ctx: Context, chart_id: str) -> tuple[float, float]:
    """Width and height in inches: a row's height per bar, room for the axis; over time, a
    fixed plot with room for its legend."""
    lay = layout(ctx, chart_id)
    if lay.over_time:  # the legend: a line each, then a source whose values differ each
        entries = sum(1 for g in lay.groups if g.figures) + len(lay.keys)
        return (8, 4.6 + 0.3 * ((entries + 1) // 2))
    return (8, 0.55 * rows(lay) + 1.6)


def embed_height(ctx: Context, chart_id: str, width: int = 600) -> int:
    """The iframe height that shows the whole chart at `width` pixels, with its title and
    source lines."""
    w, h = figure_size(ctx, chart_id)
    return round(width * h / w) + 100


def axis_formatter(ctx: Context, chart_id: str, lang: str):
    unit = ctx.data["units"][indicator_of(ctx, chart_id).unit]
    language = ctx.languages[lang]
    if unit.format == "currency":
        return lambda v, _pos: language.quantity(v, unit) if v else "0"
    return lambda v, _pos: language.quantity(v, unit)


def segment_label(ctx: Context, t, lang: str) -> str:
    """'France · SMEs': a line's or a target's place and segment."""
    place = ctx.label("places", t.geo, lang)
    segment = ctx.label("segments", t.segment, lang)
    return f"{place} · {segment}" if segment else place


def target_note(ctx: Context, t, lang: str, value: str) -> str:
    """A target line's label: its segment (or place), deadline and value."""
    language = ctx.languages[lang]
    who = ctx.label("segments", t.segment, lang) or ctx.label("places", t.geo, lang)
    if t.segment and t.geo:
        who = f"{ctx.label('places', t.geo, lang)} · {who}"
    deadline = language.day(t.deadline, t.deadline_precision)
    return language.t("chart_target", place=who, deadline=deadline, value=value)


def _text(ctx: Context, chart_id: str, lang: str):
    """The chart's value formatter: a figure's value as the axis writes it (a range with
    its upper end)."""
    fmt = axis_formatter(ctx, chart_id, lang)

    def shown(f) -> str:
        low = fmt(float(f.value), None)
        return low if f.value_max is None else f"{low}–{fmt(float(f.value_max), None)}"

    return fmt, shown


def plot(ax, ctx: Context, chart_id: str, lang: str, legend: str = "below") -> None:
    """Draw the chart on a matplotlib axes (the chart files and the preview cards share it):
    over time when its figures cover several periods, else bars. A line chart's legend goes
    below it, or to its right in a card's wide frame (`legend="right"`)."""
    lay = layout(ctx, chart_id)
    if lay.over_time:
        _plot_lines(ax, ctx, chart_id, lang, lay, legend)
    else:
        _plot_bars(ax, ctx, chart_id, lang, lay)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)


def _plot_bars(ax, ctx: Context, chart_id: str, lang: str, lay: Layout) -> None:
    """Bars grouped by segment; a part inside its whole's bar; each target spans only the
    rows of its own segment, with its own dash pattern and label."""
    fmt, shown = _text(ctx, chart_id, lang)
    marks = lay.figures()
    value = {f.id: float(f.value) for f in marks}  # frictionless gives Decimals
    upper = {f.id: float(f.value_max) for f in marks if f.value_max is not None}
    everything = list(value.values()) + list(upper.values())
    highest, lowest = max(everything + [0]), min(everything + [0])
    span = (highest - lowest) or 1
    ticks, labels, placed, notes = _bar_rows(ctx, lay, lang, shown)
    for y, f in placed:
        _bar(ax, lay, y, f, value, upper, shown)
    for n, note in enumerate(notes):
        _bar_target(ax, ctx, lang, n, note, value[note[1].id], lowest, span, fmt)
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    _value_axis(ax.xaxis, fmt)
    ax.set_xlim(lowest - 0.25 * span if lowest < 0 else 0, highest + 0.22 * span)
    if lowest < 0:
        ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_ylim(-0.6, rows(lay) - 0.4)
    ax.set_xlabel(ctx.languages[lang].text(indicator_of(ctx, chart_id), "label"))
    ax.grid(axis="x", color=GRID, linewidth=0.4, alpha=0.5)


def _bar_rows(ctx: Context, lay: Layout, lang: str, shown) -> tuple[list, list, list, list]:
    """The rows of a bar chart, top down: the y ticks and their labels, the bars as (row,
    figure), and the targets as (row of its label, target, top and bottom of its line)."""
    ticks, labels, placed, notes = [], [], [], []
    y = rows(lay) - 1
    for g in lay.groups:
        first, target_rows = y, []
        for t in g.targets:  # a row per target, its label clear of the bars
            ticks.append(y)
            # A segment with nothing measured yet is named on its target's row.
            labels.append("" if g.figures else segment_label(ctx, t, lang))
            target_rows.append((y, t))
            y -= 1
        for f in g.figures:
            ticks.append(y)
            labels.append(_bar_label(ctx, lay, f, lang, shown))
            placed.append((y, f))
            y -= 1
        # Each target line spans its label's row and its own segment's bars only.
        notes += [(row, t, first + 0.45, y + 0.55) for row, t in target_rows]
    return ticks, labels, placed, notes


def _bar_label(ctx: Context, lay: Layout, f, lang: str, shown) -> str:
    """A bar's label on the y axis, its parts named under it, wrapped to fit the margin."""
    language = ctx.languages[lang]
    label = mark_label(ctx, lay, f, lang)
    for part in lay.parts.get(f.id, []):  # named under its whole
        label += "\n" + language.t(
            "chart_part_row", label=language.text(part, "scope"), value=shown(part)
        )
    return "\n".join(line for chunk in label.split("\n")
                     for line in textwrap.wrap(chunk, 38))  # fmt: skip


def _bar(ax, lay: Layout, y: float, f, value: dict, upper: dict, shown) -> None:
    """One bar: a range's upper part hatched, its parts inside it, its value at its end."""
    ax.barh(y, value[f.id], color=BAR, height=0.6)
    end = upper.get(f.id, value[f.id])
    if f.id in upper:
        _hatched(ax, y, value[f.id], end, 0.6, RANGE)
    for part in lay.parts.get(f.id, []):  # inside the whole: a thinner, lighter bar
        ax.barh(y, value[part.id], color=PART, height=0.28)
        if part.id in upper:
            _hatched(ax, y, value[part.id], upper[part.id], 0.28, PART)
    ax.annotate(
        shown(f), (end, y), xytext=(4 if end >= 0 else -4, 0), textcoords="offset points",
        va="center", ha="left" if end >= 0 else "right", color=INK,
    )  # fmt: skip


def _bar_target(
    ax, ctx: Context, lang: str, n: int, note: tuple, x: float, lowest: float, span: float, fmt
) -> None:
    """The n-th target of a bar chart: a vertical line over its segment's rows, in its own
    dash pattern, with its label on its own row."""
    row, t, high, low = note
    dashes = TARGET_DASHES[n % len(TARGET_DASHES)]
    ax.vlines(x, low, high, color=TARGET, linestyle=dashes, linewidth=1.6)
    # Written towards the middle of the chart, so that it never runs off its edge.
    right = x - lowest > span / 2
    ax.annotate(
        target_note(ctx, t, lang, fmt(x, None)), (x, row),
        xytext=(-5 if right else 5, 0), textcoords="offset points", color=TARGET,
        ha="right" if right else "left", va="center", fontsize=9,
    )  # fmt: skip


def _value_axis(axis, fmt) -> None:
    """The values' axis: written as the chart writes its values, at most 5 ticks (labels
    with their unit need the room)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_formatter(FuncFormatter(fmt))
    axis.set_major_locator(MaxNLocator(5))


def _hatched(ax, y, start, end, height, colour) -> None:
    """The uncertain upper part of a range: white with hatching, readable without colour."""
    ax.barh(y, end - start, left=start, color="white", edgecolor=colour, hatch="///",
            height=height)  # fmt: skip


def _x(when: date) -> float:
    """A date on the time axis, in years."""
    return when.year + (when.timetuple().tm_yday - 1) / 365.25


@dataclass(frozen=True)
class Scale:
    """Points (1/72 inch) per unit of each axis as drawn: per year, and per unit of value."""

    x: float
    y: float


def scale_of(ax) -> Scale:
    """The scale of axes whose limits are set, where they stand in their figure."""
    box, fig = ax.get_position(), ax.figure
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return Scale(box.width * fig.get_figwidth() * 72 / (x1 - x0),
                 box.height * fig.get_figheight() * 72 / (y1 - y0))  # fmt: skip


def _plot_lines(ax, ctx: Context, chart_id: str, lang: str, lay: Layout, legend: str) -> None:
    """One line per place, segment and organisation, periods along the axis, each point
    labelled with its value; each line told apart by its marker and dash pattern as well as
    its colour (greyscale). A target is a star at its deadline, joined to its line's last
    point. Where sources differ and no figure is preferred, each value stands off the line,
    joined to it thinly, in its source's shape (named in the legend). A chart's own picture is
    laid out (legend below) before its points and labels are placed, at the scale drawn."""
    fmt, shown = _text(ctx, chart_id, lang)
    points = lay.points()
    _time_axes(ax, ctx, chart_id, lang, lay, fmt)
    for n, g in enumerate(lay.groups):
        settled = _settled(points, n)
        if settled:
            colour, _, dashes = _style(n)
            ax.plot([_x(p.figure.period) for p in settled], [float(p.figure.value) for p in settled],
                    color=colour, linestyle=dashes, linewidth=1.8)  # fmt: skip
        for t in g.targets:
            _line_target(ax, ctx, lang, t, settled, fmt)
    _legend(ax, _legend_entries(ctx, lay, lang), legend)
    if legend == "below":
        ax.figure.tight_layout()
    labels, scale = _placed(ax, lay, shown)
    for p in points:
        _point(ax, p, points, scale)
    for label in labels:
        _value_label(ax, label)


def _placed(ax, lay: Layout, shown) -> tuple[list, Scale]:
    """The value labels at the axes' scale, the time axis widened to the left first where
    a column of labels left of the first period would run past it."""
    scale = scale_of(ax)
    labels = value_labels(lay, shown, scale)
    (x0, x1), width = ax.get_xlim(), scale.x * (ax.get_xlim()[1] - ax.get_xlim()[0])
    start = x0
    for label in labels:  # k: how far the label runs left of its anchor, in points
        k = label.x * scale.x - label.box(scale)[0] + 4
        start = min(start, (label.x - k * x1 / width) / (1 - k / width))
    if start < x0:  # only the time axis's scale changes: the labels' heights stay
        ax.set_xlim(start, x1)
        scale = scale_of(ax)
        labels = value_labels(lay, shown, scale)
    return labels, scale


def _style(n: int) -> tuple:
    """The n-th line's colour, marker and dash pattern."""
    return (LINE_COLOURS[n % len(LINE_COLOURS)], MARKERS[n % len(MARKERS)],
            LINE_DASHES[n % len(LINE_DASHES)])  # fmt: skip


def _settled(points: list[Point], n: int) -> list[Point]:
    """The n-th line's own points, in period order."""
    return [p for p in points if p.line == n and p.key is None]


def _time_axes(ax, ctx: Context, chart_id: str, lang: str, lay: Layout, fmt) -> None:
    """The time axis's ticks (each period and deadline as the pages write it) and both axes'
    limits, set before anything is placed on them."""
    language = ctx.languages[lang]
    ticks: dict[float, str] = {}
    values = [0.0]
    for g in lay.groups:
        for f in g.figures:
            ticks[_x(f.period)] = language.day(f.period, f.period_precision)
            values.append(float(f.value_max or f.value))
        for t in g.targets:
            ticks[_x(t.deadline)] = language.day(t.deadline, t.deadline_precision)
            values.append(float(t.value))
    xs = sorted(ticks)
    ax.set_xticks(xs, [ticks[x] for x in xs])
    pad = max((xs[-1] - xs[0]) * 0.06, 0.3) if xs else 1
    ax.set_xlim(xs[0] - pad, xs[-1] + pad)
    _value_axis(ax.yaxis, fmt)
    ax.set_ylim(min(values), max(values) * 1.18 or 1)
    ax.set_ylabel(language.text(indicator_of(ctx, chart_id), "label"), wrap=True)
    ax.grid(axis="y", color=GRID, linewidth=0.4, alpha=0.5)


def _point_x(p: Point, scale: Scale) -> float:
    return _x(p.figure.period) + p.dodge * DODGE / scale.x


def _point(ax, p: Point, points: list[Point], scale: Scale) -> None:
    """One point, drawn once: on its line in the line's marker, or, contested, in its
    source's shape, joined thinly to its line's points before and after its period."""
    colour, marker, dashes = _style(p.line)
    x, y = _point_x(p, scale), float(p.figure.value)
    if p.key is None:
        style = {"marker": marker, "markersize": 6}
    else:
        claim = bool(p.figure.stated_by_person_id)
        style = {"marker": SOURCE_MARKERS[p.key % len(SOURCE_MARKERS)], "markersize": 8,
                 "markeredgewidth": 1.5, "markerfacecolor": colour if claim else "white"}  # fmt: skip
        when = p.figure.period
        line = _settled(points, p.line)
        before = [q for q in line if q.figure.period < when][-1:]
        after = [q for q in line if q.figure.period > when][:1]
        for q in before + after:
            ax.plot([_x(q.figure.period), x], [float(q.figure.value), y], color=colour,
                    linestyle=dashes, linewidth=1, zorder=2)  # fmt: skip
    ax.plot([x], [y], color=colour, linestyle="none", zorder=3, gid=f"point-{p.figure.id}",
            **style)  # fmt: skip


def _legend_entries(ctx: Context, lay: Layout, lang: str) -> list[tuple]:
    """(handle, name) for each line, then for each source whose values differ: its shape in
    ink, named by who gives the values (its publisher, or the person who claims them)."""
    from matplotlib.lines import Line2D

    out = []
    for n, g in enumerate(lay.groups):
        if g.figures:
            colour, marker, dashes = _style(n)
            handle = Line2D([], [], color=colour, marker=marker, linestyle=dashes,
                            linewidth=1.8, markersize=6)  # fmt: skip
            out.append((handle, group_label(ctx, lay, g, lang)))
    for i, f in enumerate(lay.keys):
        face = INK if f.stated_by_person_id else "white"
        handle = Line2D([], [], color=INK, marker=SOURCE_MARKERS[i % len(SOURCE_MARKERS)],
                        markerfacecolor=face, markeredgewidth=1.5, markersize=8,
                        linestyle="none")  # fmt: skip
        out.append((handle, key_label(ctx, lay, i, lang)))
    return out


def key_label(ctx: Context, lay: Layout, i: int, lang: str) -> str:
    """The legend's name for the i-th source whose values differ: who gives them, with the
    source's title where another source has the same publisher."""
    f = lay.keys[i]
    who = attribution(ctx, f, lang)
    if [attribution(ctx, k, lang) for k in lay.keys].count(who) > 1:
        who = f"{who}, {source_title(ctx.data['sources'][f.source_id], ctx)}"
    return ctx.languages[lang].t("chart_differs_key", who=who[:1].upper() + who[1:])


def _line_target(ax, ctx: Context, lang: str, t, settled: list[Point], fmt) -> None:
    """A target over time: a star at its deadline, joined to its line's last settled point,
    with its label."""
    x, y = _x(t.deadline), float(t.value)
    if settled:
        last = settled[-1].figure
        ax.plot([_x(last.period), x], [float(last.value), y], color=TARGET,
                linestyle=":", linewidth=1.2)  # fmt: skip
    ax.plot([x], [y], marker="*", color=TARGET, markersize=11, linestyle="none",
            gid=f"point-{t.id}")  # fmt: skip
    ax.annotate(target_note(ctx, t, lang, fmt(y, None)), (x, y), xytext=(-6, 8),
                textcoords="offset points", ha="right", va="bottom", color=TARGET,
                fontsize=8.5)  # fmt: skip


def _legend(ax, entries: list[tuple], legend: str) -> None:
    """The legend below the chart, or to its right in a card's wide frame, its names
    wrapped to the room they have."""
    width = 40 if legend == "right" else 60
    handles = [h for h, _ in entries]
    names = ["\n".join(textwrap.wrap(n, width)) for _, n in entries]
    if legend == "right":
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False,
                  fontsize=9)  # fmt: skip
    else:
        ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2,
                  frameon=False, fontsize=9)  # fmt: skip


# --- value labels over time ----------------------------------------------------------------


@dataclass(frozen=True)
class ValueLabel:
    """A point's value written by it: anchored at (x, y) in the axes' units, its box's bottom
    dy points above the anchor, its `ha` side dx points right of it."""

    figure: object
    text: str
    x: float
    y: float
    dx: float
    dy: float
    ha: str  # "center", "left" or "right"

    def box(self, scale: Scale) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in points, the width told from its characters."""
        width = 0.8 * LABEL_SIZE * len(self.text)
        shift = {"center": width / 2, "left": 0, "right": width}[self.ha]
        left = self.x * scale.x + self.dx - shift
        bottom = self.y * scale.y + self.dy
        return (left, bottom, left + width, bottom + LABEL_HEIGHT)


def value_labels(lay: Layout, shown, scale: Scale) -> list[ValueLabel]:
    """Each point's value: above it; below it where the next point up is too close; where
    a period's labels would still touch each other or a point, in a column beside its points
    (left of the first period, else right), in the values' order, each as near its point's
    height as the others leave. Never two labels on each other, whatever the scale."""
    by_period: dict[date, list[Point]] = {}
    for p in lay.points():
        by_period.setdefault(p.figure.period, []).append(p)
    out = []
    for period, points in sorted(by_period.items()):
        points.sort(key=lambda p: float(p.figure.value))  # stable: ties in drawing order
        ys = [float(p.figure.value) * scale.y for p in points]
        bottoms = _above(ys) or _above_or_below(ys)
        if bottoms:
            out += [ValueLabel(p.figure, shown(p.figure), _point_x(p, scale),
                               float(p.figure.value), 0.0, b, "center")
                    for p, b in zip(points, bottoms, strict=True)]  # fmt: skip
        else:
            out += _beside(points, ys, shown, left=period == min(by_period))
    return out


def _clear(ys: list[float], bottoms: list[float]) -> bool:
    """Whether the labels of a period's first points (their boxes' bottoms, from each point)
    keep off each other and off every other point of the period (ys: their heights)."""
    boxes = [
        (y + b, y + b + LABEL_HEIGHT) for y, b in zip(ys[: len(bottoms)], bottoms, strict=True)
    ]
    for i, (low, high) in enumerate(boxes):
        if any(low < y + MARK and y - MARK < high for j, y in enumerate(ys) if j != i):
            return False
        if any(low < top + LABEL_GAP and b < high + LABEL_GAP for b, top in boxes[i + 1 :]):
            return False
    return True


def _above(ys: list[float]) -> list[float] | None:
    bottoms = [LABEL_OFFSET] * len(ys)
    return bottoms if _clear(ys, bottoms) else None


def _above_or_below(ys: list[float]) -> list[float] | None:
    bottoms: list[float] = []
    for _ in ys:
        above = [*bottoms, LABEL_OFFSET]
        bottoms = above if _clear(ys, above) else [*bottoms, -LABEL_OFFSET - LABEL_HEIGHT]
    return bottoms if _clear(ys, bottoms) else None


def _beside(points: list[Point], ys: list[float], shown, left: bool) -> list[ValueLabel]:
    """A period's labels in a column beside its points, clear of their markers, spread
    apart as little as they must."""
    centres = _spread(ys, LABEL_HEIGHT + LABEL_GAP)
    dx = max(abs(p.dodge) for p in points) * DODGE + MARK + 3
    return [ValueLabel(p.figure, shown(p.figure), _x(p.figure.period), float(p.figure.value),
                       -dx if left else dx, c - y - LABEL_HEIGHT / 2, "right" if left else "left")
            for p, y, c in zip(points, ys, centres, strict=True)]  # fmt: skip


def _spread(wanted: list[float], step: float) -> list[float]:
    """The positions nearest to `wanted` (in order) that stay `step` apart, in the same order
    (least squares, by pooling adjacent violators)."""
    blocks: list[list[float]] = []  # [sum, count] of each pool
    for i, w in enumerate(wanted):
        blocks.append([w - i * step, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    pooled = [total / count for total, count in blocks for _ in range(int(count))]
    return [z + i * step for i, z in enumerate(pooled)]


def _value_label(ax, label: ValueLabel) -> None:
    """A value label; one beside the points is backed in white over the lines it crosses.
    Left out of the layout: the picture is laid out already, at the scale it was placed at."""
    box = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
           "alpha": 0.85} if label.ha != "center" else None  # fmt: skip
    text = ax.annotate(label.text, (label.x, label.y), xytext=(label.dx, label.dy),
                       textcoords="offset points", ha=label.ha, va="bottom", color=INK,
                       fontsize=LABEL_SIZE, bbox=box, zorder=4)  # fmt: skip
    text.set_in_layout(False)


def value_text(ctx: Context, chart_id: str, lang: str):
    """A figure's value as the chart's labels write it."""
    return _text(ctx, chart_id, lang)[1]


@contextmanager
def picture(ctx: Context, chart_id: str, lang: str):
    """The chart on a matplotlib figure laid out as its files are: (figure, axes), closed
    after use. A line chart lays itself out before placing its labels (_plot_lines)."""
    # matplotlib is imported only where charts are drawn (the publishing process).
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    with drawing_style():
        fig, ax = plt.subplots(figsize=figure_size(ctx, chart_id))
        try:
            plot(ax, ctx, chart_id, lang)
            if not layout(ctx, chart_id).over_time:
                fig.tight_layout()
            yield fig, ax
        finally:
            plt.close(fig)


def _draw(ctx: Context, chart_id: str, lang: str) -> dict[str, bytes]:
    """{"svg": bytes, "png": bytes}: the same figure in both formats."""
    svg, png = io.BytesIO(), io.BytesIO()
    with picture(ctx, chart_id, lang) as (fig, _):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        # 8 inches at 200 dpi: 1,600 pixels wide, twice the 800 the pages display.
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return {"svg": svg.getvalue(), "png": png.getvalue()}


def svg(ctx: Context, chart_id: str, lang: str) -> bytes:
    return _draw(ctx, chart_id, lang)["svg"]


def csv_bytes(ctx: Context, chart_id: str, lang: str) -> bytes:
    """What is drawn, row for row (layout().marks()): each bar, point, part and target with
    its role, period, unit and source."""
    lay = layout(ctx, chart_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for role, f in lay.marks():
        src = ctx.data["sources"][f.source_id]
        writer.writerow(
            [
                mark_label(ctx, lay, f, lang),
                role,
                ctx.label("segments", f.segment, lang),
                f.id,
                ctx.label("figure_kinds", f.kind, lang),
                f.value,
                "" if f.value_max is None else f.value_max,
                f.unit,
                ctx.label("units", f.unit, lang),
                f.period.isoformat() if f.period else "",
                f.period_precision or "",
                f.date.isoformat() if f.date else "",
                f.deadline.isoformat() if f.deadline else "",
                f.part_of or "",
                f.stated_by_person_id or "",
                f.source_id,
                source_title(src, ctx),
                src.url or "",
            ]
        )
    return out.getvalue().encode("utf-8")


def group_label(ctx: Context, lay: Layout, g: Group, lang: str) -> str:
    """A line's name: its place and segment, and its organisation where it has one."""
    if not lay.over_time:
        return ctx.label("segments", g.key[0], lang)
    first = (g.figures or g.targets)[0]
    label = segment_label(ctx, first, lang)
    if g.figures and first.organisation_id:
        label = f"{label} · {ctx.data['organisations'][first.organisation_id].name}"
    return label


def alt_text(ctx: Context, chart_id: str, lang: str, value_of) -> str:
    """The chart said in words, for screen readers and for readers without images: each bar
    (with its parts), or each line's values period by period, then the targets and what the
    chart leaves out or cannot settle.

    value_of(figure) formats a figure's value as the page shows it.
    """
    lay = layout(ctx, chart_id)
    language = ctx.languages[lang]
    parts = []
    for g in lay.groups:
        if lay.over_time and g.figures:
            points = [
                language.t("chart_point", period=language.day(f.period, f.period_precision),
                           value=value_of(f))
                + (f" ({attribution(ctx, f, lang)})" if f.id in lay.contested else "")
                for f in g.figures
            ]  # fmt: skip
            parts.append(
                language.t("chart_item", label=group_label(ctx, lay, g, lang),
                           value=", ".join(points))
            )  # fmt: skip
        elif not lay.over_time:
            for f in g.figures:
                item = language.t("chart_item", label=mark_label(ctx, lay, f, lang),
                                  value=value_of(f))  # fmt: skip
                for part in lay.parts.get(f.id, []):
                    item += " " + language.t(
                        "chart_part_row", label=language.text(part, "scope"), value=value_of(part)
                    )
                parts.append(item)
        parts += [target_note(ctx, t, lang, value_of(t)) for t in g.targets]
    return language.join(parts) + "."


def notes(ctx: Context, chart_id: str, lang: str, value_of) -> list[str]:
    """What a reader must know beside the picture: where sources differ (which figure the
    chart uses, and why, or that it shows them all), and, over time, the parts of a line's
    values, which only a bar can hold."""
    lay = layout(ctx, chart_id)
    language = ctx.languages[lang]
    out = []
    for d in lay.disagreements:
        said = language.join(f"{value_of(f)} ({attribution(ctx, f, lang)})" for f in d.figures)
        what = segment_label(ctx, d.figures[0], lang)
        when = language.day(d.figures[0].period, d.figures[0].period_precision)
        if d.preferred:
            used = ctx.data["figures"][d.preferred]
            reason = preference(ctx.data, d.preferred)
            out.append(
                language.t(
                    "chart_note_preferred",
                    what=what,
                    period=when,
                    said=said,
                    used=value_of(used),
                    reason=language.text(reason, "reason"),
                )
            )
        else:
            out.append(language.t("chart_note_differ", what=what, period=when, said=said))
    if lay.over_time:
        for whole_id, wholes_parts in lay.parts.items():
            whole = ctx.data["figures"][whole_id]
            for part in wholes_parts:
                out.append(language.t(
                    "chart_note_part", whole=language.text(whole, "label"),
                    value=value_of(part), label=language.text(part, "scope"),
                ))  # fmt: skip
    return out


def path(chart_id: str, lang: str, ext: str = "svg") -> str:
    """Where a chart is published, from the site root: /charts/<chart>-<lang>.<ext>."""
    return f"charts/{chart_id}-{lang}.{ext}"


def embed_path(chart_id: str) -> str:
    """The embeddable page of a chart, from a language's root: embed/<chart>/."""
    return f"embed/{chart_id}/"


def inputs(ctx: Context, chart_id: str) -> tuple:
    """Every record a chart's files read: its row, its indicator's figures (parts and figures
    that differ included: they share the indicator), the preferred figures, the organisations,
    people and sources they name, and the code lists of their labels. With the language and
    the code, the chart's cache key (data/cache.py)."""
    chart = ctx.editorial.chart(chart_id)
    figs = ctx.index("figures_by_indicator", chart.indicator_id)

    def named(column: str) -> list[str]:
        return sorted({f[column] for f in figs if f[column]})

    sources = [ctx.data["sources"][i] for i in named("source_id")]
    orgs = sorted({*named("organisation_id"), *(s.publisher_id for s in sources)})
    return (
        chart,
        ctx.data["indicators"][chart.indicator_id],
        figs,
        list(ctx.data["preferred_figures"].values()),
        [ctx.data["organisations"][o] for o in orgs],
        [ctx.data["people"][p] for p in named("stated_by_person_id")],
        sources,
        *(ctx.data[name] for name in ("places", "segments", "units", "figure_kinds")),
    )


def _make(ctx: Context) -> dict[str, bytes]:
    out = {}
    for lang in ctx.languages:
        for i in (c.id for c in ctx.editorial.charts):

            def make(i=i, lang=lang) -> dict[str, bytes]:
                return _draw(ctx, i, lang) | {"csv": csv_bytes(ctx, i, lang)}

            drawn = cache_of(ctx).get("chart", (inputs(ctx, i), lang), make)
            for ext in FORMATS:
                out[path(i, lang, ext)] = drawn[ext]
    return out


def files(ctx: Context) -> dict[str, bytes]:
    """Every chart file; made once per build."""
    return ctx.products.charts.get(lambda: _make(ctx))


def sizes(ctx: Context) -> dict[str, int]:
    """{path: size in bytes}: what the pages list under each chart. In a build, the
    publishing process sends it (generator/publishing.py)."""
    return ctx.products.chart_sizes.get(lambda: {p: len(b) for p, b in files(ctx).items()})
