"""The SQL page: the published SQLite database queried in the reader's browser (sql.js in a
worker, docs/assets/explorer.js), with every table's columns from the schemas and the
package's example queries (example_queries.csv)."""

from urllib.parse import quote as url_quote

from ...data.sql import TYPES
from ...publish.downloads import downloads
from ...publish.sqljs import SQLJS
from ..page import Page
from .data_page import json_for_script
from .dictionary import dictionary

# Rows a result shows on the page (all of them go into its CSV).
SHOWN = 500
# The messages the page's script shows, in the page's language (locales: sql_js_<key>).
MESSAGES = (
    "loading", "ready", "running", "stopped", "failed", "load_failed", "rows_one",
    "rows_other", "shown", "no_rows", "elapsed", "syntax", "no_table", "no_column",
    "read_only", "empty", "several", "csv_name",
)  # fmt: skip


def sql_page(page: Page) -> dict:
    build, lang = page.build, page.lang
    sqlite = next(d for d in downloads(build) if d.format == "SQLite")
    tables = [
        {**t, "fields": [{**f, "sqlite": TYPES[f["type"]]} for f in t["fields"]]}
        for t in dictionary(page)
    ]
    examples = sorted(build.data.get("example_queries", {}).values(), key=lambda q: q.rank)
    return {
        "database": {
            "href": page.link(sqlite.path),
            "name": sqlite.path.rsplit("/", 1)[-1],
            "size": page.fmt.size(sqlite.size),
            "bytes": sqlite.size,
        },
        "sqljs": page.link(SQLJS),
        "tables": tables,
        "examples": [
            {
                "id": q.id,
                "title": page.fmt.text(q, "title"),
                "description": page.fmt.text(q, "description"),
                "sql": q.sql,
                "href": "?q=" + url_quote(q.sql, safe="") + "#bf-sql",
            }
            for q in examples
        ],
        "first": examples[0].sql if examples else "SELECT * FROM _metadata",
        "shown": SHOWN,
        "data_page": page.link(build.urls.site_path(lang, "data/")),
        # Typeset as the catalogue writes them (the page's typography skips scripts); the
        # page's script fills in their {names}.
        "messages": json_for_script(
            {key: page.fmt.typeset_html(page.fmt.labels[f"sql_js_{key}"]) for key in MESSAGES}
        ),
    }
