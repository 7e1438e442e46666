"""The site generator: one MkDocs plugin, the only code that knows MkDocs' events.

Every language is a build of its own (mkdocs.yml for the default, mkdocs.<lang>.yml for the
others); this plugin runs in each. The default language's build validates and reads the
package once, and hands the read context to a pool of workers (outputs/pool.py): one job
per other language builds it (languages.py, which calls `follow` on that build's plugin),
queued first, then four jobs write every file besides the pages (outputs/publishing.py).
Each language's build adds its generated pages and renders them and the prose pages' macros. Once every language's
pages are written, the default build moves the published files into the site and indexes
every language's pages for search.

All of a build's state lives on the plugin instance and is replaced when a build starts
(`on_pre_build`): `mkdocs serve` keeps a plugin that has `on_startup` across rebuilds, so no
data outlives the build that read it. What does outlive a build, under `mkdocs serve` only,
is the pool (its workers' imports are paid once), the last build's search indexes, which
may still be made while its pages are served, and, in a dirty preview, which pages and files
the last build wrote (their keys: rendered.py), so that the next renders only what changed.
A code edit restarts the whole preview, so that no process runs old code (`_restart`). Nothing here touches the dev server. A move to another
generator rewrites this class.
"""

import contextlib
import functools
import logging
import os
import shutil
import signal
import sys
from concurrent.futures import Future
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
from ..data.writing import delete, remove, set_aside
from ..format.language import both_languages, catalogue
from ..outputs import code
from ..outputs.pool import WAIT_S, Pool, TookTooLong, chaos, wait
from ..outputs.publishing import PARTS, listing, move_into, publish
from ..pages import cards, render, security
from ..pages.page import Page
from ..pages.problems import problems_page
from . import config as build_config
from . import languages, record_pages, rendered, search
from .context import Invalid, packed, rules_in
from .macros import put_in_place
from .rendered import Keys

log = logging.getLogger("mkdocs.briefing")
PROBLEMS = "<!-- briefing-problems -->"
STAGING = ".briefing-staging"  # in the site folder: the published files, until moved into place


def staging(site: Path, part: str) -> Path:
    """Where a part of the publisher's files waits to be moved into the site."""
    return site / f"{STAGING}-{part.replace(' ', '-')}"


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


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.command = "build"  # told by on_startup; another language's build by `follow`
        self.pool: Pool | None = None  # the default language's, kept between a preview's builds
        self.context: Context | Invalid | None = None  # this build's
        self.leader = True  # False in another language's build, which follows the default one
        self.jobs: dict[str, Future] = {}  # this build's jobs in the pool, by name
        self.search: list[Future] = []  # a preview's search indexes, which follow its pages
        self.dirty = False  # a dirty build: only the pages an edit changed are rendered
        self.keys: Keys | None = None  # this language's page keys, in a dirty build
        # The default language's, between a dirty preview's builds: each language's page keys
        # as its last build rendered them (rendered.py), and the published files it moved in.
        self.rendered: dict[str, dict] = {}
        self.published: set[str] = set()

    # --- where this build stands --------------------------------------------------------------

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def language(self, config) -> str:
        return build_config.language(config)

    def package(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.package).resolve()

    def follow(
        self, context: "Context | Invalid", command: str, dirty: bool, lang: str, last: dict
    ) -> None:
        """Make this the build of another language, from the context the default language's
        build read (languages.build calls it in a worker, before it builds); `last`: its page
        keys at the last dirty build."""
        self.leader, self.command, self.context = False, command, context
        self.dirty, self.rendered = dirty, {lang: last}

    # --- MkDocs events ----------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.command, self.dirty = command, dirty
        if dirty:
            quiet_dirty_warning()
        if command == "serve":
            # A preview stopped by `kill` (a process manager, an editor) ends as on Ctrl-C:
            # MkDocs shuts down and `on_shutdown` stops the pool's workers, which would
            # otherwise outlive it, waiting for jobs.
            signal.signal(signal.SIGTERM, _interrupt)

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        """The pool's workers stopped, once the jobs still running (a preview's search
        indexes) end, each within its bound."""
        self._searched()
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _searched(self) -> None:
        """The last preview's search indexes made, or failed (said in the terminal by
        search.say_current), each waited for within its bound."""
        for job in self.search:
            with contextlib.suppress(Exception):
                job.exception(timeout=WAIT_S)
        self.search = []

    def on_config(self, config):
        """This language's name, description and copyright line come from its catalogue; its
        address (another language lives at <site>/<lang>/); the language switcher's entries."""
        build_config.check_languages(config)
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
                "lang": lang_code,
                "name": catalogue(lang_code)["language_own_name"],
                "link": urlsplit(site.base).path + site.prefix(lang_code),
                "href": site.base + site.prefix(lang_code),
            }
            for lang_code in site.languages
        ]
        return config

    def on_serve(self, server, *, config, builder):
        # The package may live outside the project (BRIEFING_PACKAGE): watch its folder too,
        # and the other languages' configurations.
        server.watch(str(self.package(config).parent))
        for lang in self.config.languages[1:]:
            server.watch(str(build_config.config_file(config, lang)))
        return server

    def on_pre_build(self, *, config) -> None:
        if not self.leader:  # another language: the default one read the package
            return
        if self.serving and code.changed():
            self._restart(config)
        chaos("read")
        # The last preview's search indexes are written into the site, which MkDocs is about
        # to empty: they end first (a failure was said in the terminal: search.say_current).
        self._searched()
        self.jobs = {}
        if self.pool is None:  # its workers start while the package is read
            self.pool = Pool(initializer=functools.partial(languages.warm, code.identity()))
        if not self.dirty:  # MkDocs empties the site next: a worker deletes the last one's files
            aside = set_aside(Path(config.site_dir))
            if aside is not None:
                self.jobs["delete the last site"] = self.pool.submit(delete, str(aside))
        self.context = self._read(config)

    def _restart(self, config) -> None:
        """A Python file of the project changed: this process runs old code (MkDocs never
        imports a plugin's modules again), and so do the pool's workers. The preview starts
        again as it was started, in this process (same address, same terminal)."""
        print(f"\n{both_languages('notice_code_changed')}\n", file=sys.stderr, flush=True)
        self._close()
        shutil.rmtree(config.site_dir, ignore_errors=True)  # the server's temporary folder
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])

    def _read(self, config) -> "Context | Invalid":
        """Validate the package and read it, once per build.

        An invalid package stops `mkdocs build` before anything is written. Under `mkdocs
        serve` the build goes on without data: every page shows the problems until the
        package is fixed, and the terminal prints them.
        """
        package = self.package(config)
        problems, records = checked(package, project_rules=rules_in(self.pool))
        if problems:
            message = both_languages("notice_invalid")
            if not self.serving:
                log.error("\n" + as_text(problems, package))
                raise Abort(f"{message} ({both_languages('notice_not_built')}): {package}")
            # Printed, not logged: MkDocs' strict mode would turn a logged error into an abort,
            # and the preview would then keep the last build instead of showing them.
            print(f"\n{as_text(problems, package)}\n{message}: {package}\n", file=sys.stderr)
            return Invalid(str(package), problems)
        history = read_history(package) if self.config.history else NO_HISTORY
        context = Context.open(package, build_config.site_config(config), history, records)
        code.give_cache(context)
        self._say_versions(context, history)
        return context

    def _say_versions(self, context: Context, history) -> None:
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

    def on_env(self, env, *, config, files):
        # The theme's templates compiled once, kept between builds and processes (data/cache.py).
        env.bytecode_cache = template_cache(env)
        return env

    def on_files(self, files, *, config):
        context, lang = self.context, self.language(config)
        languages.own_pages(files, config)
        if self.leader:
            self._start_jobs(config)  # MkDocs has emptied the site folder
        prose = list(files.documentation_pages())
        if self.dirty:
            # Every prose page is rendered: its macros read the data (rendered.py).
            for file in prose:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        if isinstance(context, Invalid):
            self.keys = None
            # No record page of the last build stays: the problems show.
            rendered.forget(self.rendered.pop(lang, {}), Path(config.site_dir))
            return files
        self.keys = self._keys(config, prose)
        added = record_pages.add_files(context, files, config, lang, self.keys)
        context.products.generated.update(added)
        # MkDocs renders the pages in this order: the generated pages first, while the
        # publisher works; then the prose pages, which list its files (their sizes, made by
        # whichever process asks first: data/cache.py). Only the time depends on it.
        for file in prose:
            files.remove(file)
            files.append(file)
        return files

    def _keys(self, config, prose) -> "Keys | None":
        """This language's page keys in a dirty build, with the last build's; None if the
        build is not dirty, or runs old code (then every page is rendered, none kept)."""
        if not self.dirty:
            return None
        site_dir, last = Path(config.site_dir), self.rendered.pop(self.language(config), {})
        site = rendered.site_key(self.context, config, prose)
        if site is None:
            rendered.forget(last, site_dir)
            return None
        return Keys(site, site_dir, last)

    def _start_jobs(self, config) -> None:
        """Every other language's build (which shows the problems if the package is invalid)
        and the publisher's jobs, if it is valid, in the pool, in that order: a language's
        build is as long as this one's, which runs meanwhile, and the publisher's shorter
        jobs go to whichever worker frees up, so that no core waits at the end for a build
        started last."""
        data, site = packed(self.context), Path(config.site_dir)
        generator = sys.modules["mkdocs"].__name__  # MkDocs, or the fork running it
        for lang in self.config.languages[1:]:
            self.jobs[lang] = self.pool.submit(
                languages.build, lang, str(build_config.config_file(config, lang)), data,
                str(site / lang), build_config.root_url(config), self.command, generator,
                self.dirty, self.rendered.pop(lang, {}),
            )  # fmt: skip
        if isinstance(self.context, Context):
            for part in PARTS:
                self.jobs[f"publish {part}"] = self.pool.submit(
                    publish, data, str(staging(site, part)), self.dirty, part
                )

    def on_page_markdown(self, markdown, *, page, config, files):
        # Before the macros plugin (listed after this one): with an invalid package (live
        # preview), no macro can run.
        if isinstance(self.context, Invalid):
            return PROBLEMS
        if page.file.src_uri not in self.context.products.generated:
            # A prose page lists the published files: their sizes and checksums.
            self._published()
        return markdown

    def _published(self) -> None:
        """What the pages list of the published files, given to this build's products once."""
        products = self.context.products
        if products.downloads.made:
            return
        made = listing(self.context)
        products.chart_sizes.give(made.chart_sizes)
        products.downloads.give(made.downloads)
        products.release_downloads.give(made.release_downloads)

    def on_page_content(self, html, *, page, config, files):
        context = self.context
        if isinstance(context, Invalid):
            return problems_page(context.problems, context.package)
        lang = self.language(config)
        path = context.urls.site_path(
            lang, page.url
        )  # MkDocs' page.url is from the language's root
        generated = context.products.generated.get(page.file.src_uri)
        fragments = context.products.fragments.pop(path, None)
        if generated is None and fragments is None:
            # Prose and data alike, in one place: the French pages get French spacing.
            return search.mark_content(context.languages[lang].typeset_html(html))
        if generated is not None:
            here, keys, src_uri = Page(context, lang, path), self.keys, page.file.src_uri
            known = keys.known.pop(src_uri, None) if keys else None
            view = known[0] if known else generated.view(here)
            html = generated.render(here, view)
            if keys is not None:
                key = known[1] if known else keys.key(here, generated.meta(here), view)
                keys.now[src_uri] = (key, page.file.abs_dest_path)
        else:
            html = put_in_place(html, fragments)
        html = context.languages[lang].typeset_html(html)
        page.toc = table_of_contents(html)  # from the typeset headings
        return search.mark_content(html)

    def on_page_context(self, context, *, page, config, nav):
        # The page's preview card (Open Graph, Twitter): overrides/main.html prints it, escaped.
        read = self.context
        if not isinstance(read, Invalid):
            lang = self.language(config)
            path = read.urls.site_path(lang, page.url)
            page.meta["card"] = cards.card_for(read, path, lang) | {
                # Generated pages' titles and descriptions come escaped for the theme.
                "title": config.site_name if page.is_homepage else unescape(page.title or ""),
                "description": unescape(
                    page.meta.get("description") or config.site_description or ""
                ),
                "locale": read.languages[lang].og_locale,
                "alternates": [read.languages[o].og_locale for o in read.languages if o != lang],
            }
        return context

    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return security.add_csp(output_content, live_reload=self.command == "serve")

    def on_post_page(self, output, *, page, config):
        return security.add_csp(output, live_reload=self.command == "serve")

    def on_post_build(self, *, config) -> None:
        """The default language's build waits for the other languages' pages and the
        publisher's files, moves those into the site, then indexes every language's pages:
        at once in a `mkdocs build`; in a preview, in the pool while its pages are served."""
        if not self.leader:
            return
        site = Path(config.site_dir)
        made = {name: self._finished(job, name) for name, job in self.jobs.items()}
        if isinstance(self.context, Context):
            chaos("move")
            for part in PARTS:
                move_into(staging(site, part), site)
            if self.dirty:  # a dirty build leaves every file it does not write
                published = set().union(*(made[f"publish {part}"] for part in PARTS))
                for gone in self.published - published:
                    remove(site / gone, site)
                self.published = published
        if self.dirty:
            self.rendered = {name: made[name] for name in self.config.languages[1:]}
            if self.keys is not None:
                self.rendered[self.language(config)] = self.keys.now
        self.jobs = {}
        if isinstance(self.context, Invalid):
            return
        others = tuple(self.config.languages[1:])
        if not self.serving:
            self._close()  # the workers' memory goes back before the indexes are made
            search.index_site(site, others)
            return
        self.search = [self.pool.submit(search.index_site, site, others)]
        self.search[0].add_done_callback(search.say_current)

    def _finished(self, job: Future, name: str):
        """A job's result; its failure, or its taking too long, stops the build, saying which
        job (a language or the publisher)."""
        try:
            return wait(job, name)
        except TookTooLong as exc:
            raise Abort(f"{both_languages('notice_job_too_long')}: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - said, with where it happened
            said = str(exc) or type(exc).__name__
            if name.startswith("publish"):
                raise Abort(f"{both_languages('notice_publishing_failed')}: {said}") from exc
            failed = both_languages("notice_language_failed")
            raise Abort(f"{failed}: {name} ({said.strip().splitlines()[-1]})") from exc

    def on_build_error(self, *, error) -> None:
        """A build that fails waits for the jobs it started (each within its bound), so that
        none writes into the next build; a `mkdocs build` stops its workers."""
        self.rendered = {}  # which pages were written is unknown: the next renders them all
        if not self.leader:
            return
        for job in self.jobs.values():
            if not job.cancel():
                with contextlib.suppress(Exception):  # its error is this one's, or later
                    job.exception(timeout=WAIT_S)
        self.jobs = {}
        if not self.serving:
            self._close()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def quiet_dirty_warning() -> None:
    """MkDocs warns of every dirty build, which stops a strict one (mkdocs.yml is strict): a
    dirty build is asked for, and this plugin makes its pages exact (rendered.py)."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


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
