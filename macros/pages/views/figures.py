"""Figures, figures grouped by indicator, and targets with their latest measurements."""

from ...data.comparisons import preference
from ..page import Page
from .history import history
from .links import attribution, commitment_statuses, figure_link, org_link, source_link, stated_by
from .sources import published_day, source_date

# A target lists only the latest few measurements of its indicator: all of them against every
# target is quadratic (the benchmark found a 4 MB page at 1,000 figures).
LATEST_MEASUREMENTS = 6


def formatted_value(fig, ctx: Page) -> str:
    shown = ctx.fmt.value(fig, ctx.data["units"][fig.unit])
    return ctx.t("per_year", value=shown) if fig.per == "year" else shown


def citation(fig, ctx: Page) -> dict:
    """The ready-to-copy reference; the source's title keeps its own language (title_lang).

    A source may lack a publisher, a reference or an address: each case has its own wording in
    the catalogue (citation_before*, citation_after*), so that no citation shows empty brackets
    or a stray comma. The date always reads: the document's own, or that it gives none."""
    src = ctx.data["sources"][fig.source_id]
    publisher = ctx.data["organisations"][src.publisher_id].name if src.publisher_id else None
    after = {
        (True, False): "citation_after",
        (False, False): "citation_after_no_reference",
        (True, True): "citation_after_url",
        (False, True): "citation_after_url_no_reference",
    }[bool(src.reference), bool(src.url)]
    return {
        "before": ctx.t(
            "citation_before" if publisher else "citation_before_no_publisher",
            label=ctx.fmt.text(fig, "label"),
            value=formatted_value(fig, ctx),
            publisher=publisher,
        ),
        "title": src.title,
        "title_lang": src.language,
        "after": ctx.t(
            after,
            reference=src.reference,
            date=source_date(src, ctx),
            source_url=src.url,
            site=ctx.build.config.site_name(ctx.lang),
            url=ctx.absolute(ctx.urls.figure(fig.id, ctx.lang)),
        ),
    }


def period(fig, ctx: Page) -> str:
    """The period a figure covers, with the day its source was published where the source
    gives one: "2024 (published 23 January 2025)"."""
    if fig.period is None:
        return ""
    covered = ctx.fmt.day(fig.period, fig.period_precision)
    published = published_day(ctx.data["sources"][fig.source_id])
    if published is None:
        return covered
    return ctx.t("period_published", period=covered, published=ctx.fmt.day(published, "day"))


def figure_row(fig, ctx: Page) -> dict:
    """A figure as a row of a record page's table: no quotation, no citation."""
    return {
        "id": fig.id,
        "href": ctx.link(ctx.urls.figure(fig.id, ctx.lang)),
        "label": ctx.fmt.text(fig, "label"),
        "value": formatted_value(fig, ctx),
        "kind": fig.kind,
        "kind_label": ctx.label("figure_kinds", fig.kind),
        "date": ctx.fmt.day(fig.date, fig.date_precision),
        "deadline": ctx.fmt.day(fig.deadline, fig.deadline_precision),
        "period": period(fig, ctx),
        "period_only": ctx.fmt.day(fig.period, fig.period_precision),
        "source": source_link(fig.source_id, ctx),
    }


def differs(fig, ctx: Page) -> dict | None:
    """Where other sources give another value for what this figure states: each value with
    who gives it (a claim or a publication), its source and quotation, and which one the
    charts and headline use, if a curator chose."""
    group = ctx.build.index.disagreement(fig.id)
    if group is None:
        return None
    first = group.figures[0]
    preferred = ctx.data["figures"][group.preferred] if group.preferred else None
    note = ctx.t("sources_differ_unsettled")
    if preferred:
        reason = preference(ctx.data, preferred.id)
        note = ctx.t(
            "sources_differ_preferred",
            value=formatted_value(preferred, ctx),
            who=attribution(ctx.build, preferred, ctx.lang),
            reason=ctx.fmt.text(reason, "reason"),
        )
    what = ctx.fmt.text(ctx.data["indicators"][first.indicator_id], "label")
    what += " · " + ctx.label("places", first.geo)
    if first.segment:
        what += " · " + ctx.label("segments", first.segment)
    when = ctx.fmt.day(first.period, first.period_precision)
    return {
        "title": f"{what}, {when}",
        "intro": ctx.t("sources_differ_intro", what=what, period=when),
        "figures": [
            {
                "id": f.id,
                "this": f.id == fig.id,
                "preferred": f.id == group.preferred,
                "href": ctx.link(ctx.urls.figure(f.id, ctx.lang)),
                "value": formatted_value(f, ctx),
                "who": attribution(ctx.build, f, ctx.lang),
                "kind_label": ctx.label("figure_kinds", f.kind),
                "source": source_link(f.source_id, ctx),
                "quote": f.quote,
            }
            for f in group.figures
        ],
        "note": note,
    }


def parts(fig, ctx: Page) -> list[dict]:
    """The parts of a whole, each with its value and a link."""
    return [
        figure_link(p.id, ctx)
        | {"value": formatted_value(p, ctx), "scope": ctx.fmt.text(p, "scope")}
        for p in ctx.build.index("parts_of", fig.id)
    ]


def figure(fig, ctx: Page) -> dict:
    """A figure in full: its row, plus scope, place, who stated it, quotation and citation."""
    return figure_row(fig, ctx) | {
        "history": history("figures", fig.id, ctx),
        "scope": ctx.fmt.text(fig, "scope"),
        "place": ctx.label("places", fig.geo),
        "about": org_link(fig.organisation_id, ctx),
        "stated_by": stated_by(fig.stated_by_person_id, fig.stated_by_organisation_id, ctx),
        "quote": fig.quote,
        "citation": citation(fig, ctx),
        "commitments": commitment_statuses(ctx.build.index("commitments_by_figure", fig.id), ctx),
        "differs": differs(fig, ctx),
        "whole": figure_link(fig.part_of, ctx) if fig.part_of else None,
        "parts": parts(fig, ctx),
    }


def figures_by_indicator(items, ctx: Page) -> list[dict]:
    """A part's figures, grouped by indicator (in the indicators' order)."""
    groups: dict[str, dict] = {}
    for f in items:
        if f.indicator_id not in groups:
            ind = ctx.data["indicators"][f.indicator_id]
            groups[f.indicator_id] = {
                "id": ind.id,
                "label": ctx.fmt.text(ind, "label"),
                "description": ctx.fmt.text(ind, "description"),
                "figures": [],
            }
        groups[f.indicator_id]["figures"].append(figure(f, ctx))
    return list(groups.values())


def targets(items, ctx: Page) -> list[dict]:
    out = []
    for fig in items:
        unit = ctx.data["units"][fig.unit]
        # Only the same indicator, place and segment: a target for micro-businesses is no
        # distance from large corporations' rate, the EU's from France's, adoption from use.
        key = (fig.indicator_id, fig.geo, fig.segment)
        latest = ctx.build.index("measurements_by_comparable", key)
        measures = []
        for m in latest[:LATEST_MEASUREMENTS]:
            view = figure(m, ctx)
            gap = fig.value - m.value
            if unit.format == "percent":
                view["gap"] = ctx.t("gap_points", value=ctx.fmt.number(gap))
            else:
                view["gap"] = ctx.t("gap_value", value=ctx.fmt.quantity(gap, unit))
            measures.append(view)
        out.append({"target": figure(fig, ctx), "measures": measures})
    return out


def home_figures(ctx: Page) -> list[dict]:
    """The featured figures (featured_figures.csv), the headline target first."""
    return [figure(f, ctx) for f in ctx.build.editorial.figures]


def all_differences(ctx: Page) -> list[dict]:
    """Every disagreement between sources, each seen from its first figure: the list a data
    user checks before quoting any of them."""
    return [differs(group.figures[0], ctx) for group in ctx.build.index("disagreements", None)]
