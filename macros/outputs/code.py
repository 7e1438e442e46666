"""The code a process makes its outputs with, as it loaded it: what every cached output's
key is made of (data/cache.py).

A process that lives long (the live preview's, a pool's worker) keeps the modules it imported:
a file edited since then is not the code it runs, and a key made from the files on disk would
store its old output under the new code's key. So the key hashes the files of the stages that
make outputs (`OUTPUT_STAGES`) only while none of the project's files has changed since this
process started (macros/started.py): then every module it imported, or will import, is those
bytes. A process in which one has changed runs old code: it gets no key (`key()` is None),
and an output made while a file changed is never kept (`unchanged`, which the cache asks
before it stores one). The live preview restarts in that case (generator/plugin.py).

The key also holds the installed distributions' names and versions, the runtime libraries,
and the font files the pictures are drawn with; the templates and the catalogues are read once
a build into memory and keyed from there (render.templates, the context's languages).
"""

import hashlib
import sqlite3
import sys
import zlib
from pathlib import Path

from ..data.cache import Cache, outputs_folder
from ..started import MACROS, STARTED, stamps

OUTPUT_STAGES = ("format", "data", "publish", "pages")


def changed() -> list[Path]:
    """The project's Python files added, edited or removed since this process started."""
    now = stamps()
    return sorted(p for p in STARTED.keys() | now.keys() if STARTED.get(p) != now.get(p))


def distributions() -> list[str]:
    """Every installed distribution, by name and version: a library's new release may change
    the bytes it writes (openpyxl, matplotlib, rdflib, …). Read from the names of their
    metadata folders (`<name>-<version>.dist-info`, the wheel format's rule), a hundred times
    faster than parsing each one's metadata, which every process of a build would pay."""
    found = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        if folder.is_dir():
            found.update(
                p.name for p in folder.iterdir() if p.suffix in (".dist-info", ".egg-info")
            )
    return sorted(found)


def fonts() -> list[str]:
    """The font files the charts and cards are drawn with, as matplotlib finds them on this
    machine (a system font of the same name draws other pixels)."""
    from matplotlib import font_manager

    from ..pages.charts import STYLE

    found = set()
    for weight in ("normal", "bold"):
        props = font_manager.FontProperties(family=STYLE["font.family"], weight=weight)
        found.add(font_manager.findfont(props, fallback_to_default=False))
    return sorted(found)


def unchanged() -> bool:
    return not changed()


def key() -> str | None:
    """The key of the code this process makes outputs with; None if it runs old code."""
    if changed():
        return None
    made = _loaded()
    return None if changed() else made  # an edit while it was hashed: old code or new?


# This process's code key, once made, or given by the process that started it (`adopt`).
_KEY: dict[str, str] = {}


def identity() -> tuple[dict[str, tuple[int, int]], str] | None:
    """What a worker this process starts needs to take its code key rather than hash it again:
    the files as this process found them at its start, and their key (None: old code)."""
    made = key()
    return None if made is None else (_found(), made)


def adopt(given: tuple[dict[str, tuple[int, int]], str] | None) -> None:
    """In a worker: the key `identity()` gave, if this process found the same files at its
    start (same machine, libraries and fonts: the same environment started it)."""
    if given is not None and given[0] == _found():
        _KEY.setdefault("code", given[1])


def _found() -> dict[str, tuple[int, int]]:
    """The project's files as this process found them at its start, by path (picklable)."""
    return {str(p): s for p, s in STARTED.items()}


def _loaded() -> str:
    if "code" not in _KEY:
        _KEY["code"] = _hashed()
    return _KEY["code"]


def _hashed() -> str:
    files = sorted(p for p in STARTED if p.relative_to(MACROS).parts[0] in OUTPUT_STAGES)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(MACROS)).encode() + b"\0" + path.read_bytes())
    for font in fonts():
        digest.update(font.encode() + b"\0" + Path(font).read_bytes())
    runtime = (sys.version, zlib.ZLIB_RUNTIME_VERSION, sqlite3.sqlite_version, distributions())
    digest.update(repr(runtime).encode())
    return digest.hexdigest()


def build_key(ctx) -> str | None:
    """The key of everything a build makes its outputs with: this process's code, and the
    catalogues and templates as this build read them."""
    from ..pages.render import environment

    code = key()
    if code is None:
        return None
    words = repr([(c, sorted(lang.labels.items())) for c, lang in ctx.languages.items()])
    parts = (code, environment(ctx).sources_key, hashlib.sha256(words.encode()).hexdigest())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def give_cache(ctx) -> None:
    """The build's cache (data/cache.py), under its code's key."""
    ctx.products.cache.give(Cache(outputs_folder(), build_key(ctx), unchanged))
