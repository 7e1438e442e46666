"""Everything published besides the pages: {path under the site root: bytes}."""

from ..data.context import Context
from . import api, calendar, catalog, citations, feeds, versions
from .downloads import downloads, sha256sums
from .package_zip import package_descriptor
from .tables import json_bytes


def files(ctx: Context) -> dict[str, bytes]:
    out = {}
    for lang in ctx.languages:
        out[calendar.calendar_path(lang)] = calendar.icalendar(ctx, lang)
        out[feeds.feed_path(ctx, lang)] = feeds.atom(ctx, lang)
        out[feeds.commitments_feed_path(ctx, lang)] = feeds.commitments_atom(ctx, lang)
    out["data/datapackage.json"] = json_bytes(package_descriptor(ctx))
    for d in downloads(ctx):
        out[d.path] = d.content
    out["data/SHA256SUMS"] = sha256sums(ctx)
    out["data/catalog.ttl"] = catalog.turtle(ctx)
    out["data/catalog.jsonld"] = catalog.jsonld(ctx)
    out["data/citation.bib"] = citations.bibtex(ctx).encode("utf-8")
    out["data/citation.json"] = json_bytes(citations.csl_json(ctx))
    out |= api.files(ctx)
    out |= versions.files(ctx)
    return out
