"""The site's other languages: each a plain MkDocs build of its own configuration
(mkdocs.<lang>.yml, which inherits mkdocs.yml), in a process of its own, beside the default
language's build.

The default language's build starts them before it reads the package (plugin.py,
on_pre_build), so that their start and imports overlap that read, and hands them each build's
context pickled once MkDocs has cleaned the site folder (on_files): the package is read once.
Each is started with `spawn`, never a fork (`mkdocs serve` runs server and watcher threads),
with its end of a pipe from the publishing process, which sends the lists of its prose pages.
Under `mkdocs serve` they stay alive between rebuilds, one job per build (their imports and
start are paid once); `mkdocs build` stops them at the end. Each builds into <site>/<lang>/,
and the default build waits for every one's outcome: a failed language stops it.
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
from .publishing import Receiver, outcome, stop


def _worker(lang: str, config_path: str, jobs, conn, command: str, generator: str) -> None:
    """One language's builds, in its own process: one job a build, (build number, context
    pickled, site folder, site address), until told to stop (None) or its pipe closes; each
    job's outcome goes back on `jobs`. `generator`: the package that runs the default build,
    "mkdocs" or a drop-in fork of it (ProperDocs), whose module of that name routes MkDocs'
    imports to it: every language is built by the same."""
    if generator != "mkdocs":
        importlib.import_module(f"{generator}.replacement")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format=f"%(levelname)-7s -  [{lang}] %(message)s")
    while True:
        try:
            job = jobs.recv()
        except EOFError:  # the default build is gone
            return
        if job is None:
            return
        build, data, site_dir, site_url = job
        try:
            # Loaded for each build: mkdocs.<lang>.yml may have changed.
            config = load_config(config_path, site_dir=site_dir, site_url=site_url)
            plugin = config.plugins["briefing"]
            plugin.command = command
            context = pickle.loads(data)
            valid = conn is not None and isinstance(context, Context)
            plugin.hand(context, Receiver(conn, build) if valid else None)
            mkdocs_build(config)
        except Abort as exc:  # located and explained by whoever raised it: no traceback needed
            said = str(exc)
        except Exception:
            said = traceback.format_exc()
        else:
            jobs.send(("done", build, ""))
            continue
        print(f"[{lang}] {said}", file=sys.stderr)
        jobs.send(("failed", build, said))


class LanguageBuilds:
    """The builds of every language but the default, one process each. Started before the
    default build reads the package (their start and imports overlap that read), handed each
    build's context once MkDocs has cleaned the site folder, waited for by finish()."""

    def __init__(self, config, receivers: dict, command: str):
        """`receivers`: each language's end of the publisher's pipe; `command`: build or
        serve (an invalid package stops a build, and shows its problems in a preview)."""
        spawn = multiprocessing.get_context("spawn")
        self.processes, self.jobs = {}, {}
        for lang in languages(config)[1:]:
            conn = receivers.get(lang)
            self.jobs[lang], jobs = spawn.Pipe()
            # The package behind `mkdocs` in this process: MkDocs, or the fork running it.
            generator = sys.modules["mkdocs"].__name__
            args = (lang, str(config_file(config, lang)), jobs, conn, command, generator)
            process = spawn.Process(target=_worker, args=args, daemon=True)
            process.start()
            for end in (jobs, conn):
                if end is not None:
                    end.close()  # the child has its copy: when the other end closes, it sees EOF
            self.processes[lang] = process

    def alive(self) -> bool:
        return all(p.is_alive() for p in self.processes.values())

    def hand(self, build: int, data: bytes, config) -> None:
        """Build every language from the context (or the problems) pickled in `data`."""
        for lang, jobs in self.jobs.items():
            jobs.send((build, data, str(Path(config.site_dir) / lang), root_url(config)))

    def finish(self, build: int) -> None:
        failed = [
            f"{lang} ({said.strip().splitlines()[-1] if said.strip() else said})"
            for lang, process in self.processes.items()
            if (said := outcome(self.jobs[lang], build, process)) is not None
        ]
        if failed:
            raise Abort(f"{both_languages('notice_language_failed')}: {', '.join(failed)}")

    def stop(self) -> None:
        for lang, process in self.processes.items():
            stop(self.jobs[lang], process)


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
