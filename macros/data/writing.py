"""A file written whole: under a temporary name beside it, then renamed. A reader (the live
preview's server, another build's process, a curator's tool) finds the old file or the new
one, never half of one."""

import os
import shutil
import uuid
from pathlib import Path

SET_ASIDE = ".briefing-old"  # hidden: MkDocs never empties its site of hidden entries


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


def set_aside(folder: Path) -> Path | None:
    """What MkDocs deletes when it empties `folder` before a build (every entry but the hidden
    ones), moved at once into a hidden folder of it, which is returned for a worker to delete
    while the build goes on: a rename each, where deleting the last build's tens of thousands
    of files took seconds. None if there was nothing to move."""
    entries = [e for e in folder.iterdir() if not e.name.startswith(".")] if folder.is_dir() else []
    if not entries:
        return None
    aside = folder / SET_ASIDE / uuid.uuid4().hex  # never an interrupted build's leftovers
    aside.mkdir(parents=True)
    for entry in entries:
        os.replace(entry, aside / entry.name)
    return folder / SET_ASIDE


def delete(folder: str) -> None:
    """A folder set aside, and any an interrupted build left there, deleted."""
    shutil.rmtree(folder, ignore_errors=True)
