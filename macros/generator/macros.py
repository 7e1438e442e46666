"""The macros of the hand-written prose pages (docs/*.md).

A macro renders its HTML with Jinja and leaves a placeholder comment in the Markdown; the hook
puts the HTML in place after Python-Markdown has run (plugin.py, on_page_content), so generated
markup is never parsed as Markdown.
"""

from ..pages import render
from ..pages.page import Page
from .config import language

PLACEHOLDER = "<!-- briefing-fragment {n} -->"


def define_env(env):
    def current_page() -> Page:
        # The page being rendered, with this build's context (generator/plugin.py).
        build, lang = env.conf.plugins["briefing"].build, language(env.conf)
        # MkDocs' page.url is from this language's root.
        return Page(build, lang, build.urls.site_path(lang, env.page.url))

    def fragment(make):
        def macro(*args, **kwargs):
            page = current_page()
            html = make(*args, page=page, **kwargs)
            pending = page.build.products.fragments.setdefault(page.here, [])
            pending.append(html)
            # Blank lines around: Python-Markdown keeps a lone comment as a raw HTML block.
            return "\n\n" + PLACEHOLDER.format(n=len(pending) - 1) + "\n\n"

        return macro

    macros = {
        "home_figures": lambda page: render.home_figures(page),
        "one_page_briefing": lambda page: render.one_page_briefing(page),
        "search_box": lambda page: render.search_box(page),
        "sources_differ": lambda page: render.sources_differ(page),
        "latest_announcements": lambda count=5, page=None: render.latest_announcements(count, page),
        "commitment_counts": lambda page: render.commitment_counts(page),
        "commitment_downloads": lambda page: render.commitment_downloads(page),
        "chart_block": lambda chart_id=None, page=None: render.chart_block(page, chart_id),
        "all_charts": lambda page: render.all_charts(page),
        "dictionary": lambda page: render.dictionary(page),
        "data_page": lambda page: render.data_page(page),
    }
    # Part 1 of each listing sits on its prose page: {{ listing("figures") }}.
    macros["listing"] = lambda name, page: render.listing(name, 1, page)
    for name, make in macros.items():
        env.macro(fragment(make), name)
    env.macro(lambda key, **params: current_page().t(key, **params), "t")
    # Inline, inside a sentence: numbers and dates of the prose come from the data.
    env.macro(
        lambda figure_id, bare=False: render.figure_value(figure_id, current_page(), bare),
        "figure_value",
    )
    env.macro(
        lambda figure_id: render.figure_deadline(figure_id, current_page()), "figure_deadline"
    )
    env.macro(
        lambda announcement_id: render.event_date(announcement_id, current_page()), "event_date"
    )
    env.macro(lambda: current_page().build.version, "package_version")
