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

from ..data.context import Context
from .views.links import source_title

# Colours checked against white for WCAG AA: text 4.5:1, graphics 3:1.
INK = "#1a1a1a"  # 17:1
BAR = "#1f4e8c"  # 8.6:1
RANGE = "#5b7fb5"  # 4.2:1
TARGET = "#a33b00"  # 6.4:1
GRID = "#767676"  # 4.5:1

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
    "series", "segment", "figure_id", "kind", "value", "value_max", "unit", "unit_label", "date",
    "deadline", "source_id", "source", "source_url",
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


def groups(ctx: Context, chart_id: str) -> list[tuple[str | None, list, list]]:
    """(segment, bars, targets) for each segment of the chart, in the segments' order (no
    segment last): a target is drawn only against the bars of its own segment."""
    figs = ctx.index("figures_by_indicator", indicator_of(ctx, chart_id).id)
    order = {code: n for n, code in enumerate(ctx.data["segments"])}
    segments = sorted({f.segment for f in figs}, key=lambda s: order.get(s, len(order)))
    return [
        (
            seg,
            [f for f in figs if f.segment == seg and f.kind != "target"],
            [f for f in figs if f.segment == seg and f.kind == "target"],
        )
        for seg in segments
    ]


def series(ctx: Context, chart_id: str) -> tuple[list, list]:
    """The chart's bars and its targets, segment by segment."""
    parts = groups(ctx, chart_id)
    return [f for _, b, _ in parts for f in b], [t for _, _, ts in parts for t in ts]


def rows(ctx: Context, chart_id: str) -> int:
    """Rows of the chart: one per bar, and one per target above its segment's bars (the
    target's label is written there, clear of the bars)."""
    return sum(len(b) + len(t) for _, b, t in groups(ctx, chart_id))


def figure_size(ctx: Context, chart_id: str) -> tuple[float, float]:
    """Width and height in inches: a row's height per bar, room for the axis."""
    return (8, 0.55 * rows(ctx, chart_id) + 1.6)


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


def bar_label_of_segment(ctx: Context, t, lang: str) -> str:
    """'France · SMEs': the row label of a segment known only by its target."""
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


def plot(ax, ctx: Context, chart_id: str, lang: str) -> None:
    """Draw the chart's bars, ranges and target lines on a matplotlib axes (the chart files
    and the preview cards share it). Bars are grouped by segment; each target spans only the
    rows of its own segment, with its own dash pattern and label."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    parts = groups(ctx, chart_id)
    language = ctx.languages[lang]
    fmt = axis_formatter(ctx, chart_id, lang)
    bars, targets = series(ctx, chart_id)
    value = {f.id: float(f.value) for f in bars + targets}  # frictionless gives Decimals
    upper = {f.id: float(f.value_max) for f in bars if f.value_max is not None}
    indicator = indicator_of(ctx, chart_id)
    total = rows(ctx, chart_id)
    everything = list(value.values()) + list(upper.values())
    highest, lowest = max(everything + [0]), min(everything + [0])
    span = (highest - lowest) or 1
    ticks, labels, placed, notes = [], [], [], []
    y = total - 1
    for _, seg_bars, seg_targets in parts:
        first, target_rows = y, []
        for t in seg_targets:  # a row per target, its label clear of the bars
            ticks.append(y)
            # A segment with nothing measured yet is named on its target's row.
            labels.append("" if seg_bars else bar_label_of_segment(ctx, t, lang))
            target_rows.append((y, t))
            y -= 1
        for f in seg_bars:
            ticks.append(y)
            labels.append("\n".join(textwrap.wrap(bar_label(ctx, f, lang), 34)))
            placed.append((y, f))
            y -= 1
        # Each target line spans its label's row and its own segment's bars only.
        notes += [(row, t, first + 0.45, y + 0.55) for row, t in target_rows]
    for yy, f in placed:
        ax.barh(yy, value[f.id], color=BAR, height=0.6)
        end = upper.get(f.id, value[f.id])
        if f.id in upper:
            ax.barh(
                yy,
                end - value[f.id],
                left=value[f.id],
                color="white",
                edgecolor=RANGE,
                hatch="///",
                height=0.6,
            )
        text = fmt(value[f.id], None) + (f"–{fmt(end, None)}" if f.id in upper else "")
        ax.annotate(
            text,
            (end, yy),
            xytext=(4 if end >= 0 else -4, 0),
            textcoords="offset points",
            va="center",
            ha="left" if end >= 0 else "right",
            color=INK,
        )
    for n, (row, t, high, low) in enumerate(notes):
        dashes = TARGET_DASHES[n % len(TARGET_DASHES)]
        ax.vlines(value[t.id], low, high, color=TARGET, linestyle=dashes, linewidth=1.6)
        # Written towards the middle of the chart, so that it never runs off its edge.
        right = value[t.id] - lowest > span / 2
        ax.annotate(
            target_note(ctx, t, lang, fmt(value[t.id], None)),
            (value[t.id], row),
            xytext=(-5 if right else 5, 0),
            textcoords="offset points",
            color=TARGET,
            ha="right" if right else "left",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))
    ax.xaxis.set_major_locator(MaxNLocator(5))  # labels with their unit need the room
    ax.set_xlim(lowest - 0.25 * span if lowest < 0 else 0, highest + 0.22 * span)
    if lowest < 0:
        ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_ylim(-0.6, total - 0.4)
    ax.set_xlabel(language.text(indicator, "label"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color=GRID, linewidth=0.4, alpha=0.5)
    ax.set_axisbelow(True)


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
    """The plotted values: one row per bar and per target line, with unit and source."""
    bars, targets = series(ctx, chart_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for f in bars + targets:
        src = ctx.data["sources"][f.source_id]
        writer.writerow(
            [
                bar_label(ctx, f, lang),
                ctx.label("segments", f.segment, lang),
                f.id,
                ctx.label("figure_kinds", f.kind, lang),
                f.value,
                "" if f.value_max is None else f.value_max,
                f.unit,
                ctx.label("units", f.unit, lang),
                f.date.isoformat() if f.date else "",
                f.deadline.isoformat() if f.deadline else "",
                f.source_id,
                source_title(src, ctx),
                src.url or "",
            ]
        )
    return out.getvalue().encode("utf-8")


def alt_text(ctx: Context, chart_id: str, lang: str, value_of) -> str:
    """The chart said in words, for screen readers and for readers without images.

    value_of(figure) formats a figure's value as the page shows it.
    """
    bars, targets = series(ctx, chart_id)
    language = ctx.languages[lang]
    parts = [
        language.t("chart_item", label=bar_label(ctx, f, lang), value=value_of(f)) for f in bars
    ]
    parts += [target_note(ctx, t, lang, value_of(t)) for t in targets]
    return language.join(parts) + "."


def path(chart_id: str, lang: str, ext: str = "svg") -> str:
    """Where a chart is published, from the site root: /charts/<chart>-<lang>.<ext>."""
    return f"charts/{chart_id}-{lang}.{ext}"


def embed_path(chart_id: str) -> str:
    """The embeddable page of a chart, from a language's root: embed/<chart>/."""
    return f"embed/{chart_id}/"


def _make(ctx: Context) -> dict[str, bytes]:
    out = {}
    for lang in ctx.languages:
        for i in (c.id for c in ctx.editorial.charts):
            drawn = _draw(ctx, i, lang)
            out[path(i, lang, "svg")] = drawn["svg"]
            out[path(i, lang, "png")] = drawn["png"]
            out[path(i, lang, "csv")] = csv_bytes(ctx, i, lang)
    return out


def files(ctx: Context) -> dict[str, bytes]:
    """Every chart file; made once per build."""
    return ctx.products.charts.get(lambda: _make(ctx))


def sizes(ctx: Context) -> dict[str, int]:
    """{path: size in bytes}: what the pages list under each chart. In a build, the
    publishing process sends it (generator/publishing.py)."""
    return ctx.products.chart_sizes.get(lambda: {p: len(b) for p, b in files(ctx).items()})
