"""Every file a build publishes besides its pages: downloads, API, catalogue, feeds,
calendars, charts, embeds, preview cards and every release's folder.

`publish` runs in a worker of the pool (pool.py) while the pages render: it writes each file
whole into the build's staging folder, never into the site, which each language's build
empties when it starts; the default language's build moves them into place once every
language's pages are written (`move_into`). What the pages list of these files (sizes,
checksums) is `listing`, made once for the package's data and shared by every process through
the cache (data/cache.py).
"""

import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..data.cache import cache_of
from ..data.context import Context
from ..data.writing import write_whole
from .code import give_cache
from .pool import chaos


@dataclass(frozen=True)
class Listing:
    """What the pages list of the published files, without their bytes."""

    chart_sizes: dict[str, int]  # {path: bytes} of every chart file
    downloads: tuple  # publish/downloads.Download.listed() of every download
    release_downloads: dict  # every release's files (publish/versions.release_downloads)


def listing(ctx: Context) -> Listing:
    """Made once for the package's data, by the publisher first: the pages' processes read
    this small entry instead of every chart's and download's bytes (data/cache.py)."""
    return cache_of(ctx).get("listing", (ctx.fingerprint(),), lambda: _listing(ctx))


def _listing(ctx: Context) -> Listing:
    from ..pages import charts
    from ..publish.downloads import downloads
    from ..publish.versions import release_downloads

    return Listing(
        chart_sizes=charts.sizes(ctx),
        downloads=tuple(d.listed() for d in downloads(ctx)),
        release_downloads=release_downloads(ctx),
    )


def files(ctx: Context, part: str | None = None) -> Iterable[tuple[str, bytes]]:
    """The published files of one part (PARTS), or all of them: (path under the site's root,
    bytes), one group at a time."""
    from ..pages import cards, charts, embeds
    from ..publish import api
    from ..publish.files import data_files, feed_files

    groups = {
        "downloads": (data_files,),
        "pictures": (charts.files, embeds.files, cards.files),
        "feeds": (feed_files,),
        "api": (api.files,),
    }
    for name in PARTS if part is None else (part,):
        for group in groups[name]:
            chaos(f"publish {group.__module__}.{group.__name__}")
            made = group(ctx)
            yield from made.items() if isinstance(made, dict) else made


# The publisher's jobs, queued after the other languages' builds: the downloads first, whose
# listing the prose pages wait for; then the pictures, the feeds (calendars and feeds) and the
# API, which the two workers share as each frees up, so that no core waits on a last long job
# (at the benchmark's M scale, the workbook weighs most; then the API's 25,620 files and the
# feeds, about 2 and 3 s each).
PARTS = ("downloads", "pictures", "feeds", "api")


def write(root: Path, made: Iterable[tuple[str, bytes]], site: Path | None = None) -> list[str]:
    """Each file whole under `root`, but those that `site` already holds with the same bytes
    (a dirty build's site keeps the last build's files); the paths of every file made."""
    written, folders = [], set()
    for rel, content in made:
        written.append(rel)
        if site is not None and _holds(site / rel, content):
            continue
        path = root / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        write_whole(path, content)
    return written


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def unpacked(data: bytes):
    """What another process packed (Context.packed): a context, with this process's cache, or
    the problems of an invalid package."""
    made = pickle.loads(data)
    if isinstance(made, Context):
        made.products.packed.give(data)
        give_cache(made)
    return made


def publish(data: bytes, staging: str, dirty: bool = False, part: str | None = None) -> set[str]:
    """In a worker: the context pickled in `data`, the files of `part` (or all) written under
    `staging` (emptied first), but, in a dirty build, those the site (staging's parent)
    already holds as they are; the paths of every file of the part."""
    ctx: Context = unpacked(data)
    if part in (None, PARTS[0]):
        listing(ctx)  # first: the pages wait for it (data/cache.py)
    root = Path(staging)
    shutil.rmtree(root, ignore_errors=True)
    return set(write(root, files(ctx, part), root.parent if dirty else None))


def move_into(staging: Path, site: Path) -> None:
    """The staged files into the site, each renamed into place (the same file system), and
    the staging folder gone."""
    for folder, _, names in os.walk(staging):
        target = site / Path(folder).relative_to(staging)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, target / name)
    shutil.rmtree(staging, ignore_errors=True)
