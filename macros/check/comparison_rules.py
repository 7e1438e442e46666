"""Rules of what compares: the period a measurement covers is written in its quote; a part
is smaller than its whole and measures the same thing; a chart mixes places, segments or
organisations only where its row says it compares them; a preferred figure settles a real
disagreement, once. `sources_differ` is a notice, not an error: the briefing shows both
values until a curator marks one (comparisons.py says what differs)."""

import re
from datetime import date

from ..data.comparisons import amount, charted, disagreements, over_time
from .raw import RawPackage
from .report import problem

YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def quoted_periods(pkg: RawPackage, today: date):
    """A period known to the year or the quarter writes its year in the quote ("en 2024",
    "(2023)"); one known to the month or the day is checked with the other dates
    (quoted.quoted_dates)."""
    t = pkg.tables.get("figures")
    if not t or "period" not in t.header:
        return
    for line, row in t.rows:
        if row.get("period_precision") not in ("year", "quarter"):
            continue
        year = row["period"][:4]
        if year.isdigit() and year not in YEAR.findall(row.get("quote", "")):
            yield problem(t.path, line, "period", "period-not-quoted", year=year)


def parts(pkg: RawPackage, today: date):
    """A part (part_of) is a share of another figure: never larger, never a part of a part,
    and of the same unit, place, indicator and period as its whole."""
    t = pkg.tables.get("figures")
    if not t or "part_of" not in t.header:
        return
    rows = {row["id"]: row for _, row in t.rows}
    for line, row in t.rows:
        whole = rows.get(row.get("part_of") or "")
        if whole is None:
            continue  # empty, or frictionless reports the unknown id
        if whole is row:
            yield problem(t.path, line, "part_of", "part-self", id=row["id"])
            continue
        if whole.get("part_of"):
            yield problem(t.path, line, "part_of", "part-nested", whole=whole["id"])
        for col in ("unit", "geo", "indicator_id", "period", "period_precision"):
            if row.get(col, "") != whole.get(col, ""):
                yield problem(
                    t.path, line, col, "part-mismatch", field=col, whole=whole["id"],
                    value=row.get(col) or "—", expected=whole.get(col) or "—",
                )  # fmt: skip
        high, whole_high = _upper(row), _upper(whole)
        if high is not None and whole_high is not None and high > whole_high:
            yield problem(
                t.path, line, "value", "part-larger", whole=whole["id"], value=high,
                whole_value=whole_high,
            )  # fmt: skip


def _upper(row):
    low, high = amount(row)
    return high if high is not None else low


# What a chart may draw together only where its row says so: (column of charts.csv, column
# of figures.csv).
COMPARED = (
    ("compares_places", "geo"),
    ("compares_segments", "segment"),
    ("compares_actors", "organisation_id"),
)


def chart_comparisons(pkg: RawPackage, today: date):
    charts, figures = pkg.tables.get("charts"), pkg.tables.get("figures")
    if not charts or not figures or "geo" not in charts.header:
        return
    rows = [row for _, row in figures.rows]
    for line, chart in charts.rows:
        drawn = charted(rows, chart)
        if not drawn:
            if chart.get("geo") and any(
                f.get("indicator_id") == chart.get("indicator_id") for f in rows
            ):
                yield problem(
                    charts.path, line, "geo", "chart-empty-place",
                    id=chart["indicator_id"], place=chart["geo"],
                )  # fmt: skip
            continue
        for flag, col in COMPARED:
            found = sorted({f.get(col) or "—" for f in drawn})
            if len(found) > 1 and chart.get(flag) != "true":
                yield problem(charts.path, line, flag, "chart-mixes", field=col,
                              found=", ".join(found))  # fmt: skip
        if over_time(drawn):
            for f in drawn:
                when = f.get("deadline") if f.get("kind") == "target" else f.get("period")
                if not when:
                    yield problem(charts.path, line, "indicator_id", "chart-undated", id=f["id"])


def preferred(pkg: RawPackage, today: date):
    """A preferred figure settles a disagreement: it must be part of one, and only one figure
    of a disagreement is preferred."""
    marks, figures = pkg.tables.get("preferred_figures"), pkg.tables.get("figures")
    if not marks or not figures:
        return
    groups = disagreements(row for _, row in figures.rows)
    group_of = {i: g for g in groups for i in g.ids}
    known = {row["id"] for _, row in figures.rows}
    seen: dict[tuple, int] = {}
    for line, row in marks.rows:
        group = group_of.get(row.get("figure_id"))
        if group is None:
            if row.get("figure_id") in known:  # an unknown id is a foreign-key problem
                yield problem(marks.path, line, "figure_id", "preferred-alone", id=row["figure_id"])
        elif group.key in seen:
            yield problem(
                marks.path, line, "figure_id", "preferred-twice", id=row["figure_id"],
                other=seen[group.key],
            )  # fmt: skip
        else:
            seen[group.key] = line
    # The headline and key figures use the preferred figure of a settled disagreement.
    featured = pkg.tables.get("featured_figures")
    chosen = {row.get("figure_id") for _, row in marks.rows}
    for line, row in featured.rows if featured else []:
        group = group_of.get(row.get("figure_id"))
        settled = [i for i in group.ids if i in chosen] if group else []
        if settled and row["figure_id"] not in settled:
            yield problem(featured.path, line, "figure_id", "featured-not-preferred",
                          id=row["figure_id"], preferred=settled[0])  # fmt: skip


def sources_differ(pkg: RawPackage, today: date):
    """Notices: a disagreement no curator has settled, located on each figure after the
    first of its group."""
    figures, marks = pkg.tables.get("figures"), pkg.tables.get("preferred_figures")
    if not figures or "period" not in figures.header:
        return
    chosen = [row.get("figure_id") for _, row in marks.rows] if marks else []
    lines = {row["id"]: line for line, row in figures.rows}
    for group in disagreements((row for _, row in figures.rows), chosen):
        if group.preferred:
            continue
        first, *others = group.ids
        for other in others:
            yield problem(figures.path, lines[other], "value", "sources-differ", id=other,
                          other=first)  # fmt: skip


# Rules whose findings are notices: reported by `make validate`, never failing it.
NOTICES = [sources_differ]
