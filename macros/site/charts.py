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

CHARTS = ("ai-adoption-rate", "ai-investment")
FORMATS = ("svg", "png", "csv")
PNG_DPI = 200
CSV_FIELDS = (
    "series", "figure_id", "kind", "value", "value_max", "unit", "unit_label", "date",
    "deadline", "source_id", "source", "source_url",
)  # fmt: skip


def bar_label(ctx: Context, fig, lang: str) -> str:
    place = ctx.label("places", fig.geo, lang)
    scope = ctx.languages[lang].text(fig, "scope")
    return f"{place} · {scope}" if scope else place


def series(ctx: Context, indicator_id: str) -> tuple[list, list]:
    figs = ctx.index("figures_by_indicator", indicator_id)
    return [f for f in figs if f.kind != "target"], [f for f in figs if f.kind == "target"]


def figure_size(ctx: Context, indicator_id: str) -> tuple[float, float]:
    """Width and height in inches: a bar's height per measurement, room for the axis."""
    bars, _ = series(ctx, indicator_id)
    return (8, 0.55 * len(bars) + 1.6)


def embed_height(ctx: Context, indicator_id: str, width: int = 600) -> int:
    """The iframe height that shows the whole chart at `width` pixels, with its title and
    source lines."""
    w, h = figure_size(ctx, indicator_id)
    return round(width * h / w) + 100


def axis_formatter(ctx: Context, indicator_id: str, lang: str):
    unit = ctx.data["units"][ctx.data["indicators"][indicator_id].unit]
    language = ctx.languages[lang]
    if unit.format == "currency":
        return lambda v, _pos: language.quantity(v, unit) if v else "0"
    return lambda v, _pos: language.quantity(v, unit)


def plot(ax, ctx: Context, indicator_id: str, lang: str) -> None:
    """Draw the indicator's bars, ranges and target lines on a matplotlib axes (the chart
    files and the preview cards share it)."""
    from matplotlib.ticker import FuncFormatter

    bars, targets = series(ctx, indicator_id)
    language = ctx.languages[lang]
    fmt = axis_formatter(ctx, indicator_id, lang)
    value = {f.id: float(f.value) for f in bars + targets}  # frictionless gives Decimals
    upper = {f.id: float(f.value_max) for f in bars if f.value_max is not None}
    indicator = ctx.data["indicators"][indicator_id]
    labels = ["\n".join(textwrap.wrap(bar_label(ctx, f, lang), 34)) for f in bars]
    ypos = list(range(len(bars)))[::-1]
    ax.barh(ypos, [value[f.id] for f in bars], color=BAR, height=0.6)
    for y, f in zip(ypos, bars, strict=True):
        top = upper.get(f.id, value[f.id])
        if f.id in upper:
            ax.barh(
                y,
                top - value[f.id],
                left=value[f.id],
                color="white",
                edgecolor=RANGE,
                hatch="///",
                height=0.6,
            )
        text = fmt(value[f.id], None) + (f"–{fmt(top, None)}" if f.id in upper else "")
        ax.annotate(
            text,
            (top, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            color=INK,
        )
    for t in targets:
        ax.axvline(value[t.id], color=TARGET, linestyle="--", linewidth=1.6)
        deadline = language.day(t.deadline, t.deadline_precision)
        place = ctx.label("places", t.geo, lang)
        note = language.t(
            "chart_target", place=place, deadline=deadline, value=fmt(value[t.id], None)
        )
        ax.annotate(
            note,
            (value[t.id], len(bars) - 0.35),
            xytext=(-4, 0),
            textcoords="offset points",
            color=TARGET,
            ha="right",
            va="bottom",
            fontsize=9,
        )
    ax.set_yticks(ypos, labels)
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))
    highest = max(list(value.values()) + list(upper.values()))
    ax.set_xlim(0, highest * 1.22)
    ax.set_ylim(-0.6, len(bars) - 0.1 + (0.5 if targets else 0))
    ax.set_xlabel(language.text(indicator, "label"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color=GRID, linewidth=0.4, alpha=0.5)
    ax.set_axisbelow(True)


def _draw(ctx: Context, indicator_id: str, lang: str) -> dict[str, bytes]:
    """{"svg": bytes, "png": bytes}: the same figure in both formats."""
    # matplotlib is imported only where charts are drawn (the publishing process).
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=figure_size(ctx, indicator_id))
        plot(ax, ctx, indicator_id, lang)
        fig.tight_layout()
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        # 8 inches at 200 dpi: 1,600 pixels wide, twice the 800 the pages display.
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        plt.close(fig)
    return {"svg": svg.getvalue(), "png": png.getvalue()}


def svg(ctx: Context, indicator_id: str, lang: str) -> bytes:
    return _draw(ctx, indicator_id, lang)["svg"]


def csv_bytes(ctx: Context, indicator_id: str, lang: str) -> bytes:
    """The plotted values: one row per bar and per target line, with unit and source."""
    bars, targets = series(ctx, indicator_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for f in bars + targets:
        src = ctx.data["sources"][f.source_id]
        writer.writerow(
            [
                bar_label(ctx, f, lang),
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


def alt_text(ctx: Context, indicator_id: str, lang: str, value_of) -> str:
    """The chart said in words, for screen readers and for readers without images.

    value_of(figure) formats a figure's value as the page shows it.
    """
    bars, targets = series(ctx, indicator_id)
    language = ctx.languages[lang]
    parts = [
        language.t("chart_item", label=bar_label(ctx, f, lang), value=value_of(f)) for f in bars
    ]
    for t in targets:
        deadline = language.day(t.deadline, t.deadline_precision)
        parts.append(
            language.t(
                "chart_target", place=bar_label(ctx, t, lang), deadline=deadline, value=value_of(t)
            )
        )
    return language.join(parts) + "."


def path(indicator_id: str, lang: str, ext: str = "svg") -> str:
    """Where a chart is published, from the site root: /charts/<indicator>-<lang>.<ext>."""
    return f"charts/{indicator_id}-{lang}.{ext}"


def embed_path(indicator_id: str) -> str:
    """The embeddable page of a chart, from a language's root: embed/<indicator>/."""
    return f"embed/{indicator_id}/"


def _make(ctx: Context) -> dict[str, bytes]:
    out = {}
    for lang in ctx.languages:
        for i in CHARTS:
            drawn = _draw(ctx, i, lang)
            out[path(i, lang, "svg")] = drawn["svg"]
            out[path(i, lang, "png")] = drawn["png"]
            out[path(i, lang, "csv")] = csv_bytes(ctx, i, lang)
    return out


def files(ctx: Context) -> dict[str, bytes]:
    """Every chart file; made once per build."""
    return ctx.once("charts", lambda: _make(ctx))


def sizes(ctx: Context) -> dict[str, int]:
    """{path: size in bytes}: what the pages list under each chart. In a build, the
    publishing process sends it (build/publishing.py)."""
    return ctx.once("chart_sizes", lambda: {p: len(b) for p, b in files(ctx).items()})
