"""Outputs that are pure functions of their inputs, kept between builds: a release's
regenerated files (proven against its record when they were made), each chart and each
preview card.

An entry's key is the SHA-256 of its kind, its inputs and the key of the code that makes it,
which the build layer gives (outputs/code.py: the code as the process loaded it, the installed
distributions, the runtime, the fonts): a changed input or a changed line of code is another
key, so a stale output is never served. A process that runs old code gets no key and keeps
nothing. An entry is only ever written whole (a temporary file renamed). Everything lives in
one named folder, `.cache/` at the project's root or BRIEFING_CACHE where it is set (the
tests' own), which `make clean` removes: the outputs in `outputs/`, and in `templates/` the
templates' compiled code (Jinja's bytecode cache, in a folder per Jinja version, Python version
and environment options, keyed there by each template's name and source checksum).
"""

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jinja2
from filelock import FileLock
from jinja2 import FileSystemBytecodeCache

from . import paths
from .writing import write_whole

T = TypeVar("T")
# Longer than any output takes to make at the benchmark's scales: no wait lasts for ever
# (BRIEFING_WAIT_S: the tests' shorter bound).
WAIT_S = float(os.environ.get("BRIEFING_WAIT_S") or 900)


def folder() -> Path:
    """The cache's folder: BRIEFING_CACHE, else .cache/ at the project's root."""
    return Path(os.environ.get("BRIEFING_CACHE") or paths.ROOT / ".cache")


class Cache:
    """One build's view of the cache: its outputs' folder and the key of the code that makes
    them. Without a code key (a process that runs old code), nothing is read or kept."""

    def __init__(
        self, outputs: Path | None, code: str | None, unchanged: Callable[[], bool] = lambda: True
    ):
        """`unchanged()`: whether the code is still the code keyed (outputs/code.py), asked
        before an output is kept."""
        self.folder = outputs
        self.code = code
        self.unchanged = unchanged if code is not None else lambda: False

    def key(self, kind: str, *inputs) -> str:
        """The key of an output of `kind` made from `inputs` (pickled: records, bytes, text)."""
        digest = hashlib.sha256(f"{kind}\0{self.code}\0".encode())
        digest.update(pickle.dumps(inputs, protocol=4))
        return digest.hexdigest()

    def get(self, kind: str, inputs: tuple, make: Callable[[], T]) -> T:
        """The output stored under the inputs' key, else made now and stored."""
        if self.folder is None or self.code is None:
            return make()
        path = self.folder / kind / f"{self.key(kind, *inputs)}.pickle"
        path.parent.mkdir(parents=True, exist_ok=True)
        # The processes of a build ask for the same outputs: the first makes it, the others
        # wait for it here (bounded) and read it.
        with FileLock(f"{path}.lock", timeout=WAIT_S):
            try:
                return pickle.loads(path.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError):
                pass  # not made yet, or unreadable: made again
            value = make()
            if self.unchanged():
                write_whole(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value


NONE = Cache(None, None)


def cache_of(ctx) -> Cache:
    """The build's cache, given by the build layer with its code's key; none where it gave
    none (tests that give their own)."""
    return ctx.products.cache.get(lambda: NONE)


def template_cache(env: jinja2.Environment) -> FileSystemBytecodeCache:
    """Where Jinja keeps `env`'s compiled templates between builds and processes: compiling
    them takes most of a small build's rendering. Jinja keys an entry by the template's name
    and source checksum; the folder names everything else the compiled code depends on."""
    escape = env.autoescape
    options = (
        jinja2.__version__,
        sys.version,
        sorted(env.extensions),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        escape if isinstance(escape, bool) else [escape(n) for n in ("a.html", "a.xml", "a")],
    )
    name = hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    where = folder() / "templates" / name
    where.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(where))


def outputs_folder() -> Path:
    return folder() / "outputs"
