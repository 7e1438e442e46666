"""Render view models with the Jinja templates in templates/ (all markup lives there).

Two kinds of output: fragments for the macros of hand-written prose pages, and whole page
bodies for generated pages (record pages and parts 2..n of listings). Both are HTML straight
from Jinja; Python-Markdown never parses them.
"""

import hashlib
import re
from html import unescape

from jinja2 import (
    DictLoader,
    Environment,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from ..data import paths
from ..data.cache import template_cache
from ..data.listings import LISTINGS, RECORD_PAGES
from ..publish import api, calendar, feeds
from ..publish.csv_files import csv_path
from . import charts
from .page import Page
from .views import announcements, commitments, figures, organisations, sources
from .views.data_page import data_page as data_page_view
from .views.dictionary import dictionary as dictionary_view
from .views.figures import formatted_value
from .views.links import source_link
from .views.sql_page import sql_page as sql_page_view

# The view model of one part of each listing (data/listings.py names the listings).
LISTING_VIEWS = {
    "figures": figures.figures_by_indicator,
    "targets": figures.targets,
    "commitments": commitments.by_status,
    "timeline": announcements.timeline,
    "organisations": organisations.organisations,
    "people": organisations.people,
    "sources": sources.sources,
}
# Values a listing's template needs besides its rows: extras(items of the part, page).
LISTING_EXTRAS = {"commitments": commitments.filters}
RECORD_VIEWS = {"organisations": organisations.organisation, "people": organisations.person}
assert LISTING_VIEWS.keys() == LISTINGS.keys() and RECORD_VIEWS.keys() == RECORD_PAGES.keys()

# What fits on one A4 page beside the figures and the chart.
ONE_PAGE_ANNOUNCEMENTS = 4
# The pager links the first and last parts and this many on each side of the current one.
PAGER_WINDOW = 3


class ViewEnvironment(Environment):
    """Jinja for view models, which are plain dicts: `f.label` reads the key first.

    Jinja tries the attribute first and falls back to the key, raising and catching an
    AttributeError for every dict lookup: a tenth of the build time at the benchmark's M scale.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def templates() -> Environment:
    """The build's templates, read once into memory and compiled from there: what a build
    renders is what `sources_key` names (the cache's key, outputs/code.py), even if a file is
    edited meanwhile. With autoescape: data never reaches HTML unescaped."""
    sources = {
        p.relative_to(paths.TEMPLATES).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(paths.TEMPLATES.rglob("*.html"))
    }
    env = ViewEnvironment(
        loader=DictLoader(sources),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the sources are this build's
    )
    env.bytecode_cache = template_cache(env)  # data/cache.py
    env.sources_key = hashlib.sha256(repr(sorted(sources.items())).encode()).hexdigest()
    return env


def environment(ctx) -> Environment:
    """The build's templates (made once a build)."""
    return ctx.products.templates.get(templates)


def render(template: str, page: Page, **values) -> str:
    return environment(page.build).get_template(template).render(page=page, **values)


# --- pieces of prose pages ---------------------------------------------------------------


def chart(chart_id: str, page: Page) -> dict:
    build = page.build
    lay = charts.layout(build, chart_id)
    drawn = lay.marks()
    title = page.fmt.text(charts.indicator_of(build, chart_id), "label")
    shown = [f for _, f in drawn] + lay.set_aside
    sources = [source_link(s, page) for s in dict.fromkeys(f.source_id for f in shown)]
    value_of = lambda f: formatted_value(f, page)  # noqa: E731
    sizes = charts.sizes(build)
    files = [
        {
            "format": ext.upper(),
            "href": page.link(p),
            "name": p.rsplit("/", 1)[-1],
            "size": page.fmt.size(sizes[p]),
        }
        for ext in charts.FORMATS
        if (p := charts.path(chart_id, page.lang, ext)) in sizes
    ]
    chart_page = page.absolute(page.urls.page("charts", page.lang, f"chart-{chart_id}"))
    embed = page.absolute(page.urls.site_path(page.lang, charts.embed_path(chart_id)))
    return {
        "id": f"chart-{chart_id}",
        "title": title,
        "src": page.link(charts.path(chart_id, page.lang)),
        "files": files,
        "citation": page.t(
            "chart_citation",
            site=build.config.site_name(page.lang),
            title=title,
            version=build.version,
            date=page.fmt.day(build.released, "day"),
            url=chart_page,
            sources=page.fmt.join([s["text"] for s in sources]),
        ),
        # The snippet (templates/components.html) names the language version in its address.
        "embed_src": embed,
        "embed_height": charts.embed_height(build, chart_id),
        "page": chart_page,
        "alt": charts.alt_text(build, chart_id, page.lang, value_of),
        "notes": charts.notes(build, chart_id, page.lang, value_of),
        # The data table: what is drawn, in the CSV's order.
        "rows": [
            figures.figure(f, page) | {"series": charts.mark_label(build, lay, f, page.lang)}
            for _, f in drawn
        ],
        "sources": sources,
    }


def home_figures(page: Page) -> str:
    return render(
        "figure_cards.html",
        page,
        figures=figures.home_figures(page),
        more=page.link(page.urls.page("figures", page.lang)),
    )


def sources_differ(page: Page) -> str:
    """The figures page's list of every place where sources differ."""
    return render("sources_differ.html", page, groups=figures.all_differences(page))


def search_box(page: Page) -> str:
    # Each language's Pagefind bundles are at its own root (generator/search.py): the main
    # one, and the record pages' one, which the interface merges with it.
    bundle = page.build.urls.site_path(page.lang, "pagefind/")
    records = page.build.urls.site_path(page.lang, "pagefind-records/")
    return render("search.html", page, bundle=page.link(bundle), records=page.link(records))


def one_page_briefing(page: Page) -> str:
    """The briefing on one A4 page: the headline target, the other key figures with their
    sources, the adoption chart and the latest announcements, all from the data."""
    build = page.build
    cards = figures.home_figures(page)
    return render(
        "briefing.html",
        page,
        headline=cards[0],
        figures=cards[1:],
        chart=chart(build.editorial.home_chart.id, page),
        announcements=announcements.latest(ONE_PAGE_ANNOUNCEMENTS, page),
        version=build.version,
        released=page.fmt.day(build.released, "day"),
        address=page.absolute(page.urls.page("home", page.lang)),
    )


def latest_announcements(count: int, page: Page) -> str:
    return render(
        "announcement_list.html",
        page,
        items=announcements.latest(count, page),
        more=page.link(page.urls.page("timeline", page.lang)),
    )


def commitment_counts(page: Page) -> str:
    return render("commitment_counts.html", page, counts=commitments.counts(page))


def commitment_downloads(page: Page) -> str:
    """The commitments in every form they are published in, linked from their page."""
    lang, urls = page.lang, page.urls
    files = [
        ("file_commitments_csv", csv_path("commitments")),
        ("file_outcomes_csv", csv_path("outcomes")),
        ("file_commitments_api", api.resource_path("commitments")),
        ("file_calendar", calendar.calendar_path(lang)),
        ("file_commitments_feed", feeds.commitments_feed_path(page.build, lang)),
    ]
    links = [{"text": page.t(key), "href": page.link(path)} for key, path in files]
    return render(
        "commitment_downloads.html", page, links=links, data=page.link(urls.page("data", lang))
    )


def chart_block(page: Page, chart_id: str | None = None) -> str:
    """A chart with a link to all charts: by default the home chart (charts.csv)."""
    chart_id = chart_id or page.build.editorial.home_chart.id
    more = page.link(page.urls.page("charts", page.lang, f"chart-{chart_id}"))
    return render("chart_block.html", page, chart=chart(chart_id, page), more=more)


def all_charts(page: Page) -> str:
    return "\n".join(
        render("chart.html", page, chart=chart(c.id, page)) for c in page.build.editorial.charts
    )


def dictionary(page: Page) -> str:
    return render(
        "dictionary.html",
        page,
        resources=dictionary_view(page),
        package=page.link("data/datapackage.json"),
    )


def data_page(page: Page) -> str:
    return render("data.html", page, data=data_page_view(page))


def sql_explorer(page: Page) -> str:
    return render("sql.html", page, data=sql_page_view(page))


# --- numbers and dates inside prose sentences ----------------------------------------------


class UnknownRecord(LookupError):
    """A prose page names a record the package does not hold (renamed or removed)."""


def named(resource: str, record_id: str, page: Page):
    """The record a prose page names, or an error that says which and where."""
    try:
        return page.data[resource][record_id]
    except KeyError:
        raise UnknownRecord(
            f"{page.here or '/'} : « {record_id} » n'est pas dans {resource}.csv (renommé ou "
            f"retiré ? corrigez la page docs/…md) / “{record_id}” is not in {resource}.csv "
            f"(renamed or removed? fix the docs/…md page)"
        ) from None


def figure_value(figure_id: str, page: Page, bare: bool = False) -> Markup:
    """A figure's value as written in a sentence, linked to the figure and its quotation;
    bare: the quantity alone, without "a year" or "more than"."""
    fig = named("figures", figure_id, page)
    unit = page.data["units"][fig.unit]
    text = page.fmt.quantity(fig.value, unit) if bare else formatted_value(fig, page)
    href = page.link(page.urls.figure(figure_id, page.lang))
    return Markup('<a href="{}">{}</a>').format(href, text)


def figure_deadline(figure_id: str, page: Page) -> str:
    fig = named("figures", figure_id, page)
    return escape(page.fmt.day(fig.deadline, fig.deadline_precision))


def event_date(announcement_id: str, page: Page) -> str:
    return escape(announcements.when(named("announcements", announcement_id, page), page))


# --- listings and record pages -----------------------------------------------------------


def pager(listing: str, part: int, page: Page) -> dict | None:
    """Links to the parts of a long listing, or None if it has one part.

    A window around the current part, plus the first and last: listing all of them made the
    pager itself the bulk of the page at 1,000 parts (bench/).
    """
    total = page.build.parts.count(listing)
    if total == 1:
        return None
    shown = {1, total, *range(max(1, part - PAGER_WINDOW), min(total, part + PAGER_WINDOW) + 1)}
    links, previous = [], 0
    for n in sorted(shown):
        if n > previous + 1:
            links.append({"gap": True})
        href = page.link(page.urls.page(listing, page.lang, part=n))
        links.append({"n": n, "href": href, "current": n == part, "gap": False})
        previous = n
    return {"links": links, "label": page.t("pages_label", part=part, count=total)}


def listing(name: str, part: int, page: Page) -> str:
    """One part of a long listing, with its pager."""
    return listing_body(name, listing_view(name, part, page), page)


def listing_view(name: str, part: int, page: Page) -> dict:
    """What one part of a listing shows: its rows, its pager, what its template needs besides."""
    items = page.build.parts.items(name, part)
    return {
        "rows": LISTING_VIEWS[name](items, page),
        "pager": pager(name, part, page),
        "extra": LISTING_EXTRAS[name](items, page) if name in LISTING_EXTRAS else None,
    }


def listing_body(name: str, view: dict, page: Page) -> str:
    return render(LISTINGS[name].template, page, **view)


def listing_part_view(name: str, part: int, page: Page) -> dict:
    """What a generated page for part 2..n of a listing shows."""
    return {"title": part_title(name, part, page), "listing": listing_view(name, part, page)}


def listing_part_page(name: str, view: dict, page: Page) -> str:
    body = listing_body(name, view["listing"], page)
    return render("listing_part.html", page, title=view["title"], body=body)


def part_title(name: str, part: int, page: Page) -> str:
    total = page.build.parts.count(name)
    return page.t("part_title", title=page.t(f"list_{name}"), part=part, count=total)


def record_page(resource: str, record_id: str, page: Page) -> str:
    """A record's page."""
    return record_page_html(resource, record_page_view(resource, record_id, page), page)


def record_page_view(resource: str, record_id: str, page: Page) -> dict:
    return {"record": RECORD_VIEWS[resource](record_id, page)}


def record_page_html(resource: str, view: dict, page: Page) -> str:
    return render(RECORD_PAGES[resource].template, page, **view)


# --- table of contents -------------------------------------------------------------------

HEADING = re.compile(r'<h([23]) id="([^"]+)"([^>]*)>(.*?)</h\1>', re.S)
LANG = re.compile(r'\blang="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


def headings(html: str) -> list[tuple[int, str, str, str | None]]:
    """(level, id, text, lang) of the h2 and h3 headings that have an id; lang is the
    heading's own lang attribute, if any. The text is plain (unescaped) text."""
    out = []
    for m in HEADING.finditer(html):
        lang = LANG.search(m[3])
        text = unescape(TAG.sub("", m[4])).replace("¶", "").strip()
        out.append((int(m[1]), m[2], text, lang[1] if lang else None))
    return out


def toc_label(text: str, lang: str | None) -> str:
    """A table-of-contents entry as the theme prints it (HTML, not escaped by the theme)."""
    if lang:
        return Markup('<span lang="{}">{}</span>').format(lang, text)
    return str(escape(text))
