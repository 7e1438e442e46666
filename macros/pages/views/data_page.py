"""The data page: downloads with sizes and checksums, API, catalogue, feeds, citations, versions."""

import json

from ...data.releases import FIXES
from ...format.inline import html
from ...publish import api, citations, dataset, feeds
from ...publish.calendar import calendar_path
from ...publish.downloads import downloads, sha256sums
from ...publish.tables import json_bytes
from ...publish.versions import anchor, folder, moved, release_downloads
from ..page import Page


def json_for_script(data) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def data_page(page: Page) -> dict:
    build, fmt = page.build, page.fmt
    made = downloads(build)
    file = lambda d: {  # noqa: E731
        "name": d.path.removeprefix("data/"),
        "href": page.link(d.path),
        "format": d.format,
        "size": fmt.size(d.size),
        "bytes": d.size,
        "description": d.description[page.lang],
    }
    log = build.changelog
    listed = release_downloads(build)
    recorded = {r.version: r for r in build.versions.recorded}
    example_org = next(iter(build.data["organisations"]))
    feed = feeds.feed_path(build, page.lang)
    changes = feeds.commitments_feed_path(build, page.lang)
    calendar = calendar_path(page.lang)
    return {
        "version": build.version,
        "released": fmt.day(log[0]["date"], "day"),
        "changes": marked(log[0]["items"]),
        "changelog": [
            {
                "version": e["version"],
                "anchor": anchor(e["version"]),
                "date": fmt.day(e["date"], "day"),
                "items": marked(e["items"]),
                "record": not_rebuilt(recorded.get(e["version"]), page),
            }
            for e in log
            if not build.versions.find(e["version"])
        ],
        "releases": [
            release(page, rel, listed[rel.version]) for rel in reversed(build.versions.releases)
        ],
        "unreleased": bool(build.versions.unreleased),
        "history_notice": build.versions.notice,
        "history_fix": FIXES.get(build.versions.notice, ""),
        "files": [file(d) for d in made if d.resource is None],
        "tables": tables(page, made, file),
        "readers": readers(page, made),
        "package": {
            "href": page.link("data/datapackage.json"),
            "url": page.absolute("data/datapackage.json"),
        },
        "sha_intro": html(page.t("sha_intro")),
        "sums": {
            "href": page.link("data/SHA256SUMS"),
            "text": sha256sums(build).decode("utf-8").rstrip("\n"),
        },
        "api_index": page.absolute(api.index_path()),
        "api_resource": page.absolute(api.resource_path("figures")),
        "api_item": page.absolute(api.record_path("organisations", example_org)),
        "catalog": [
            {"name": n, "href": page.link(f"data/{n}")} for n in ("catalog.jsonld", "catalog.ttl")
        ],
        "feed": {"href": page.link(feed), "url": page.absolute(feed)},
        "commitments_feed": {"href": page.link(changes), "url": page.absolute(changes)},
        "calendar": {"href": page.link(calendar), "url": page.absolute(calendar)},
        "bibtex": citations.bibtex(build),
        "csl": json_bytes(citations.csl_json(build)).decode("utf-8"),
        "citation_files": [
            {"name": n, "href": page.link(f"data/{n}")} for n in ("citation.bib", "citation.json")
        ],
        "schema_org": json_for_script(dataset.schema_org(build)),
    }


# The downloads table's columns: one per format a table is published in, by folder.
COLUMNS = ("csv", "json", "parquet", "schemas")


def tables(page: Page, made, file) -> list[dict]:
    """One row per table: its rows counted once, a cell per format with its link and size."""
    build = page.build
    by_table = {}
    for d in made:
        if d.resource is not None:
            by_table.setdefault(d.resource, {})[d.path.split("/")[1]] = file(d)
    return [
        {
            "name": res["name"],
            "title": build.described(res, "title", page.lang),
            "rows": page.fmt.number(len(build.data[res["name"]])),
            "cells": [by_table[res["name"]].get(column) for column in COLUMNS],
        }
        for res in build.descriptor["resources"]
    ]


def readers(page: Page, made) -> list[dict]:
    """The one line that reads a table by its address, in DuckDB, pandas and Polars."""
    parquet = next((d for d in made if d.format == "Parquet"), None)
    if parquet is None:
        return []
    url = page.absolute(parquet.path)
    return [
        {"tool": "DuckDB", "language": "sql", "line": f"SELECT * FROM '{url}';"},
        {"tool": "pandas", "language": "python",
         "line": f'import pandas as pd\ndf = pd.read_parquet("{url}")'},
        {"tool": "Polars", "language": "python",
         "line": f'import polars as pl\ndf = pl.read_parquet("{url}")'},
    ]  # fmt: skip


def marked(items: dict[str, list[str]]) -> dict[str, list]:
    """A changelog entry's items with their inline Markdown (`code`, *emphasis*) as HTML."""
    return {lang: [html(i) for i in texts] for lang, texts in items.items()}


def not_rebuilt(record, page: Page) -> dict | None:
    """A recorded release this copy cannot rebuild: what its record proves of its files."""
    if record is None:
        return None
    zips = sorted(p for p in record.files if p.endswith(".zip"))
    return {
        "count": page.fmt.number(len(record.files)),
        "zip": [{"name": p.rsplit("/", 1)[-1], "sha256": record.files[p]} for p in zips],
    }


def release(page: Page, rel, listed) -> dict:
    """One recorded release: its changelog entry, permanent files and diff from the one before."""
    build, fmt, lang = page.build, page.fmt, page.lang
    entry = next((e for e in build.changelog if e["version"] == rel.version), None)
    entry = entry or next((e for e in rel.changelog() if e["version"] == rel.version), None)
    changes = build.versions.changes[rel.version]
    zips = [d for d in listed if d.format == "ZIP"]
    base = folder(rel.version)
    resources = {r["name"]: r for r in build.descriptor["resources"]}

    def title(name: str) -> str:
        return build.described(resources[name], "title", lang) if name in resources else name

    return {
        "version": rel.version,
        "anchor": anchor(rel.version),
        "date": fmt.day(rel.date, "day") if rel.date else "",
        "items": [html(i) for i in entry["items"].get(lang, [])] if entry else [],
        "previous": changes.old.version if changes.old else "",
        "needs": changes.needs,
        "zip": [
            {"href": page.link(moved(d.path, rel.version)), "name": d.path.removeprefix("data/"),
             "size": fmt.size(d.size), "sha256": d.sha256}
            for d in zips
        ],
        "folder": page.link(base + "datapackage.json"),
        "links": [
            {"href": page.link(base + n), "name": n}
            for n in ("datapackage.json", "SHA256SUMS", "changes.json", "changes.csv")
        ],
        "count": len(listed),
        "summary": [
            {"resource": title(name), **{k: fmt.number(v) for k, v in c.items()}}
            for name, c in changes.counts().items()
        ] if changes.old else [],
        "records": [
            {"resource": title(name), "id": rid, "change": "changed", "fields": ", ".join(fields)}
            for name, r in changes.resources.items()
            for rid, fields in r.changed.items()
        ] + [
            {"resource": title(name), "id": rid, "change": kind, "fields": ""}
            for name, r in changes.resources.items()
            for kind, ids in (("added", r.added), ("removed", r.removed))
            for rid in ids
        ] if changes.old else [],
    }  # fmt: skip
