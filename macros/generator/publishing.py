"""Writing the downloads, API, catalogue, feeds, calendars and charts into the site.

They do not depend on the pages, and at scale they take a third of the build: a child
process makes them on the machine's other core while MkDocs renders the pages. It is
started with `spawn`, never `fork`: `mkdocs serve` runs server and watcher threads, and a
fork of a threaded process can deadlock. The child receives the build context pickled (the
data read once, no second read of the package). It makes the downloads first and sends their
list (sizes, checksums, without the bytes) back for the data page, which the hook renders
last; the build joins the child before it ends.
"""

import dataclasses
import multiprocessing
import sys
import traceback
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.context import Context
from ..format.language import both_languages


def write(root: Path, files: dict[str, bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def publish(build: Context, root: Path) -> None:
    # Imported here: the page-rendering process never needs rdflib, feedgen or icalendar.
    from ..pages import cards, charts, embeds
    from ..publish.files import files as published_files

    made = charts.files(build) | embeds.files(build) | cards.files(build)
    write(root, made | published_files(build))


def _child(build: Context, root: Path, conn) -> None:
    from ..pages import charts
    from ..publish.downloads import downloads
    from ..publish.versions import ReleaseMismatch, release_downloads

    try:
        # In the order the pages need them: charts (home), then the data page's lists.
        conn.send(("chart_sizes", charts.sizes(build)))
        conn.send(("downloads", [d.listed() for d in downloads(build)]))
        conn.send(("release_downloads", release_downloads(build)))
        publish(build, root)
    except ReleaseMismatch as exc:  # located and explained: no traceback needed
        conn.send(("error", str(exc)))
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None
    except BaseException:
        conn.send(("error", traceback.format_exc()))
        traceback.print_exc(file=sys.stderr)
        raise
    finally:
        conn.close()


class Publication:
    def __init__(self, build: Context, root: Path):
        self.build, self.root = build, root
        spawn = multiprocessing.get_context("spawn")
        self.conn, child_conn = spawn.Pipe(duplex=False)
        # The context without what this process made for its pages (a spawned child gets a
        # pickled copy): the child makes its own products.
        shared = dataclasses.replace(build, products={}, makers={})
        self.process = spawn.Process(target=_child, args=(shared, root, child_conn), daemon=True)
        self.process.start()
        child_conn.close()
        self.received: dict = {}
        build.makers["chart_sizes"] = lambda: self.receive("chart_sizes")
        build.makers["downloads"] = lambda: tuple(self.receive("downloads"))
        build.makers["release_downloads"] = lambda: self.receive("release_downloads")

    def receive(self, expected: str):
        """The child's message of that kind (chart sizes, downloads, releases' downloads),
        keeping the ones that come before it."""
        while expected not in self.received:
            kind, value = self.conn.recv()
            if kind == "error":
                raise Abort(f"{both_languages('notice_publishing_failed')}:\n{value}")
            self.received[kind] = value
        return self.received[expected]

    def finish(self) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            failed = both_languages("notice_publishing_failed")
            raise Abort(f"{failed} (exit code {self.process.exitcode})")
