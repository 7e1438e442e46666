"""Preview cards for links shared on social networks and chat apps (Open Graph, Twitter):
1200 x 630 PNG images drawn with matplotlib at build time, in each language, for a fixed set
of subjects (the number of images does not grow with the records): the site, the home page,
each chart and each key figure. Every page names one of them (card_for)."""

import io
import textwrap

from ..data.cache import cache_of
from ..data.context import Context
from . import charts
from .page import Page
from .views.figures import formatted_value
from .views.links import source_title

SIZE, DPI = (12, 6.3), 100  # 1200 x 630 pixels


def page_cards(ctx: Context) -> dict[str, str]:
    """Which card a page shows, by the page's path from its language root (the site's card
    for every other page), from the editorial choices: the home page and the briefing show
    the headline target, the charts page its first chart, each embed its chart, the figures
    and targets pages the headline figure's card."""
    editorial = ctx.editorial
    cards = {"": "home", "briefing/": "home"}
    if editorial.charts:
        cards["charts/"] = f"chart-{editorial.charts[0].id}"
    if editorial.headline:
        cards |= {p: f"figure-{editorial.headline.id}" for p in ("targets/", "figures/")}
    return cards | {charts.embed_path(c.id): f"chart-{c.id}" for c in editorial.charts}


def path(name: str, lang: str) -> str:
    return f"cards/{name}-{lang}.png"


def names(ctx: Context) -> list[str]:
    return (
        ["site", "home"]
        + [f"chart-{c.id}" for c in ctx.editorial.charts]
        + [f"figure-{f.id}" for f in ctx.editorial.cards]
    )


def _value(ctx: Context, fig, lang: str) -> str:
    """The figure's value as the pages show it (French spacing included)."""
    return formatted_value(fig, Page(ctx, lang, ""))


def texts(ctx: Context, name: str, lang: str) -> dict[str, str]:
    """What a card says: its lines, and its alternative text."""
    language, site = ctx.languages[lang], ctx.config.site_name(lang)
    tagline = language.t("card_tagline")
    if name in ("site", "home"):
        fig = ctx.editorial.headline
        big = _value(ctx, fig, lang) if name == "home" else site
        label = language.text(fig, "label") if name == "home" else tagline
        alt = f"{site}. {big}: {label}." if name == "home" else f"{site}. {tagline}"
        return {"kicker": site if name == "home" else "", "big": big, "label": label,
                "foot": tagline if name == "home" else "", "alt": alt}  # fmt: skip
    if name.startswith("chart-"):
        title = language.text(charts.indicator_of(ctx, name.removeprefix("chart-")), "label")
        return {"kicker": site, "big": "", "label": title, "foot": "",
                "alt": f"{site}. {title}."}  # fmt: skip
    fig = ctx.data["figures"][name.removeprefix("figure-")]
    value, label = _value(ctx, fig, lang), language.text(fig, "label")
    source = language.t("card_source", source=source_title(ctx.data["sources"][fig.source_id], ctx))
    return {"kicker": site, "big": value, "label": label, "foot": source,
            "alt": f"{value}: {label}. {source}."}  # fmt: skip


def png(ctx: Context, name: str, lang: str) -> bytes:
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    t = texts(ctx, name, lang)
    with charts.drawing_style():
        fig = plt.figure(figsize=SIZE, dpi=DPI)
        fig.patch.set_facecolor("white")
        fig.add_artist(plt.Rectangle((0, 0), 0.012, 1, color=charts.BAR, transform=fig.transFigure))
        fig.text(0.05, 0.9, t["kicker"], fontsize=20, color=charts.BAR, weight="bold", va="top")
        if name.startswith("chart-"):
            fig.text(0.05, 0.8, t["label"], fontsize=26, weight="bold", va="top")
            chart_id = name.removeprefix("chart-")
            if charts.layout(ctx, chart_id).over_time:  # lines, their legend on the right
                ax = fig.add_axes((0.1, 0.12, 0.5, 0.56))
                charts.plot(ax, ctx, chart_id, lang, legend="right")
            else:  # bars, their labels on the left
                ax = fig.add_axes((0.3, 0.12, 0.62, 0.56))
                with plt.rc_context({"font.size": 14}):
                    charts.plot(ax, ctx, chart_id, lang)
        else:
            if t["big"]:
                fig.text(0.05, 0.72, t["big"], fontsize=72, weight="bold", va="top")
            label = "\n".join(textwrap.wrap(t["label"], 44))
            fig.text(0.05, 0.42 if t["big"] else 0.62, label, fontsize=30, va="top")
            foot = "\n".join(textwrap.wrap(t["foot"], 90))
            fig.text(0.05, 0.06, foot, fontsize=18, color="#4d4d4d", va="bottom")
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
        plt.close(fig)
    return out.getvalue()


def inputs(ctx: Context, name: str) -> tuple:
    """Every record a card reads besides the site's names and words: a chart's (charts.inputs),
    or a figure with its source, publisher and units (the headline's for the home card)."""
    if name.startswith("chart-"):
        return charts.inputs(ctx, name.removeprefix("chart-"))
    if name == "site":
        return ()
    fig = ctx.editorial.headline if name == "home" else ctx.data["figures"][name[len("figure-") :]]
    src = ctx.data["sources"][fig.source_id]
    return (fig, src, ctx.data["organisations"][src.publisher_id], ctx.data["units"])


def files(ctx: Context) -> dict[str, bytes]:
    """Every card, from the cache where its inputs, the site's names and the code are those
    it was drawn with (data/cache.py)."""
    cache = cache_of(ctx)
    return {
        path(n, lang): cache.get(
            "card", (inputs(ctx, n), ctx.config, lang, n), lambda n=n, lang=lang: png(ctx, n, lang)
        )
        for lang in ctx.languages
        for n in names(ctx)
    }


def card_for(ctx: Context, here: str, lang: str) -> dict:
    """The card of the page at `here` (its path from the site root), with its alt text."""
    local = here.removeprefix(ctx.config.prefix(lang))
    name = page_cards(ctx).get(local, "site")
    return {
        "image": ctx.urls.absolute(path(name, lang)),
        "alt": texts(ctx, name, lang)["alt"],
        "width": int(SIZE[0] * DPI),
        "height": int(SIZE[1] * DPI),
    }
