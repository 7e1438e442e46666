"""Under `mkdocs serve`: every language's pages first, the rest of the build after them.

A preview's build returns as soon as the pages are written, so that the browser reloads; the
publisher's files (downloads, API, charts, feeds) and the search indexes follow in a thread
(plugin.py). A request never gets a stale or half-written file: MkDocs empties the site folder
when a build starts, the publisher and Pagefind write each file whole (under a temporary name,
then renamed), and a request for a file that is not there yet waits here until the build has
written everything.
"""

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from ..format.language import both_languages

# Longer than any build at the benchmark's scales: a request never waits for ever.
WAIT_S = 600


class Written:
    """What the current build has written into the site folder: its pages, then everything.
    Kept by the plugin for the server's life; `started` begins each build."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._pages = self._everything = True
        self._rest: threading.Thread | None = None

    def started(self) -> None:
        """A build starts: the last one's rest is finished first (MkDocs empties the site
        folder next, which nothing may still be writing into)."""
        self.join()
        with self._changed:
            self._pages = self._everything = False

    def pages_done(self) -> None:
        with self._changed:
            self._pages = True
            self._changed.notify_all()

    def rest_in_background(self, finish: Callable[[], None]) -> None:
        """Run `finish` (the publisher's files and the search indexes) after the pages. A
        failure is printed in the terminal (the pages are served already); its files stay
        missing, never stale."""

        def run() -> None:
            try:
                finish()
            except Exception as exc:  # noqa: BLE001 - reported, and the server goes on
                print(f"\n{both_languages('notice_rest_failed')}:\n{exc}\n", file=sys.stderr)
            finally:
                self.done()

        self._rest = threading.Thread(target=run, name="briefing-rest", daemon=True)
        self._rest.start()

    def done(self) -> None:
        """Everything is written, or the build stopped: no request waits any more."""
        with self._changed:
            self._pages = self._everything = True
            self._changed.notify_all()

    def join(self) -> None:
        if self._rest is not None:
            self._rest.join()
            self._rest = None

    def wait_for(self, file: Path) -> None:
        """Until the current build's pages are written, then, if `file` is not there yet,
        until everything is."""
        with self._changed:
            self._changed.wait_for(lambda: self._pages, timeout=WAIT_S)
            if not self._everything and not file.exists():
                self._changed.wait_for(lambda: self._everything, timeout=WAIT_S)


def waiting(app: Callable, root: str, mount_path: str, written: Written) -> Callable:
    """The server's WSGI application, with each request for a file of the site waiting for
    that file to be written (`Written.wait_for`). The live-reload polls never wait."""

    def serve(environ, start_response):
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        if not path.startswith("/livereload/") and (path + "/").startswith(mount_path):
            rel = unquote(path[len(mount_path) :]).lstrip("/")
            if path.endswith("/"):
                rel += "index.html"
            written.wait_for(Path(root) / rel)
        return app(environ, start_response)

    return serve
