"""The one table of generated pages: long listings split into parts, and record pages.

Everything else derives from these tables: URLs (urls.py), which part lists a record (Parts),
the pages the build adds (generator/record_pages.py) and the macros that render part 1 in prose pages.

A listing is split into parts of bounded size: /figures/, /figures/2/, /figures/3/... At the
real data's size every listing fits on one page; at a national tracker's size (the benchmark's
M and L) one page would weigh megabytes. Items keep a fixed order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pyuca import Collator

from . import commitments
from .records import Record, Records


@cache
def _collator() -> Collator:
    # The Unicode collation table, read once per process (a constant, not data): 0.25 s.
    return Collator()


def sort_key(name: str) -> tuple:
    """Alphabetical order by the Unicode Collation Algorithm: accents and case only break ties
    (école, Ecole, Éducation, Emploi), Œ sorts as OE and Æ as AE. CLDR's French and English
    collations are both this root order, so one order serves both languages (and the parts of
    a listing are the same in both)."""
    return _collator().sort_key(name)


def _commitments(data: Records) -> list[Record]:
    return sorted(data["commitments"].values(), key=commitments.order_key)


def _figures(data: Records) -> list[Record]:
    order = {ind: i for i, ind in enumerate(data["indicators"])}
    # Stable sort: CSV order within an indicator.
    return sorted(data["figures"].values(), key=lambda f: order[f.indicator_id])


@dataclass(frozen=True)
class Listing:
    name: str  # also the page's name in urls.PAGES and its title key list_<name>
    path: str  # URL of part 1 from the language root; part n is <path><n>/
    per_part: int  # items per part, sized to keep a page under about 60 KB of HTML
    order: Callable[[Records], list[Record]]
    template: str  # renders one part (pages/templates/)


LISTINGS = {
    listing.name: listing
    for listing in (
        Listing("figures", "figures/", 12, _figures, "figures.html"),
        Listing(
            "targets",
            "targets/",
            10,
            lambda d: [f for f in d["figures"].values() if f.kind == "target"],
            "targets.html",
        ),
        Listing("commitments", "commitments/", 20, _commitments, "commitments.html"),
        Listing(
            "timeline",
            "timeline/",
            25,
            lambda d: sorted(d["announcements"].values(), key=lambda a: (a.date, a.id)),
            "timeline.html",
        ),
        Listing(
            "organisations",
            "organisations/",
            80,
            lambda d: sorted(d["organisations"].values(), key=lambda o: sort_key(o.name)),
            "organisations.html",
        ),
        Listing(
            "people",
            "people/",
            80,
            lambda d: sorted(d["people"].values(), key=lambda p: sort_key(p.name.split()[-1])),
            "people.html",
        ),
        Listing("sources", "sources/", 2, lambda d: list(d["sources"].values()), "sources.html"),
    )
}


@dataclass(frozen=True)
class RecordPage:
    resource: str
    folder: str  # one page per record at <folder>/<id>/
    template: str


RECORD_PAGES = {
    page.resource: page
    for page in (
        RecordPage("organisations", "organisation", "organisation.html"),
        RecordPage("people", "person", "person.html"),
    )
}


class Parts:
    """Each listing's items cut into parts, and which part holds a given record."""

    def __init__(self, records: Records):
        self._chunks: dict[str, list[list[Record]]] = {}
        self._where: dict[str, dict[str, int]] = {}
        for name, listing in LISTINGS.items():
            items, size = listing.order(records), listing.per_part
            chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
            self._chunks[name] = chunks
            self._where[name] = {
                rec.id: n for n, chunk in enumerate(chunks, start=1) for rec in chunk
            }

    def count(self, listing: str) -> int:
        return len(self._chunks[listing])

    def items(self, listing: str, part: int) -> list[Record]:
        return self._chunks[listing][part - 1]

    def part_of(self, listing: str, record_id: str) -> int:
        """The part (1-based) that lists the record."""
        return self._where[listing][record_id]
