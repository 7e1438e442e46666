"""What one build makes once and several of its pages and files use, each under its own name.

The build context (context.py) holds the data; a build's products are its own: a fresh
Products for each build and for each process of it (Context.packed leaves them out).
A product is made the first time it is asked for, by the maker its asker passes, unless the
build layer gave it: in a site build, the lists of the published files (outputs/publishing.py)
and the cache with its code's key (outputs/code.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Product(Generic[T]):
    """One product of a build: made once, then the same value for every asker."""

    def __init__(self) -> None:
        self._made = False
        self._value: T | None = None

    @property
    def made(self) -> bool:
        return self._made

    def give(self, value: T) -> None:
        """The build layer's value, made elsewhere or by other means."""
        self._value, self._made = value, True

    def get(self, make: Callable[[], T]) -> T:
        """The product: the value given, else made by `make` the first time; the same value
        afterwards."""
        if not self._made:
            self._value = make()
            self._made = True
        return self._value  # type: ignore[return-value]


@dataclass(eq=False)
class Products:
    # The cache of outputs that are pure functions of their inputs (data/cache.py): the code's
    # key is computed once a build.
    cache: Product[Any] = field(default_factory=Product)
    # The context pickled for the build's other processes, and its SHA-256 (Context.packed).
    packed: Product[bytes] = field(default_factory=Product)
    fingerprint: Product[str] = field(default_factory=Product)
    # The Jinja environment of the pages (pages/render.py): templates compiled once a build.
    templates: Product[Any] = field(default_factory=Product)
    # Every chart file by path, and their sizes the pages list (pages/charts.py).
    charts: Product[dict[str, bytes]] = field(default_factory=Product)
    chart_sizes: Product[dict[str, int]] = field(default_factory=Product)
    # The downloads (publish/downloads.py), listed on the data page in each language and in
    # the catalogue; the releases' files and their lists (publish/versions.py).
    downloads: Product[tuple] = field(default_factory=Product)
    releases: Product[dict] = field(default_factory=Product)
    release_downloads: Product[dict] = field(default_factory=Product)
    # The commitments' counts and the parts each status starts on (pages/views/commitments.py).
    commitments_overview: Product[dict] = field(default_factory=Product)
    # The record pages of this language's build by source path (generator/record_pages.py),
    # and the prose macros' HTML by page path until the page is rendered (generator/macros.py).
    generated: dict[str, Any] = field(default_factory=dict)
    fragments: dict[str, list[str]] = field(default_factory=dict)
