"""The site's other languages: each a plain MkDocs build of its own configuration
(mkdocs.<lang>.yml, which inherits mkdocs.yml), in a process of its own, beside the default
language's build.

The default language's build starts them before it reads the package (plugin.py, on_pre_build), so
that their start and imports overlap that read, and hands them the context pickled once MkDocs
has cleaned the site folder (on_files): the package is read once. Each is started with
`spawn`, never a fork (`mkdocs serve` runs server and watcher threads), with its end of a pipe
from the publishing process, which sends the list of downloads for its data page. It builds
into <site>/<lang>/. The default build joins them before it ends, and a failed language
stops it.
"""

import importlib
import logging
import multiprocessing
import pickle
import sys
import traceback
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.context import Context
from ..format.language import both_languages
from .config import config_file, language, languages, root_url
from .publishing import Receiver


def _build(lang: str, config_path: str, site_dir: str, site_url: str, handed, conn, command: str,
           generator: str):  # fmt: skip
    """One language's MkDocs build, in its own process: loaded at once, built when the
    default language's build hands it the context (pickled) on `handed`. `generator`: the
    package that runs the default build, "mkdocs" or a drop-in fork of it (ProperDocs), whose
    module of that name routes MkDocs' imports to it: every language is built by the same."""
    if generator != "mkdocs":
        importlib.import_module(f"{generator}.replacement")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format=f"%(levelname)-7s -  [{lang}] %(message)s")
    try:
        config = load_config(config_path, site_dir=site_dir, site_url=site_url)
        plugin = config.plugins["briefing"]
        plugin.command = command
        try:
            data = handed.recv()
        except EOFError:  # the default build stopped before it read the package
            return
        context = pickle.loads(data)
        valid = conn is not None and isinstance(context, Context)
        plugin.hand(context, Receiver(conn) if valid else None)
        mkdocs_build(config)
    except Abort as exc:  # located and explained by whoever raised it: no traceback needed
        print(f"[{lang}] {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    except Exception:
        traceback.print_exc(file=sys.stderr)
        raise SystemExit(1) from None


class LanguageBuilds:
    """The builds of every language but the default. Started before the default build reads
    the package (their start and imports overlap that read), handed the context once MkDocs
    has cleaned the site folder, joined by finish()."""

    def __init__(self, config, receivers: dict, command: str):
        """`receivers`: each language's end of the publisher's pipe; `command`: build or
        serve (an invalid package stops a build, and shows its problems in a preview)."""
        spawn = multiprocessing.get_context("spawn")
        self.processes, self.handing = {}, {}
        for lang in languages(config)[1:]:
            conn = receivers.get(lang)
            handed, self.handing[lang] = spawn.Pipe(duplex=False)
            args = (
                lang,
                str(config_file(config, lang)),
                str(Path(config.site_dir) / lang),
                root_url(config),
                handed,
                conn,
                command,
                # The package behind `mkdocs` in this process: MkDocs, or the fork running it.
                sys.modules["mkdocs"].__name__,
            )
            process = spawn.Process(target=_build, args=args, daemon=True)
            process.start()
            for end in (handed, conn):
                if end is not None:
                    end.close()  # the child has its copy: when the other end closes, it sees EOF
            self.processes[lang] = process

    def hand(self, data: bytes) -> None:
        """Build every language from the context (or the problems) pickled in `data`."""
        for handing in self.handing.values():
            handing.send(data)
            handing.close()

    def stop(self) -> None:
        """The default build failed: the others are not waited for."""
        for process in self.processes.values():
            if process.is_alive():
                process.terminate()
            process.join()

    def finish(self) -> None:
        failed = []
        for lang, process in self.processes.items():
            process.join()
            if process.exitcode != 0:
                failed.append(f"{lang} (exit code {process.exitcode})")
        if failed:
            raise Abort(f"{both_languages('notice_language_failed')}: {', '.join(failed)}")


def own_pages(files, config) -> None:
    """Keep this language's prose pages in `files`: docs/<page>.md for the default language,
    docs/<page>.<lang>.md for another, which then takes the place of <page>.md (its address
    and its entry in the navigation)."""
    from mkdocs.structure.files import File

    lang, default = language(config), languages(config)[0]
    kept = []
    for file in list(files.documentation_pages()):
        name = file.src_uri.removesuffix(".md")
        stem, _, suffix = name.rpartition(".")
        page_lang, name = (
            (suffix, stem) if stem and suffix in languages(config) else (default, name)
        )
        if lang != default or page_lang != lang:
            files.remove(file)
        if lang != default and page_lang == lang:
            kept.append(File.generated(config, f"{name}.md", abs_src_path=file.abs_src_path))
    # Added once every French page is gone: they share their names.
    for file in kept:
        files.append(file)
