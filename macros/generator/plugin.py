"""The site generator: one MkDocs plugin, the only code that knows MkDocs' events.

Every language is a build of its own (mkdocs.yml for the default, mkdocs.<lang>.yml for the
others); this plugin runs in each. The default language's build validates and reads the
package once, starts the other languages' builds and the publishing process (languages.py,
publishing.py) and hands them the context; each language's build adds its generated pages and
renders them and the prose pages' fragments; the default language's build then indexes every
language's pages for search, one after the other.

All of a build's state lives on the plugin instance and is replaced when a build starts
(`on_pre_build` sets its context, `on_files` its end of the publisher's pipe): `mkdocs serve`
keeps a plugin that has `on_startup` across rebuilds, so no data outlives the build that read
it. What does outlive a build, under `mkdocs serve` only, is the other languages' and the
publisher's processes (`workers`), which get each build's context and number and are stopped
when the server stops, and what the current build has written (`written`): a preview's build
ends when every language's pages are written, the publisher's files and the search indexes
follow (serving.py). A move to another generator rewrites this class.
"""

import logging
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..check.report import as_text
from ..check.validate import checked
from ..data.cache import template_cache
from ..data.context import Context
from ..data.releases import FIXES, NO_HISTORY, read_history
from ..format.language import both_languages, catalogue
from ..pages import cards, render, security
from ..pages.page import Page
from ..pages.problems import problems_page
from . import config as build_config
from . import languages, record_pages, search, serving
from .context import Invalid, packed
from .macros import put_in_place
from .publishing import Job, Publication, Receiver

log = logging.getLogger("mkdocs.briefing")
PROBLEMS = "<!-- briefing-problems -->"


class BriefingConfig(base.Config):
    """The plugin's options in mkdocs.yml (`plugins: - briefing: …`)."""

    # The site's languages, the default first; each other one has its mkdocs.<lang>.yml.
    languages = c.ListOfItems(c.Type(str), default=["fr", "en"])
    # The data package the site is built from, relative to mkdocs.yml (mkdocs.yml takes
    # BRIEFING_PACKAGE, the benchmark's and the tests' packages, where it is set).
    package = c.Type(str, default="datapackage/datapackage.json")
    # Whether to read the package's releases from git (off for fixture packages that sit in
    # this repository, whose history is not theirs).
    history = c.Type(bool, default=True)


@dataclass(frozen=True)
class Workers:
    """The processes the default language's build works with: the publisher and the other
    languages' builds."""

    publication: Publication
    languages: languages.LanguageBuilds

    def alive(self) -> bool:
        return self.publication.alive() and self.languages.alive()

    def stop(self) -> None:
        self.languages.stop()
        self.publication.stop()


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.command = "build"  # told by on_startup; a language's process is told by its parent
        self.workers: Workers | None = None  # kept between the builds of a preview
        self.number = 0  # this build's number: the workers' messages carry it
        self.build: Context | Invalid | None = None  # this build's context
        self.handed: Context | Invalid | None = None  # one handed by the default language
        self.receiver: Receiver | None = None  # this build's end of the publisher's pipe
        self.written = serving.Written()  # what the current build has written (serving.py)

    # --- where this build stands --------------------------------------------------------------

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def language(self, config) -> str:
        return build_config.language(config)

    def package(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.package).resolve()

    def hand(self, context: "Context | Invalid", receiver: Receiver | None) -> None:
        """The context the default language's build read, for another language's build (its
        process calls this before it builds), with its end of the publisher's pipe."""
        self.handed, self.receiver = context, receiver

    # --- MkDocs events ----------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_shutdown(self) -> None:
        self.written.join()
        self._stop_workers()

    def _stop_workers(self) -> None:
        if self.workers is not None:
            self.workers.stop()
            self.workers = None

    def on_config(self, config):
        """This language's name, description and copyright line come from its catalogue; its
        address (another language lives at <site>/<lang>/); the language switcher's entries."""
        lang = self.language(config)
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

    def on_serve(self, server, *, config, builder):
        # The package may live outside the project (BRIEFING_PACKAGE): watch its folder too,
        # and the other languages' configurations.
        server.watch(str(self.package(config).parent))
        for lang in self.config.languages[1:]:
            server.watch(str(build_config.config_file(config, lang)))
        # A request for a file the build has not written yet waits for it (serving.py).
        server.set_app(
            serving.waiting(server.get_app(), server.root, server.mount_path, self.written)
        )
        return server

    def on_pre_build(self, *, config) -> None:
        if self.handed is not None:  # another language: the default one read the package
            self.build = self.handed
            return
        self.written.started()  # before MkDocs empties the site folder
        # The publisher and the other languages' builds start now (or are still alive from
        # the preview's last build): their start and imports overlap the validation and read
        # of the package, handed to them at on_files.
        if self.workers is None or not self.workers.alive():
            self._stop_workers()
            publication = Publication(tuple(self.config.languages[1:]))
            builds = languages.LanguageBuilds(config, publication.receivers, self.command)
            self.workers = Workers(publication, builds)
        self.number += 1
        self.build = self._read(config)

    def _read(self, config) -> "Context | Invalid":
        """Validate the package and read it, once per build.

        An invalid package stops `mkdocs build` before anything is written. Under `mkdocs
        serve` the build goes on without data: every page shows the problems until the
        package is fixed, and the terminal prints them.
        """
        package = self.package(config)
        problems, records = checked(package)
        if problems:
            message = both_languages("notice_invalid")
            if not self.serving:
                log.error("\n" + as_text(problems, package))
                raise Abort(f"{message} ({both_languages('notice_not_built')}): {package}")
            # Printed, not logged: MkDocs' strict mode would turn a logged error into an abort,
            # and the preview would then hang on the last request instead of showing them.
            print(f"\n{as_text(problems, package)}\n{message}: {package}\n", file=sys.stderr)
            return Invalid(str(package), problems)
        history = read_history(package) if self.config.history else NO_HISTORY
        context = Context.open(package, build_config.site_config(config), history, records)
        versions = context.versions
        if versions.releases:
            print(
                f"Versions: {', '.join(r.version for r in versions.releases)}"
                + (" + unreleased changes" if versions.unreleased else ""),
                file=sys.stderr,
            )
        elif history.notice:
            # Printed, not logged (strict mode aborts on a logged warning): building without
            # history is normal in a shallow clone, and the data page says the same.
            listed = ", ".join(r.version for r in history.records)
            notice = both_languages(
                f"notice_{history.notice}",
                tuple(context.languages),
                versions=listed,
                fix=FIXES[history.notice],
            )
            print(f"Versions: {notice}", file=sys.stderr)
        return context

    def on_env(self, env, *, config, files):
        # The theme's templates compiled once, kept between builds and processes (data/cache.py).
        env.bytecode_cache = template_cache()
        return env

    def on_files(self, files, *, config):
        build, lang = self.build, self.language(config)
        languages.own_pages(files, config)
        if self.handed is None and self.workers is not None:
            # After MkDocs has cleaned the site folder and before the pages render: the files
            # besides the pages and the other languages' builds get the context. With an
            # invalid package (live preview) nothing is published; every language shows the
            # problems.
            data = packed(build)
            valid = not isinstance(build, Invalid)
            job = Job(self.number, data if valid else None, config.site_dir, self.serving)
            self.receiver = self.workers.publication.hand(job)
            self.workers.languages.hand(self.number, data, config)
        if isinstance(build, Invalid):
            return files
        prose = list(files.documentation_pages())
        build.products.generated.update(record_pages.add_files(build, files, config, lang))
        # MkDocs renders the pages in this order: the generated pages first, while the
        # publisher works; then the prose pages, which wait for its message.
        for file in prose:
            files.remove(file)
            files.append(file)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # Before the macros plugin (listed after this one): with an invalid package (live
        # preview), no macro can run.
        if isinstance(self.build, Invalid):
            return PROBLEMS
        if page.file.src_uri not in self.build.products.generated:
            # A prose page shows what the publisher makes (charts' sizes, the downloads'
            # lists): it waits here, for the publisher's one message, before its macros run.
            self._published()
        return markdown

    def _published(self) -> None:
        """The publisher's message, received once, its lists given to this build's products.
        If the publisher fails or ends without sending it, the build stops, never a silent
        wait."""
        if self.receiver is None:
            return  # a build without a publisher (an invalid package): nothing to wait for
        message = self.receiver.receive()
        self.receiver = None
        products = self.build.products
        products.chart_sizes.give(message.chart_sizes)
        products.downloads.give(tuple(message.downloads))
        products.release_downloads.give(message.release_downloads)

    def on_page_content(self, html, *, page, config, files):
        build = self.build
        if isinstance(build, Invalid):
            return problems_page(build.problems, build.package)
        lang = self.language(config)
        path = build.urls.site_path(lang, page.url)  # MkDocs' page.url is from the language's root
        generated = build.products.generated.get(page.file.src_uri)
        fragments = build.products.fragments.pop(path, None)
        if generated is None and fragments is None:
            # Prose and data alike, in one place: the French pages get French spacing.
            return search.mark_content(build.languages[lang].typeset_html(html))
        if generated is not None:
            html = generated.render(Page(build, lang, path))
        else:
            html = put_in_place(html, fragments)
        html = build.languages[lang].typeset_html(html)
        page.toc = table_of_contents(html)  # from the typeset headings
        return search.mark_content(html)

    def on_page_context(self, context, *, page, config, nav):
        # The page's preview card (Open Graph, Twitter): overrides/main.html prints it, escaped.
        build = self.build
        if not isinstance(build, Invalid):
            lang = self.language(config)
            path = build.urls.site_path(lang, page.url)
            page.meta["card"] = cards.card_for(build, path, lang) | {
                # Generated pages' titles and descriptions come escaped for the theme.
                "title": config.site_name if page.is_homepage else unescape(page.title or ""),
                "description": unescape(
                    page.meta.get("description") or config.site_description or ""
                ),
                "locale": build.languages[lang].og_locale,
                "alternates": [build.languages[o].og_locale for o in build.languages if o != lang],
            }
        return context

    def on_post_template(self, output_content, *, template_name, config):
        return (
            security.add_csp(output_content) if template_name.endswith(".html") else output_content
        )

    def on_post_page(self, output, *, page, config):
        return security.add_csp(output)

    def on_post_build(self, *, config) -> None:
        """The default language's build waits for the others' pages. Then the publisher's
        files and the search indexes: after it, in a `mkdocs build`; in the background in a
        preview, whose pages are served at once (serving.py)."""
        if self.handed is not None or self.workers is None:
            return
        number, site = self.number, Path(config.site_dir)
        self.workers.languages.finish(number)  # if one failed, on_build_error stops them all
        if self.serving:
            if not isinstance(self.build, Invalid):
                self.workers.publication.pages_written(number)
            self.written.pages_done()
            self.written.rest_in_background(lambda: self._rest(number, site))
            return
        self.workers.languages.stop()  # their memory goes back before the indexes are made
        try:
            self._rest(number, site)
        finally:
            self._stop_workers()  # a build's workers end with it

    def _rest(self, number: int, site: Path) -> None:
        """The publisher's outcome, then every language's search indexes, one after the
        other: Pagefind holds a whole index in memory, and the publisher's memory goes back
        first (at the benchmark's L, about 0.8 GB each)."""
        self.workers.publication.finish(number)
        if not self.serving:
            self.workers.publication.stop()  # as the languages' builds
        if isinstance(self.build, Invalid):
            return
        others = tuple(self.config.languages[1:])
        for lang in others:
            search.index(site / lang)
        search.index(site, others)

    def on_build_error(self, *, error) -> None:
        """A build that fails stops the processes it works with: the next one starts them
        again, so that none is left inside a half-made build."""
        if self.handed is None:
            self.written.done()
            self._stop_workers()


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
