"""Static SVG charts made at build time with matplotlib: one per indicator and language.

Bars are the indicator's measurements and announced amounts (a range is drawn as a bar with a
hatched extension to its upper value); targets are dashed reference lines. Output is
byte-identical for identical input: fixed hash salt, no date metadata, text kept as text.
"""

import io
import textwrap

from ..data.context import Context

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


def bar_label(ctx: Context, fig, lang: str) -> str:
    place = ctx.label("places", fig.geo, lang)
    scope = ctx.languages[lang].text(fig, "scope")
    return f"{place} · {scope}" if scope else place


def series(ctx: Context, indicator_id: str) -> tuple[list, list]:
    figs = ctx.index("figures_by_indicator", indicator_id)
    return [f for f in figs if f.kind != "target"], [f for f in figs if f.kind == "target"]


def axis_formatter(ctx: Context, indicator_id: str, lang: str):
    unit = ctx.data["units"][ctx.data["indicators"][indicator_id].unit]
    language = ctx.languages[lang]
    if unit.format == "currency":
        return lambda v, _pos: language.quantity(v, unit) if v else "0"
    return lambda v, _pos: language.quantity(v, unit)


def svg(ctx: Context, indicator_id: str, lang: str) -> bytes:
    # matplotlib is imported only where charts are drawn (the publishing process).
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    bars, targets = series(ctx, indicator_id)
    language = ctx.languages[lang]
    fmt = axis_formatter(ctx, indicator_id, lang)
    value = {f.id: float(f.value) for f in bars + targets}  # frictionless gives Decimals
    upper = {f.id: float(f.value_max) for f in bars if f.value_max is not None}
    indicator = ctx.data["indicators"][indicator_id]
    labels = ["\n".join(textwrap.wrap(bar_label(ctx, f, lang), 34)) for f in bars]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8, 0.55 * len(bars) + 1.6))
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
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return out.getvalue()


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


def path(indicator_id: str, lang: str) -> str:
    """Where a chart is published, from the site root."""
    return f"assets/charts/{indicator_id}-{lang}.svg"


def files(ctx: Context) -> dict[str, bytes]:
    return {path(i, lang): svg(ctx, i, lang) for lang in ctx.languages for i in CHARTS}
