"""Everything published besides the pages: (path under the site root, bytes), one file at a
time, so that the publisher never holds the whole site's files at once."""

from collections.abc import Iterator

from ..data.context import Context
from . import calendar, catalog, citations, feeds, sqljs, versions
from .downloads import downloads, sha256sums
from .package_zip import package_descriptor
from .tables import json_bytes


def data_files(ctx: Context) -> Iterator[tuple[str, bytes]]:
    """The package's downloads and what describes them: checksums, catalogue, citations,
    every release's folder; and sql.js, which reads the database."""
    yield "data/datapackage.json", json_bytes(package_descriptor(ctx))
    for d in downloads(ctx):
        yield d.path, d.content
    yield "data/SHA256SUMS", sha256sums(ctx)
    yield from catalog.files(ctx).items()
    yield "data/citation.bib", citations.bibtex(ctx).encode("utf-8")
    yield "data/citation.json", json_bytes(citations.csl_json(ctx))
    yield from versions.files(ctx).items()
    yield from sqljs.files().items()


def feed_files(ctx: Context) -> Iterator[tuple[str, bytes]]:
    """What readers subscribe to: each language's calendar and feeds."""
    for lang in ctx.languages:
        yield calendar.calendar_path(lang), calendar.icalendar(ctx, lang)
        yield feeds.feed_path(ctx, lang), feeds.atom(ctx, lang)
        yield feeds.commitments_feed_path(ctx, lang), feeds.commitments_atom(ctx, lang)
