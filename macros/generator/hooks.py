"""MkDocs hooks: start the build context, add the generated pages, render them, and publish
the downloads and charts. Every language is a build of its own (mkdocs.yml for the default,
mkdocs.<lang>.yml for the others, started by the default's: languages.py); these hooks run
in each, for that language."""

import re
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import mkdocs.plugins
from mkdocs.structure.toc import AnchorLink, TableOfContents

# MkDocs loads hooks by path: the project must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.format.language import catalogue  # noqa: E402
from macros.generator import config as build_config  # noqa: E402
from macros.generator import context as build_context  # noqa: E402
from macros.generator import languages, record_pages, search  # noqa: E402
from macros.generator.macros import PLACEHOLDER  # noqa: E402
from macros.generator.publishing import Publication  # noqa: E402
from macros.pages import cards, render, security  # noqa: E402
from macros.pages.page import Page  # noqa: E402
from macros.pages.problems import problems_page  # noqa: E402

Invalid = build_context.Invalid
PROBLEMS = "<!-- briefing-problems -->"

FRAGMENT = re.compile(re.escape(PLACEHOLDER).replace(r"\{n\}", r"(\d+)"))


def on_startup(command, dirty):
    build_context.COMMAND["name"] = command


def on_config(config):
    """This language's name, description and copyright line, from its catalogue; its
    address (another language lives at <site>/<lang>/); the language switcher's entries."""
    lang = build_config.language(config)
    words = catalogue(lang)
    config.site_name = words["site_name"]
    config.site_description = words["site_description"]
    config.copyright = words["site_copyright"]
    config.site_url = build_config.language_url(config)
    # Material shows its language switcher when extra.alternate is set. Every page has the
    # same address under each language's home (docs/<page>.md and <page>.<lang>.md, a test
    # checks; the generated pages are made in each): the switcher (overrides/partials/
    # alternate.html) and the sitemap's hreflang links add the page's address to these.
    site = build_config.site_config(config)
    config.extra["alternate"] = [
        {
            "lang": code,
            "name": catalogue(code)["language_own_name"],
            "link": urlsplit(site.base).path + site.prefix(code),
            "href": site.base + site.prefix(code),
        }
        for code in site.languages
    ]
    return config


def on_serve(server, config, builder):
    # The package may live outside the project (BRIEFING_PACKAGE): watch its folder too, and
    # the other languages' configurations.
    server.watch(str(build_config.package_path().parent))
    for lang in build_config.languages(config)[1:]:
        server.watch(str(build_config.config_file(config, lang)))
    return server


def on_pre_build(config):
    if driving(config) and build_context.current(config) is None:
        # The publisher and the other languages' builds start now: their start and imports
        # overlap the validation and read of the package, handed to them at on_files.
        others = build_config.languages(config)[1:]
        publication = Publication(Path(config.site_dir), others)
        running = Running(publication, languages.LanguageBuilds(config, publication.receivers))
        setattr(config, RUNNING, running)
    build_context.start(config)


def driving(config) -> bool:
    """Whether this is the default language's build, which starts the others and publishes."""
    return build_config.language(config) == build_config.languages(config)[0]


@mkdocs.plugins.event_priority(-200)
def on_files(files, config):
    # Last, after every plugin's own files.
    build = build_context.current(config)
    lang = build_config.language(config)
    languages.own_pages(files, config)
    running = getattr(config, RUNNING, None)
    if running is not None:
        # After MkDocs has cleaned the site folder and before the pages render: the files
        # besides the pages (generator/publishing.py) and the other languages' builds get
        # the context. With an invalid package (live preview) nothing is published; every
        # language shows the problems.
        data = build_context.packed(build)
        valid = not isinstance(build, Invalid)
        running.publication.hand(build if valid else None, data if valid else None)
        running.languages.hand(data)
    if isinstance(build, Invalid):
        return files
    prose = list(files.documentation_pages())
    build.products.generated.update(record_pages.add_files(build, files, config, lang))
    # MkDocs renders the pages in this order. The prose pages show what the publisher makes
    # (charts' sizes, the downloads' lists): they render after the generated pages, which do
    # not, and the data page, which lists every download, last.
    data_page = unprefixed(build, lang, build.urls.page("data", lang))
    for file in sorted(prose, key=lambda f: f.url == data_page):
        files.remove(file)
        files.append(file)
    return files


RUNNING = "briefing_running"


@dataclass(frozen=True)
class Running:
    """What the default language's build started and joins at its end."""

    publication: Publication
    languages: languages.LanguageBuilds


def unprefixed(build, lang: str, path: str) -> str:
    """A site path as this language's build names it (its pages live under its prefix)."""
    return path.removeprefix(build.config.prefix(lang))


def here(build, lang: str, page) -> str:
    """The page's path from the site's root (MkDocs' page.url is from this language's)."""
    return build.urls.site_path(lang, page.url)


@mkdocs.plugins.event_priority(100)
def on_page_markdown(markdown, page, config, files):
    # Before the macros plugin: with an invalid package (live preview), no macro can run.
    if isinstance(build_context.current(config), Invalid):
        return PROBLEMS
    return markdown


def on_page_content(html, page, config, files):
    build = build_context.current(config)
    if isinstance(build, Invalid):
        return problems_page(build.problems, build.package)
    lang = build_config.language(config)
    path = here(build, lang, page)
    generated = build.products.generated.get(page.file.src_uri)
    fragments = build.products.fragments.pop(path, None)
    if generated is None and fragments is None:
        # Prose and data alike, in one place: the French pages get French spacing.
        return search.mark_content(build.languages[lang].typeset_html(html))
    ctx = Page(build, lang, path)
    if generated is not None:
        html = generated.render(ctx)
    else:
        html = FRAGMENT.sub(lambda m: fragments[int(m[1])], html)
    html = build.languages[lang].typeset_html(html)
    page.toc = table_of_contents(html)  # from the typeset headings
    return search.mark_content(html)


def table_of_contents(html: str) -> TableOfContents:
    """The page's h2 and h3 headings, the h3s under the h2 before them, as the documented
    classes page.toc is made of (not MkDocs' internal token parser)."""
    links: list[AnchorLink] = []
    for level, anchor, text, lang in render.headings(html):
        link = AnchorLink(render.toc_label(text, lang), anchor, level)
        if level == 3 and links:
            links[-1].children.append(link)
        else:
            links.append(link)
    if links:
        links[0].active = True  # as MkDocs marks the first entry
    return TableOfContents(links)


def on_page_context(context, page, config, nav):
    # The page's preview card (Open Graph, Twitter): overrides/main.html prints it, escaped.
    build = build_context.current(config)
    if not isinstance(build, Invalid):
        lang = build_config.language(config)
        path = here(build, lang, page)
        page.meta["card"] = cards.card_for(build, path, lang) | {
            # Generated pages' titles and descriptions come escaped for the theme.
            "title": config.site_name if page.is_homepage else unescape(page.title or ""),
            "description": unescape(page.meta.get("description") or config.site_description or ""),
            "locale": build.languages[lang].og_locale,
            "alternates": [build.languages[o].og_locale for o in build.languages if o != lang],
        }
    return context


def on_post_template(output, template_name, config):
    return security.add_csp(output) if template_name.endswith(".html") else output


def on_post_page(output, page, config):
    return security.add_csp(output)


def on_post_build(config):
    # The default language's build waits for the others (each has indexed its own pages by
    # then) and for the publisher, then indexes its own pages: one index at a time.
    running = getattr(config, RUNNING, None)
    if running is not None:
        running.languages.finish()
        running.publication.finish()
    if not isinstance(build_context.current(config), Invalid):
        others = build_config.languages(config)[1:] if driving(config) else ()
        search.index(Path(config.site_dir), others)
