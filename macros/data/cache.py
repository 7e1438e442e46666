"""Outputs that are pure functions of their inputs, kept between builds: a release's
regenerated files (proven against its record when they were made), each chart and each
preview card.

An entry's key is the SHA-256 of every input of the output and of the code that makes it: the
project's code, templates and words (every file of macros/), the locked libraries
(requirements.lock), and the runtime libraries the bytes depend on (Python, zlib, SQLite). A
changed input or a changed line of code is another key, so a stale output is never served;
an entry is only ever written whole (a temporary file renamed). Everything lives in one named
folder at the project's root, `.cache/`, which `make clean` removes: the outputs in
`.cache/outputs/`, and in `.cache/templates/` the templates' compiled code (Jinja's own
bytecode cache, keyed by each template's name and the checksum of its source, and by Jinja's
and Python's versions: an edited template is compiled again).
"""

import hashlib
import pickle
import sqlite3
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from jinja2 import FileSystemBytecodeCache

from . import paths
from .writing import write_whole

T = TypeVar("T")
FOLDER = paths.ROOT / ".cache" / "outputs"
TEMPLATES = paths.ROOT / ".cache" / "templates"
CODE = ("*.py", "*.yml", "*.html", "*.json")


def code_key(root: Path = paths.MACROS) -> str:
    """What every output is made with: the code, templates and catalogues, the locked
    libraries and the runtime libraries whose output the bytes depend on."""
    digest = hashlib.sha256()
    for pattern in CODE:
        for path in sorted(root.rglob(pattern)):
            if "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    lock = paths.ROOT / "requirements.lock"
    digest.update(lock.read_bytes() if lock.exists() else b"")
    runtime = (sys.version, zlib.ZLIB_RUNTIME_VERSION, sqlite3.sqlite_version)
    digest.update(repr(runtime).encode())
    return digest.hexdigest()


class Cache:
    """One build's view of the cache folder: made with the code's key once per build."""

    def __init__(self, folder: Path = FOLDER, code: str | None = None):
        self.folder = folder
        self.code = code if code is not None else code_key()

    def key(self, kind: str, *inputs) -> str:
        """The key of an output of `kind` made from `inputs` (pickled: records, bytes, text)."""
        digest = hashlib.sha256(f"{kind}\0{self.code}\0".encode())
        digest.update(pickle.dumps(inputs, protocol=4))
        return digest.hexdigest()

    def get(self, kind: str, inputs: tuple, make: Callable[[], T]) -> T:
        """The output stored under the inputs' key, else made now and stored."""
        path = self.folder / kind / f"{self.key(kind, *inputs)}.pickle"
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            pass  # not made yet, or unreadable: made again
        value = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value


def cache_of(ctx) -> Cache:
    """The build's cache (made once a build, with the code's key; tests give their own)."""
    return ctx.products.cache.get(Cache)


def template_cache(folder: Path = TEMPLATES) -> FileSystemBytecodeCache:
    """Where Jinja keeps the templates' compiled code between builds and processes: compiling
    them takes most of a small build's rendering, in every language's process and at every
    rebuild of the live preview. Jinja writes each entry whole (renamed into place)."""
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
