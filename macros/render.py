"""Render view models with the Jinja templates in macros/templates/ (all markup lives there)."""

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import charts, parts, paths, urls, views
from .load import load
from .views import Ctx


@cache
def templates() -> Environment:
    # Own environment, compiled once, with autoescape: data never reaches HTML unescaped.
    return Environment(
        loader=FileSystemLoader(paths.TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, ctx: Ctx, **values) -> str:
    return templates().get_template(template).render(ctx=ctx, **values)


HOME_FIGURES = (
    "ai-training-target-300000",
    "france-ai-investment-109bn",
    "eu-ai-investment-200bn",
    "france-ai-adoption-all",
    "denmark-ai-adoption-all",
    "eu-ai-adoption-target-2030",
)


def chart(indicator_id: str, ctx: Ctx) -> dict:
    indicator = load()["indicators"][indicator_id]
    bars, targets = charts.series(indicator_id, ctx.lang)
    return {
        "id": f"chart-{indicator_id}",
        "title": views.i18n.text(indicator, "label", ctx.lang),
        "src": ctx.link(f"assets/charts/{indicator_id}-{ctx.lang}.svg"),
        "alt": charts.alt_text(indicator_id, ctx.lang),
        "rows": [
            views.figure(f, ctx) | {"series": charts.bar_label(f, ctx.lang)} for f in bars + targets
        ],
        "sources": [
            views.source_link(s, ctx) for s in dict.fromkeys(f.source_id for f in bars + targets)
        ],
    }


def home_figures(ctx: Ctx) -> str:
    figures = [views.figure(load()["figures"][i], ctx) for i in HOME_FIGURES]
    return render(
        "figure_cards.html", ctx, figures=figures, more=ctx.link(urls.page("figures", ctx.lang))
    )


def latest_announcements(count: int = 5, ctx: Ctx | None = None) -> str:
    items = views.latest_announcements(ctx, count)
    return render(
        "announcement_list.html", ctx, items=items, more=ctx.link(urls.page("timeline", ctx.lang))
    )


def chart_block(indicator_id: str, ctx: Ctx) -> str:
    more = ctx.link(urls.page("charts", ctx.lang, f"chart-{indicator_id}"))
    return render("chart.html", ctx, chart=chart(indicator_id, ctx), more=more)


def all_charts(ctx: Ctx) -> str:
    return "\n\n".join(render("chart.md", ctx, chart=chart(i, ctx)) for i in charts.CHARTS)


# The pager links the first and last parts and this many on each side of the current one.
PAGER_WINDOW = 3


def pager(listing: str, part: int, ctx: Ctx) -> dict | None:
    """Links to the parts of a long listing (its page shares its name), or None if one part.

    A window around the current part, plus the first and last: listing all of them made the
    pager itself the bulk of the page at 1,000 parts (bench/).
    """
    total = parts.count(listing)
    if total == 1:
        return None
    shown = {1, total, *range(max(1, part - PAGER_WINDOW), min(total, part + PAGER_WINDOW) + 1)}
    links, previous = [], 0
    for n in sorted(shown):
        if n > previous + 1:
            links.append({"gap": True})
        links.append(
            {
                "n": n,
                "href": ctx.link(urls.page(listing, ctx.lang, part=n)),
                "current": n == part,
                "gap": False,
            }
        )
        previous = n
    return {"links": links, "label": ctx.t("pages_label", part=part, count=total)}


def _listing(listing: str, template: str, name: str, rows, part: int, ctx: Ctx) -> str:
    """One part of a long listing: its rows under `name`, with the pager."""
    return render(template, ctx, **{name: rows}, pager=pager(listing, part, ctx))


def key_figures(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing(
        "figures", "figures.md", "groups", views.figures_by_indicator(ctx, part), part, ctx
    )


def targets(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing("targets", "targets.md", "targets", views.targets(ctx, part), part, ctx)


def timeline(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing("timeline", "timeline.md", "years", views.timeline(ctx, part), part, ctx)


def organisations(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing(
        "organisations",
        "organisations.html",
        "organisations",
        views.organisations(ctx, part),
        part,
        ctx,
    )


def organisation_page(org_id: str, ctx: Ctx) -> str:
    return render("organisation.md", ctx, org=views.organisation(org_id, ctx))


def people(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing("people", "people.html", "people", views.people(ctx, part), part, ctx)


def person_page(person_id: str, ctx: Ctx) -> str:
    return render("person.md", ctx, person=views.person(person_id, ctx))


def sources(part: int = 1, ctx: Ctx | None = None) -> str:
    return _listing("sources", "sources.md", "sources", views.sources(ctx, part), part, ctx)


def dictionary(ctx: Ctx) -> str:
    return render(
        "dictionary.md",
        ctx,
        resources=views.dictionary(ctx),
        package=ctx.link("data/datapackage.json"),
    )


def data_page(ctx: Ctx) -> str:
    return render("data.md", ctx, data=views.data_page(ctx))
