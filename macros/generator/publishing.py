"""Writing the downloads, API, catalogue, feeds, calendars and charts into the site.

They do not depend on the pages, and at scale they take a third of the build: a worker
process makes them beside the language builds. It is started with `spawn`, never `fork`:
`mkdocs serve` runs server and watcher threads, and a fork of a threaded process can
deadlock. Under `mkdocs serve` it stays alive between rebuilds, one job per build (its imports
and its start are paid once); `mkdocs build` stops it at the end.

For each build it receives the context pickled (the data read once, no second read of the
package) and sends one message, `Published` (the charts' sizes, the downloads' and the
releases' lists, without their bytes), to every language build, each on its own pipe: a prose
page waits for it, where the plugin says so, before its macros run. Every message carries its
build's number, so that a message of an earlier build, never read, is never taken for this
one's; a language build that finds its pipe closed before the message came stops with the
publisher's error instead of waiting. Then it writes the files (in a preview, once the pages
are written, so that they reach the browser first), and tells the default language's build
that the job is done.
"""

import contextlib
import multiprocessing
import pickle
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.context import Context
from ..data.writing import write_whole
from ..format.language import both_languages


def write(root: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Each file whole, under a temporary name then renamed: a preview serves the site while
    they are written (serving.py), and a request must never read half of one."""
    made = set()
    for rel, content in files:
        path = root / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        write_whole(path, content)


def publish(build: Context, root: Path) -> None:
    # Imported here: the page-rendering process never needs rdflib, feedgen or icalendar.
    from ..pages import cards, charts, embeds
    from ..publish.files import files as published_files

    # Each file written as soon as it is made, then let go: at scale, the whole site's files
    # at once would double the process's memory.
    for group in (charts.files, embeds.files, cards.files):
        write(root, group(build).items())
    write(root, published_files(build))


@dataclass(frozen=True)
class Job:
    """One build's work for the publisher."""

    build: int  # the build's number in this process's life (a preview makes many)
    data: bytes | None  # the context pickled; None: nothing to publish (an invalid package)
    root: str  # the site folder
    # A preview's: the files wait until the pages are written (`Publication.pages_written`),
    # so that the pages render with every core and reach the browser first.
    after_pages: bool = False


@dataclass(frozen=True)
class Published:
    """What the pages list of the publisher's files: sent once, before the files are written."""

    build: int
    chart_sizes: dict[str, int]  # {path: bytes} of every chart file
    downloads: list  # publish/downloads.Download.listed() of every download
    release_downloads: dict  # every release's files (publish/versions.release_downloads)


@dataclass(frozen=True)
class Failed:
    """The publisher failed this build: what it said."""

    build: int
    message: str


def _send(conns: list, message: "Published | Failed") -> None:
    """To every language build still listening (one that failed has closed its pipe: its own
    exit code says so)."""
    for conn in list(conns):
        try:
            conn.send(message)
        except OSError:
            conns.remove(conn)


def _pages_written(jobs, build: int) -> bool:
    """Wait until the default language's build says this build's pages are written; False
    when told to stop instead."""
    while True:
        try:
            said = jobs.recv()
        except EOFError:
            return False
        if said is None:
            return False
        if said == ("pages", build):
            return True


def _worker(jobs, conns: list) -> None:
    """The publisher's process: one job a build, until told to stop (None) or its pipe
    closes. `jobs` also carries each job's outcome back to the default language's build."""
    from ..pages import charts
    from ..publish.downloads import downloads
    from ..publish.versions import ReleaseMismatch, release_downloads

    while True:
        try:
            job = jobs.recv()
        except EOFError:  # the build that started it is gone
            return
        if job is None:
            return
        if job.data is None:  # an invalid package: nothing to publish
            jobs.send(("done", job.build, ""))
            continue
        build: Context = pickle.loads(job.data)
        try:
            published = Published(
                build=job.build,
                chart_sizes=charts.sizes(build),
                downloads=[d.listed() for d in downloads(build)],
                release_downloads=release_downloads(build),
            )
            _send(conns, published)
            if job.after_pages and not _pages_written(jobs, job.build):
                return  # told to stop
            publish(build, Path(job.root))
        except ReleaseMismatch as exc:  # located and explained: no traceback needed
            said = str(exc)
        except Exception:
            said = traceback.format_exc()
        else:
            jobs.send(("done", job.build, ""))
            continue
        _send(conns, Failed(job.build, said))
        print(said, file=sys.stderr)
        jobs.send(("failed", job.build, said))


class Receiver:
    """A language build's end of the publisher's pipe, for one build."""

    def __init__(self, conn, build: int):
        self.conn, self.build = conn, build

    def receive(self) -> Published:
        """The publisher's message for this build. If the publisher fails, or ends without
        sending it, the pipe closes and the build stops (never a silent wait)."""
        while True:
            try:
                message = self.conn.recv()
            except EOFError:
                message = Failed(self.build, "(exit)")
            if message.build != self.build:
                continue  # an earlier build's, which that build never read
            if isinstance(message, Failed):
                raise Abort(f"{both_languages('notice_publishing_failed')}:\n{message.message}")
            return message


def outcome(jobs, build: int, process) -> str | None:
    """Wait for a worker's outcome of this build: None when done, else what failed (the
    worker's message, or its exit code when it ended). Outcomes of earlier builds, left
    behind by a build that stopped, are skipped."""
    while True:
        try:
            said, number, message = jobs.recv()
        except EOFError:
            process.join()
            return f"exit code {process.exitcode}"
        if number == build:
            return None if said == "done" else message


def stop(jobs, process) -> None:
    """Tell a worker to stop, and make sure it does."""
    with contextlib.suppress(OSError):  # already gone
        jobs.send(None)
    process.join(timeout=5)
    if process.is_alive():
        process.terminate()
        process.join()


class Publication:
    """The publishing process. The default language's build starts it before it reads the
    package, so that its start and imports overlap that read, and hands it each build's
    context when MkDocs has cleaned the site folder (hand)."""

    def __init__(self, others: tuple[str, ...] = ()):
        """`others`: the other languages, whose builds get their end of a pipe in
        `receivers` (languages.py starts them)."""
        spawn = multiprocessing.get_context("spawn")
        self.jobs, jobs = spawn.Pipe()
        self.own, own_send = spawn.Pipe(duplex=False)
        pipes = {lang: spawn.Pipe(duplex=False) for lang in others}
        sends = [own_send] + [send for _, send in pipes.values()]
        self.process = spawn.Process(target=_worker, args=(jobs, sends), daemon=True)
        self.process.start()
        for conn in (jobs, *sends):
            conn.close()  # the child holds them now: its end is the pipes' end
        self.receivers = {lang: recv for lang, (recv, _) in pipes.items()}

    def alive(self) -> bool:
        return self.process.is_alive()

    def hand(self, job: Job) -> Receiver | None:
        """Start this build's publishing; returns the default language's end of the pipe,
        where the publisher's message comes (None: nothing is published)."""
        self.jobs.send(job)
        return Receiver(self.own, job.build) if job.data is not None else None

    def pages_written(self, build: int) -> None:
        """A preview's pages are written: the publisher writes its files now."""
        self.jobs.send(("pages", build))

    def finish(self, build: int) -> None:
        failed = outcome(self.jobs, build, self.process)
        if failed is not None:
            raise Abort(f"{both_languages('notice_publishing_failed')} ({failed.strip()[-2000:]})")

    def stop(self) -> None:
        stop(self.jobs, self.process)
