"""The SQL page's example queries (example_queries.csv) run on the published database: each
is prepared, on the package's tables left empty, the way the page will run it."""

from datetime import date

from ..data.sql import query_problem
from .raw import RawPackage
from .report import problem


def example_queries(pkg: RawPackage, today: date):
    queries = pkg.tables.get("example_queries")
    if not queries:
        return
    # As published: the computed columns (commitments' status, figures' differs_from) too.
    resources = [
        (t.name, {**t.schema, "fields": t.schema["fields"] + t.schema.get("computedFields", [])})
        for t in pkg.tables.values()
        if t.schema.get("primaryKey") and isinstance(t.schema.get("fields"), list)
    ]
    for line, row in queries.rows:
        if not (sql := row.get("sql", "").strip()):
            continue
        if found := query_problem(resources, sql):
            code, detail = found
            yield problem(queries.path, line, "sql", code, detail=detail)
