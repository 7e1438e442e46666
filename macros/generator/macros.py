"""The macros of the hand-written prose pages (docs/*.md).

Every macro leaves a placeholder in the Markdown and keeps its HTML aside; the plugin puts
the HTML in place after Python-Markdown has run (plugin.py, on_page_content), so a macro's
output is never parsed as Markdown. A block macro's placeholder is a comment on its own
paragraph; an inline one's (a number or date inside a sentence) is a number between two
private-use characters, which no Markdown syntax starts or ends with: an output such as
"2030" before a full stop at a line start can no longer open a numbered list.
"""

import re

from markupsafe import escape

from ..pages import render
from ..pages.page import Page
from .config import language

BLOCK = "<!-- briefing-fragment {n} -->"
INLINE = "\ue000{n}\ue001"
PLACEHOLDER = re.compile(r"<!-- briefing-fragment (\d+) -->|\ue000(\d+)\ue001")


def put_in_place(html: str, fragments: list[str]) -> str:
    """The page's HTML with each placeholder replaced by its macro's output."""
    return PLACEHOLDER.sub(lambda m: fragments[int(m[1] or m[2])], html)


def define_env(env):
    def current_page() -> Page:
        # The page being rendered, with this build's context (generator/plugin.py).
        build, lang = env.conf.plugins["briefing"].context, language(env.conf)
        # MkDocs' page.url is from this language's root.
        return Page(build, lang, build.urls.site_path(lang, env.page.url))

    def kept(page: Page, html: str, placeholder: str) -> str:
        pending = page.build.products.fragments.setdefault(page.here, [])
        pending.append(html)
        return placeholder.format(n=len(pending) - 1)

    def fragment(make):
        def macro(*args, **kwargs):
            page = current_page()
            # Blank lines around: Python-Markdown keeps a lone comment as a raw HTML block.
            return "\n\n" + kept(page, make(*args, page=page, **kwargs), BLOCK) + "\n\n"

        return macro

    def inline(make):
        def macro(*args, **kwargs):
            page = current_page()
            return kept(page, str(escape(make(page, *args, **kwargs))), INLINE)

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
        "sql_explorer": lambda page: render.sql_explorer(page),
    }
    # Part 1 of each listing sits on its prose page: {{ listing("figures") }}.
    macros["listing"] = lambda name, page: render.listing(name, 1, page)
    for name, make in macros.items():
        env.macro(fragment(make), name)
    # Inline, inside a sentence: words, numbers and dates of the prose come from the data.
    inline_macros = {
        "t": lambda page, key, **params: page.t(key, **params),
        "figure_value": lambda page, figure_id, bare=False: render.figure_value(
            figure_id, page, bare
        ),
        "figure_deadline": lambda page, figure_id: render.figure_deadline(figure_id, page),
        "event_date": lambda page, announcement_id: render.event_date(announcement_id, page),
        "package_version": lambda page: page.build.version,
    }
    for name, make in inline_macros.items():
        env.macro(inline(make), name)
