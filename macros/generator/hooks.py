"""MkDocs hooks: start the build context, add the generated pages, render them, and publish
the downloads and charts. Runs once per language pass (mkdocs-static-i18n)."""

import re
import shutil
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import mkdocs.plugins
from mkdocs.structure.toc import AnchorLink, TableOfContents

# MkDocs loads hooks by path: the project must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.generator import config as build_config  # noqa: E402
from macros.generator import context as build_context  # noqa: E402
from macros.generator import record_pages, search  # noqa: E402
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


def on_serve(server, config, builder):
    # The package may live outside the project (BRIEFING_PACKAGE): watch its folder too.
    server.watch(str(build_config.package_path().parent))
    return server


def on_pre_build(config):
    build_context.start(config)


@mkdocs.plugins.event_priority(-200)
def on_files(files, config):
    # After static-i18n (-100) has sorted this language's files.
    build = build_context.current(config)
    if isinstance(build, Invalid):
        return files
    lang = build_context.language(config)
    build.products.setdefault("generated", {}).update(
        record_pages.add_files(build, files, config, lang)
    )
    # The first pass starts writing the downloads and the rest beside the pages: after MkDocs
    # has cleaned the site folder, before the pages render (generator/publishing.py). The data
    # page, which lists the downloads, renders last, once their list is likely to be ready.
    build.once("publication", lambda: Publication(build, Path(config.site_dir)))
    data_page = build.urls.page("data", lang)
    for file in [f for f in files.documentation_pages() if f.url == data_page]:
        files.remove(file)
        files.append(file)
    return files


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
    lang = build_context.language(config)
    generated = build.products.get("generated", {}).get(page.file.src_uri)
    fragments = build.products.get("fragments", {}).pop(page.url, None)
    if generated is None and fragments is None:
        # Prose and data alike, in one place: the French pages get French spacing.
        return search.mark_content(build.languages[lang].typeset_html(html))
    ctx = Page(build, lang, page.url)
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
        lang = build_context.language(config)
        page.meta["card"] = cards.card_for(build, page.url, lang) | {
            # Generated pages' titles and descriptions come escaped for the theme.
            "title": config.site_name
            if page.url == build.config.prefix(lang)
            else unescape(page.title or ""),
            "description": unescape(page.meta.get("description") or config.site_description or ""),
            "locale": build.languages[lang].og_locale,
            "alternates": [build.languages[o].og_locale for o in build.languages if o != lang],
        }
    return context


def on_post_template(output, template_name, config):
    # Every language build writes the root 404.html (static-i18n issue #284): keep the
    # default language's. An empty output makes MkDocs skip the file.
    default = config.plugins["i18n"].default_language
    if template_name == "404.html" and build_context.language(config) != default:
        return ""
    return security.add_csp(output) if template_name.endswith(".html") else output


def on_post_page(output, page, config):
    return security.add_csp(output)


def on_template_context(context, template_name, config):
    # static-i18n leaves the 404 page's language links pointing at the last page built
    # (its issue #284): point them at each language's home instead.
    if template_name == "404.html":
        default = config.plugins["i18n"].default_language
        root = urlsplit(config.site_url or "/").path or "/"
        # static-i18n sets the per-page links as an attribute of `extra`, which templates read.
        for alt in getattr(config.extra, "alternate", None) or []:
            alt["link"] = root + ("" if alt["lang"] == default else f"{alt['lang']}/")
    return context


@mkdocs.plugins.event_priority(-200)
def on_post_build(config):
    # After static-i18n (-100), whose first pass builds every other language in its own
    # on_post_build: once it is done (no longer `building`), the whole site is there.
    build = build_context.current(config)
    root = Path(config.site_dir)
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    if not isinstance(build, Invalid):
        build.products["publication"].finish()
        search.index(root)
    # Material's language switcher fetches <language>/sitemap.xml; static-i18n writes one
    # sitemap (with every language's pages) at the root only.
    for lang in i18n.build_languages:
        if lang == i18n.default_language:
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (root / name).exists() and (root / lang).is_dir():
                shutil.copyfile(root / name, root / lang / name)
