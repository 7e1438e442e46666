"""Editorial choices (featured_figures.csv, charts.csv) that the pages can render: one
headline target, one home chart, each chart an indicator with figures to draw. Unknown ids
are foreign-key problems reported by frictionless."""

from datetime import date

from .raw import RawPackage
from .report import problem


def editorial(pkg: RawPackage, today: date):
    featured, charts, figures = (
        pkg.tables.get(n) for n in ("featured_figures", "charts", "figures")
    )
    if not (featured and charts and figures):
        return
    kinds = {row["id"]: row.get("kind") for _, row in figures.rows}
    heads = [(line, row) for line, row in featured.rows if row.get("headline") == "true"]
    if len(heads) != 1:
        line = heads[1][0] if len(heads) > 1 else None
        yield problem(featured.path, line, "headline", "headline-count", found=len(heads))
    for line, row in heads:
        kind = kinds.get(row.get("figure_id"))
        if kind and kind != "target":
            yield problem(
                featured.path, line, "figure_id", "headline-kind", id=row["figure_id"], kind=kind
            )
    yield from _twice(featured, "figure_id", "featured-twice")
    homes = [line for line, row in charts.rows if row.get("home") == "true"]
    if len(homes) != 1:
        yield problem(
            charts.path, homes[1] if len(homes) > 1 else None, "home", "home-chart-count",
            found=len(homes),
        )  # fmt: skip
    # Two charts of one indicator must draw different places (geo).
    yield from _twice(charts, "indicator_id", "chart-twice", also="geo")
    drawn = {row.get("indicator_id") for _, row in figures.rows}
    for line, row in charts.rows:
        if (indicator := row.get("indicator_id")) not in drawn:
            yield problem(charts.path, line, "indicator_id", "chart-empty", id=indicator)


def _twice(table, column: str, code: str, also: str | None = None):
    """A second row naming the same figure or indicator (and the same `also`, where given),
    located on that row."""
    seen: dict[tuple, int] = {}
    for line, row in table.rows:
        value = row.get(column)
        key = (value, row.get(also) if also else None)
        if key in seen:
            yield problem(table.path, line, column, code, id=value, other=seen[key])
        seen.setdefault(key, line)
