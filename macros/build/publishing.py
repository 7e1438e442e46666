"""Writing the downloads, API, catalogue, feeds, calendars and charts into the site.

They do not depend on the pages, and at scale they take a third of the build: they are made in
a forked child process on the machine's other core while MkDocs renders the pages, then joined
before the build ends. Where fork is unavailable (Windows, macOS defaults) they are written
in-process at the end of the build.
"""

import multiprocessing
import sys
import traceback
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.context import Context
from ..publish.files import files as published_files
from ..site import charts


def write(root: Path, files: dict[str, bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def publish(build: Context, root: Path) -> None:
    write(root, published_files(build) | charts.files(build))


def _child(build: Context, root: Path) -> None:
    try:
        publish(build, root)
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        raise


class Publication:
    def __init__(self, build: Context, root: Path):
        self.build, self.root, self.process = build, root, None
        if "fork" in multiprocessing.get_all_start_methods():
            fork = multiprocessing.get_context("fork")
            # Forked, the child shares the build context without copying or pickling it.
            self.process = fork.Process(target=_child, args=(build, root), daemon=True)
            self.process.start()

    def finish(self) -> None:
        if self.process is None:
            publish(self.build, self.root)
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise Abort(
                f"La publication des fichiers a échoué / Publishing the files failed (exit code {self.process.exitcode})"
            )
