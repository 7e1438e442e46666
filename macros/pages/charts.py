"""Charts made at build time with matplotlib: one per indicator and language, published at
stable addresses as SVG, as PNG at twice the display resolution, and as CSV holding exactly
the plotted values with their units and sources (/charts/<indicator>-<lang>.svg|png|csv).

Bars are the indicator's measurements and announced amounts (a range is drawn as a bar with a
hatched extension to its upper value); targets are dashed reference lines. Output is
byte-identical for identical input: fixed hash salt, no date metadata, text kept as text.
"""

import csv
import io
import textwrap
from dataclasses import dataclass
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
    alternative, data table) is made from it, so they cannot disagree."""

    over_time: bool
    groups: list[Group]
    parts: dict  # {whole's id: its parts}, drawn inside the whole's bar or in the note
    set_aside: list  # figures left out for the one a curator preferred (preferred_figures.csv)
    disagreements: list  # comparisons.Disagreement among the chart's figures

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
    return Layout(
        over_time=over,
        groups=groups,
        parts={f.id: ctx.index("parts_of", f.id) for f in measured if ctx.index("parts_of", f.id)},
        set_aside=[f for f in figs if f.id in aside],
        disagreements=disagreements,
    )


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
    if lay.over_time:
        return (8, 4.6 + 0.3 * ((len(lay.groups) + 1) // 2))
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


def _plot_lines(ax, ctx: Context, chart_id: str, lang: str, lay: Layout, legend: str) -> None:
    """One line per place, segment and organisation, periods along the axis, each point
    labelled with its value; each line told apart by its marker and dash pattern as well as
    its colour (greyscale). A target is a star at its deadline, joined to its line's last
    point. Where sources differ and no figure is preferred, each of their values is an
    open marker off the line."""
    fmt, shown = _text(ctx, chart_id, lang)
    ticks: dict[float, str] = {}
    values = [0.0]
    labels: list[tuple[float, float, str]] = []
    for n, g in enumerate(lay.groups):
        settled = [f for f in g.figures if not _contested(ctx, f)]
        if g.figures:
            _line(ax, ctx, lay, lang, n, g, settled)
        for t in g.targets:
            _line_target(ax, ctx, lang, t, settled, fmt)
        group_ticks, group_values, group_labels = _time_marks(ctx.languages[lang], g, shown)
        ticks.update(group_ticks)
        values += group_values
        labels += group_labels
    _value_labels(ax, labels, max(values) or 1)
    xs = sorted(ticks)
    ax.set_xticks(xs, [ticks[x] for x in xs])
    pad = max((xs[-1] - xs[0]) * 0.06, 0.3) if xs else 1
    ax.set_xlim(xs[0] - pad, xs[-1] + pad)
    _value_axis(ax.yaxis, fmt)
    ax.set_ylim(min(values + [0]), max(values) * 1.18 or 1)
    ax.set_ylabel(ctx.languages[lang].text(indicator_of(ctx, chart_id), "label"), wrap=True)
    ax.grid(axis="y", color=GRID, linewidth=0.4, alpha=0.5)
    _legend(ax, legend)


def _line(ax, ctx: Context, lay: Layout, lang: str, n: int, g: Group, settled: list) -> None:
    """The n-th line: its settled points joined, each contested one off the line (a claim
    as a cross, a publication as an open marker), in the line's colour, marker and dashes."""
    colour, marker, dashes = (
        LINE_COLOURS[n % len(LINE_COLOURS)],
        MARKERS[n % len(MARKERS)],
        LINE_DASHES[n % len(LINE_DASHES)],
    )
    if settled:
        ax.plot([_x(f.period) for f in settled], [float(f.value) for f in settled],
                color=colour, marker=marker, linestyle=dashes, linewidth=1.8,
                markersize=6, label=group_label(ctx, lay, g, lang))  # fmt: skip
    for f in (f for f in g.figures if f not in settled):
        ax.plot([_x(f.period)], [float(f.value)], marker="X" if f.stated_by_person_id else marker,
                markerfacecolor=colour if f.stated_by_person_id else "white",
                color=colour, linestyle="none", markersize=7,
                label=mark_label(ctx, lay, f, lang))  # fmt: skip


def _line_target(ax, ctx: Context, lang: str, t, settled: list, fmt) -> None:
    """A target over time: a star at its deadline, joined to its line's last settled point,
    with its label."""
    x, y = _x(t.deadline), float(t.value)
    if settled:
        last = settled[-1]
        ax.plot([_x(last.period), x], [float(last.value), y], color=TARGET,
                linestyle=":", linewidth=1.2)  # fmt: skip
    ax.plot([x], [y], marker="*", color=TARGET, markersize=11, linestyle="none")
    ax.annotate(target_note(ctx, t, lang, fmt(y, None)), (x, y), xytext=(-6, 8),
                textcoords="offset points", ha="right", va="bottom", color=TARGET,
                fontsize=8.5)  # fmt: skip


def _time_marks(language, g: Group, shown) -> tuple[list, list, list]:
    """What a line and its targets put on the axes: the time axis's ticks as (x, period
    or deadline as the pages write it), the values the value axis must reach, and each
    point's value label as (x, y, text)."""
    ticks, values, labels = [], [], []
    for f in g.figures:
        x = _x(f.period)
        ticks.append((x, language.day(f.period, f.period_precision)))
        values.append(float(f.value_max or f.value))
        labels.append((x, float(f.value), shown(f)))
    for t in g.targets:
        ticks.append((_x(t.deadline), language.day(t.deadline, t.deadline_precision)))
        values.append(float(t.value))
    return ticks, values, labels


def _legend(ax, legend: str) -> None:
    """The lines' legend below the chart, or to its right in a card's wide frame, its names
    wrapped to the room they have."""
    handles, names = ax.get_legend_handles_labels()
    width = 40 if legend == "right" else 60
    names = ["\n".join(textwrap.wrap(n, width)) for n in names]
    if legend == "right":
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False,
                  fontsize=9)  # fmt: skip
    else:
        ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2,
                  frameon=False, fontsize=9)  # fmt: skip


def _value_labels(ax, labels: list[tuple[float, float, str]], top: float) -> None:
    """Each point's value, above it, or below it where the next point up at the same period
    is too close for both labels to be read."""
    near = top * 0.07
    by_x: dict[float, list] = {}
    for x, y, text in labels:
        by_x.setdefault(x, []).append((y, text))
    for x, points in by_x.items():
        points.sort()
        for i, (y, text) in enumerate(points):
            below = i + 1 < len(points) and points[i + 1][0] - y < near
            ax.annotate(text, (x, y), xytext=(0, -8 if below else 7), textcoords="offset points",
                        ha="center", va="top" if below else "bottom", color=INK,
                        fontsize=8.5)  # fmt: skip


def _contested(ctx: Context, fig) -> bool:
    """A figure of a disagreement that no curator has settled: drawn, but off the line."""
    d = ctx.index.disagreement(fig.id)
    return bool(d) and not d.preferred


def _draw(ctx: Context, chart_id: str, lang: str) -> dict[str, bytes]:
    """{"svg": bytes, "png": bytes}: the same figure in both formats."""
    # matplotlib is imported only where charts are drawn (the publishing process).
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=figure_size(ctx, chart_id))
        plot(ax, ctx, chart_id, lang)
        fig.tight_layout()
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        # 8 inches at 200 dpi: 1,600 pixels wide, twice the 800 the pages display.
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        plt.close(fig)
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
                + (f" ({attribution(ctx, f, lang)})" if _contested(ctx, f) else "")
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
