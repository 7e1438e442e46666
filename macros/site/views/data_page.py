"""The data page: downloads with sizes and checksums, API, catalogue, feeds, citations, versions."""

import json

from ...publish import api, citations, dataset, feeds
from ...publish.calendar import calendar_path
from ...publish.downloads import downloads, sha256sums
from ...publish.tables import json_bytes
from ..page import Page


def json_for_script(data) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def data_page(ctx: Page) -> dict:
    build, fmt = ctx.build, ctx.fmt
    files = [
        {
            "name": d.path.removeprefix("data/"),
            "href": ctx.link(d.path),
            "url": ctx.absolute(d.path),
            "format": d.format,
            "size": fmt.size(d.size),
            "bytes": d.size,
            "rows": fmt.number(d.rows) if d.rows is not None else "",
            "sha256": d.sha256,
            "description": d.description[ctx.lang],
        }
        for d in downloads(build)
    ]
    log = build.changelog
    example_org = next(iter(build.data["organisations"]))
    feed = feeds.feed_path(build, ctx.lang)
    changes = feeds.commitments_feed_path(build, ctx.lang)
    calendar = calendar_path(ctx.lang)
    return {
        "version": build.version,
        "released": fmt.day(log[0]["date"], "day"),
        "changes": log[0]["items"],
        "changelog": [
            {"version": e["version"], "date": fmt.day(e["date"], "day"), "items": e["items"]}
            for e in log
        ],
        "files": files,
        "package": {
            "href": ctx.link("data/datapackage.json"),
            "url": ctx.absolute("data/datapackage.json"),
        },
        "sums": {
            "href": ctx.link("data/SHA256SUMS"),
            "text": sha256sums(build).decode("utf-8").rstrip("\n"),
        },
        "api_index": ctx.absolute(f"api/{api.VERSION}/index.json"),
        "api_resource": ctx.absolute(f"api/{api.VERSION}/figures.json"),
        "api_item": ctx.absolute(f"api/{api.VERSION}/organisations/{example_org}.json"),
        "catalog": [
            {"name": n, "href": ctx.link(f"data/{n}")} for n in ("catalog.jsonld", "catalog.ttl")
        ],
        "feed": {"href": ctx.link(feed), "url": ctx.absolute(feed)},
        "commitments_feed": {"href": ctx.link(changes), "url": ctx.absolute(changes)},
        "calendar": {"href": ctx.link(calendar), "url": ctx.absolute(calendar)},
        "bibtex": citations.bibtex(build),
        "csl": json_bytes(citations.csl_json(build)).decode("utf-8"),
        "citation_files": [
            {"name": n, "href": ctx.link(f"data/{n}")} for n in ("citation.bib", "citation.json")
        ],
        "schema_org": json_for_script(dataset.schema_org(build)),
    }
