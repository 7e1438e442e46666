"""Writing the downloads, API, catalogue, feeds, calendars and charts into the site.

They do not depend on the pages, and at scale they take a third of the build: a child
process makes them beside the language builds. It is started with `spawn`, never `fork`:
`mkdocs serve` runs server and watcher threads, and a fork of a threaded process can
deadlock. The child receives the build context pickled (the data read once, no second read of
the package). It makes the downloads first and sends their list (sizes, checksums, without the
bytes) to every language build, each on its own pipe, for its data page, which renders last; a
language build that finds its pipe closed before the list came stops with the publisher's
error instead of waiting. The default language's build joins the child before it ends.
"""

import multiprocessing
import pickle
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.context import Context  # noqa: F401  (the pickled context's type)
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


@dataclass(frozen=True)
class Published:
    """What the pages list of the publisher's files: sent once, before the files are written."""

    chart_sizes: dict[str, int]  # {path: bytes} of every chart file
    downloads: list  # publish/downloads.Download.listed() of every download
    release_downloads: dict  # every release's files (publish/versions.release_downloads)


@dataclass(frozen=True)
class Failed:
    """The publisher stopped: what it said."""

    message: str


def _send(conns: list, message: "Published | Failed") -> None:
    """To every language build still listening (one that failed has closed its pipe: its own
    exit code says so)."""
    for conn in list(conns):
        try:
            conn.send(message)
        except OSError:
            conns.remove(conn)


def _child(handed, root: Path, conns: list) -> None:
    from ..pages import charts
    from ..publish.downloads import downloads
    from ..publish.versions import ReleaseMismatch, release_downloads

    try:
        data = handed.recv()
    except EOFError:  # the build stopped before it read the package
        data = None
    if data is None:  # or the package is invalid: nothing to publish
        for conn in conns:
            conn.close()
        return
    build = pickle.loads(data)
    try:
        published = Published(
            chart_sizes=charts.sizes(build),
            downloads=[d.listed() for d in downloads(build)],
            release_downloads=release_downloads(build),
        )
        _send(conns, published)
        publish(build, root)
    except ReleaseMismatch as exc:  # located and explained: no traceback needed
        _send(conns, Failed(str(exc)))
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None
    except BaseException:
        _send(conns, Failed(traceback.format_exc()))
        traceback.print_exc(file=sys.stderr)
        raise
    finally:
        for conn in conns:
            conn.close()


class Receiver:
    """A language build's end of the publisher's pipe."""

    def __init__(self, conn):
        self.conn = conn

    def receive(self) -> Published:
        """The publisher's one message. If the publisher fails, or ends without sending it,
        the pipe closes and the build stops (never a silent wait)."""
        try:
            message = self.conn.recv()
        except EOFError:
            message = Failed("(exit)")
        if isinstance(message, Failed):
            raise Abort(f"{both_languages('notice_publishing_failed')}:\n{message.message}")
        return message


class Publication:
    """The publishing process. The default language's build starts it before it reads the
    package, so that its start and imports overlap that read, and hands it the context when
    MkDocs has cleaned the site folder (hand)."""

    def __init__(self, root: Path, others: tuple[str, ...] = ()):
        """`others`: the other languages, whose builds get their end of a pipe in
        `receivers` (languages.py starts them)."""
        spawn = multiprocessing.get_context("spawn")
        handed, self.handing = spawn.Pipe(duplex=False)
        self.own, own_send = spawn.Pipe(duplex=False)
        pipes = {lang: spawn.Pipe(duplex=False) for lang in others}
        sends = [own_send] + [send for _, send in pipes.values()]
        self.process = spawn.Process(target=_child, args=(handed, root, sends), daemon=True)
        self.process.start()
        for conn in (handed, *sends):
            conn.close()  # the child holds them now: its end is the pipes' end
        self.receivers = {lang: recv for lang, (recv, _) in pipes.items()}

    def hand(self, data: bytes | None) -> Receiver | None:
        """Start publishing the context pickled in `data` (None: nothing to publish); returns
        the default language's end of the pipe, where the publisher's message comes."""
        self.handing.send(data)
        self.handing.close()
        return Receiver(self.own) if data is not None else None

    def stop(self) -> None:
        """The build failed: the publisher is not waited for."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()

    def finish(self) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            failed = both_languages("notice_publishing_failed")
            raise Abort(f"{failed} (exit code {self.process.exitcode})")
