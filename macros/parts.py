"""Long listings split into parts of bounded size: /figures/, /figures/2/, /figures/3/...

At the real data's size every listing fits on one page; at a national tracker's size (the
benchmark's M and L) a single page would weigh megabytes. Items keep a fixed order, and the
part that holds a given item is computed here, so links always point at the right part.
"""

from functools import cache

from . import i18n
from .load import load

# Items per part, sized to keep a page under about 60 KB of HTML.
PER_PART = {
    "figures": 12,
    "targets": 10,
    "timeline": 25,
    "organisations": 80,
    "people": 80,
    "sources": 2,
}


def _ordered(listing: str) -> list:
    data = load()
    if listing == "figures":
        order = {ind: i for i, ind in enumerate(data["indicators"])}
        return sorted(
            data["figures"].values(), key=lambda f: order[f.indicator_id]
        )  # stable: CSV order within
    if listing == "targets":
        return [f for f in data["figures"].values() if f.kind == "target"]
    if listing == "timeline":
        return sorted(data["announcements"].values(), key=lambda a: (a.date, a.id))
    if listing == "organisations":
        return sorted(data["organisations"].values(), key=lambda o: i18n.sort_key(o.name))
    if listing == "people":
        return sorted(data["people"].values(), key=lambda p: i18n.sort_key(p.name.split()[-1]))
    if listing == "sources":
        return list(data["sources"].values())
    raise KeyError(listing)


@cache
def chunks(listing: str) -> tuple[tuple, ...]:
    items, size = _ordered(listing), PER_PART[listing]
    return tuple(tuple(items[i : i + size]) for i in range(0, len(items), size)) or ((),)


def count(listing: str) -> int:
    return len(chunks(listing))


def items(listing: str, part: int) -> tuple:
    return chunks(listing)[part - 1]


@cache
def _where(listing: str) -> dict[str, int]:
    return {rec.id: n for n, chunk in enumerate(chunks(listing), start=1) for rec in chunk}


def part_of(listing: str, record_id: str) -> int:
    """The part (1-based) that lists the record."""
    return _where(listing)[record_id]
