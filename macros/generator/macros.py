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
    def page() -> Page:
        # This build's context, on the generator's plugin (generator/plugin.py).
        build, lang = env.conf.plugins["briefing"].build, language(env.conf)
        # MkDocs' page.url is from this language's root.
        return Page(build, lang, build.urls.site_path(lang, env.page.url))

    def fragment(make):
        def macro(*args, **kwargs):
            ctx = page()
            html = make(*args, ctx=ctx, **kwargs)
            pending = ctx.build.products.fragments.setdefault(ctx.here, [])
            pending.append(html)
            # Blank lines around: Python-Markdown keeps a lone comment as a raw HTML block.
            return "\n\n" + PLACEHOLDER.format(n=len(pending) - 1) + "\n\n"

        return macro

    macros = {
        "home_figures": lambda ctx: render.home_figures(ctx),
        "one_page_briefing": lambda ctx: render.one_page_briefing(ctx),
        "search_box": lambda ctx: render.search_box(ctx),
        "sources_differ": lambda ctx: render.sources_differ(ctx),
        "latest_announcements": lambda count=5, ctx=None: render.latest_announcements(count, ctx),
        "commitment_counts": lambda ctx: render.commitment_counts(ctx),
        "commitment_downloads": lambda ctx: render.commitment_downloads(ctx),
        "chart_block": lambda chart_id=None, ctx=None: render.chart_block(ctx, chart_id),
        "all_charts": lambda ctx: render.all_charts(ctx),
        "dictionary": lambda ctx: render.dictionary(ctx),
        "data_page": lambda ctx: render.data_page(ctx),
    }
    # Part 1 of each listing sits on its prose page: {{ listing("figures") }}.
    macros["listing"] = lambda name, ctx: render.listing(name, 1, ctx)
    for name, make in macros.items():
        env.macro(fragment(make), name)
    env.macro(lambda key, **params: page().t(key, **params), "t")
    # Inline, inside a sentence: numbers and dates of the prose come from the data.
    env.macro(
        lambda figure_id, bare=False: render.figure_value(figure_id, page(), bare), "figure_value"
    )
    env.macro(lambda figure_id: render.figure_deadline(figure_id, page()), "figure_deadline")
    env.macro(lambda announcement_id: render.event_date(announcement_id, page()), "event_date")
    env.macro(lambda: page().build.version, "package_version")
