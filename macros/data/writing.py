"""A file written whole: under a temporary name beside it, then renamed. A reader (the live
preview's server, another build's process, a curator's tool) finds the old file or the new
one, never half of one."""

import os
from pathlib import Path


def write_whole(path: Path, content: bytes) -> None:
    # The process's id in the temporary name: two processes may write the same file (the
    # cache's entries), each its own copy, and the last rename wins.
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def remove(path: Path, root: Path) -> None:
    """A file gone, and each folder above it that it leaves empty, up to `root` (a dirty
    build's site, which keeps what it does not write)."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()  # only if empty
        except OSError:
            return
        folder = folder.parent
