"""Static SVG charts made at build time with matplotlib: one per indicator and language.

Bars are the indicator's measurements and announced amounts (a range is drawn as a bar with a
hatched extension to its upper value); targets are dashed reference lines. Output is
byte-identical for identical input: fixed hash salt, no date metadata, text kept as text.
"""

import io
import textwrap

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import i18n  # noqa: E402
from .load import load  # noqa: E402

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


def bar_label(fig, lang: str) -> str:
    place = i18n.text(load()["places"][fig.geo], "label", lang)
    scope = i18n.text(fig, "scope", lang)
    return f"{place} · {scope}" if scope else place


def series(indicator_id: str, lang: str) -> tuple[list, list]:
    figs = [f for f in load()["figures"].values() if f.indicator_id == indicator_id]
    return [f for f in figs if f.kind != "target"], [f for f in figs if f.kind == "target"]


def axis_formatter(indicator_id: str, lang: str):
    unit = load()["units"][load()["indicators"][indicator_id].unit]
    if unit.format == "percent":
        return lambda v, _pos: i18n.percent(v, lang)
    if unit.format == "currency":
        return lambda v, _pos: i18n.amount(v, unit.currency, lang) if v else "0"
    return lambda v, _pos: i18n.number(v, lang)


def svg(indicator_id: str, lang: str) -> bytes:
    bars, targets = series(indicator_id, lang)
    fmt = axis_formatter(indicator_id, lang)
    value = {f.id: float(f.value) for f in bars + targets}  # frictionless gives Decimals
    upper = {f.id: float(f.value_max) for f in bars if f.value_max is not None}
    indicator = load()["indicators"][indicator_id]
    labels = ["\n".join(textwrap.wrap(bar_label(f, lang), 34)) for f in bars]
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
            deadline = i18n.day(t.deadline, t.deadline_precision, lang)
            place = i18n.text(load()["places"][t.geo], "label", lang)
            note = i18n.label(
                "chart_target", lang, place=place, deadline=deadline, value=fmt(value[t.id], None)
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
        ax.set_xlabel(i18n.text(indicator, "label", lang))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color=GRID, linewidth=0.4, alpha=0.5)
        ax.set_axisbelow(True)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return out.getvalue()


def alt_text(indicator_id: str, lang: str) -> str:
    """The chart said in words, for screen readers and for readers without images."""
    bars, targets = series(indicator_id, lang)
    from .views import formatted_value

    parts = [
        i18n.label("chart_item", lang, label=bar_label(f, lang), value=formatted_value(f, lang))
        for f in bars
    ]
    for t in targets:
        deadline = i18n.day(t.deadline, t.deadline_precision, lang)
        parts.append(
            i18n.label(
                "chart_target",
                lang,
                place=bar_label(t, lang),
                deadline=deadline,
                value=formatted_value(t, lang),
            )
        )
    return " ; ".join(parts) + "." if lang == "fr" else "; ".join(parts) + "."
