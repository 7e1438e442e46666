"""Figures, figures grouped by indicator, and targets with their latest measurements."""

from ...data.comparisons import preference
from ..page import Page
from .history import history_view
from .links import attribution, commitment_statuses, figure_link, org_link, source_link, stated_by
from .sources import published_day, source_date

# A target lists only the latest few measurements of its indicator: all of them against every
# target is quadratic (the benchmark found a 4 MB page at 1,000 figures).
LATEST_MEASUREMENTS = 6


def formatted_value(fig, page: Page) -> str:
    shown = page.fmt.value(fig, page.data["units"][fig.unit])
    return page.t("per_year", value=shown) if fig.per == "year" else shown


def citation(fig, page: Page) -> dict:
    """The ready-to-copy reference; the source's title keeps its own language (title_lang).

    A source may lack a publisher, a reference or an address: each case has its own wording in
    the catalogue (citation_before*, citation_after*), so that no citation shows empty brackets
    or a stray comma. The date always reads: the document's own, or that it gives none."""
    src = page.data["sources"][fig.source_id]
    publisher = page.data["organisations"][src.publisher_id].name if src.publisher_id else None
    after = {
        (True, False): "citation_after",
        (False, False): "citation_after_no_reference",
        (True, True): "citation_after_url",
        (False, True): "citation_after_url_no_reference",
    }[bool(src.reference), bool(src.url)]
    return {
        "before": page.t(
            "citation_before" if publisher else "citation_before_no_publisher",
            label=page.fmt.text(fig, "label"),
            value=formatted_value(fig, page),
            publisher=publisher,
        ),
        "title": src.title,
        "title_lang": src.language,
        "after": page.t(
            after,
            reference=src.reference,
            date=source_date(src, page),
            source_url=src.url,
            site=page.build.config.site_name(page.lang),
            url=page.absolute(page.urls.figure(fig.id, page.lang)),
        ),
    }


def period(fig, page: Page) -> str:
    """The period a figure covers, with the day its source was published where the source
    gives one: "2024 (published 23 January 2025)"."""
    if fig.period is None:
        return ""
    covered = page.fmt.day(fig.period, fig.period_precision)
    published = published_day(page.data["sources"][fig.source_id])
    if published is None:
        return covered
    return page.t("period_published", period=covered, published=page.fmt.day(published, "day"))


def figure_row(fig, page: Page) -> dict:
    """A figure as a row of a record page's table: no quotation, no citation."""
    return {
        "id": fig.id,
        "href": page.link(page.urls.figure(fig.id, page.lang)),
        "label": page.fmt.text(fig, "label"),
        "value": formatted_value(fig, page),
        "kind": fig.kind,
        "kind_label": page.label("figure_kinds", fig.kind),
        "date": page.fmt.day(fig.date, fig.date_precision),
        "deadline": page.fmt.day(fig.deadline, fig.deadline_precision),
        "period": period(fig, page),
        "period_only": page.fmt.day(fig.period, fig.period_precision),
        "source": source_link(fig.source_id, page),
    }


def differs(fig, page: Page) -> dict | None:
    """Where other sources give another value for what this figure states: each value with
    who gives it (a claim or a publication), its source and quotation, and which one the
    charts and headline use, if a curator chose."""
    group = page.build.index.disagreement(fig.id)
    if group is None:
        return None
    first = group.figures[0]
    preferred = page.data["figures"][group.preferred] if group.preferred else None
    note = page.t("sources_differ_unsettled")
    if preferred:
        reason = preference(page.data, preferred.id)
        note = page.t(
            "sources_differ_preferred",
            value=formatted_value(preferred, page),
            who=attribution(page.build, preferred, page.lang),
            reason=page.fmt.text(reason, "reason"),
        )
    what = page.fmt.text(page.data["indicators"][first.indicator_id], "label")
    what += " · " + page.label("places", first.geo)
    if first.segment:
        what += " · " + page.label("segments", first.segment)
    when = page.fmt.day(first.period, first.period_precision)
    return {
        "title": f"{what}, {when}",
        "intro": page.t("sources_differ_intro", what=what, period=when),
        "figures": [
            {
                "id": f.id,
                "this": f.id == fig.id,
                "preferred": f.id == group.preferred,
                "href": page.link(page.urls.figure(f.id, page.lang)),
                "value": formatted_value(f, page),
                "who": attribution(page.build, f, page.lang),
                "kind_label": page.label("figure_kinds", f.kind),
                "source": source_link(f.source_id, page),
                "quote": f.quote,
            }
            for f in group.figures
        ],
        "note": note,
    }


def parts(fig, page: Page) -> list[dict]:
    """The parts of a whole, each with its value and a link."""
    return [
        figure_link(p.id, page)
        | {"value": formatted_value(p, page), "scope": page.fmt.text(p, "scope")}
        for p in page.build.index("parts_of", fig.id)
    ]


def figure(fig, page: Page) -> dict:
    """A figure in full: its row, plus scope, place, who stated it, quotation and citation."""
    return figure_row(fig, page) | {
        "history": history_view("figures", fig.id, page),
        "scope": page.fmt.text(fig, "scope"),
        "place": page.label("places", fig.geo),
        "about": org_link(fig.organisation_id, page),
        "stated_by": stated_by(fig.stated_by_person_id, fig.stated_by_organisation_id, page),
        "quote": fig.quote,
        "citation": citation(fig, page),
        "commitments": commitment_statuses(page.build.index("commitments_by_figure", fig.id), page),
        "differs": differs(fig, page),
        "whole": figure_link(fig.part_of, page) if fig.part_of else None,
        "parts": parts(fig, page),
    }


def figures_by_indicator(items, page: Page) -> list[dict]:
    """A part's figures, grouped by indicator (in the indicators' order)."""
    groups: dict[str, dict] = {}
    for f in items:
        if f.indicator_id not in groups:
            ind = page.data["indicators"][f.indicator_id]
            groups[f.indicator_id] = {
                "id": ind.id,
                "label": page.fmt.text(ind, "label"),
                "description": page.fmt.text(ind, "description"),
                "figures": [],
            }
        groups[f.indicator_id]["figures"].append(figure(f, page))
    return list(groups.values())


def targets(items, page: Page) -> list[dict]:
    out = []
    for fig in items:
        unit = page.data["units"][fig.unit]
        # Only the same indicator, place and segment: a target for micro-businesses is no
        # distance from large corporations' rate, the EU's from France's, adoption from use.
        key = (fig.indicator_id, fig.geo, fig.segment)
        latest = page.build.index("measurements_by_comparable", key)
        measures = []
        for m in latest[:LATEST_MEASUREMENTS]:
            view = figure(m, page)
            gap = fig.value - m.value
            if unit.format == "percent":
                view["gap"] = page.t("gap_points", value=page.fmt.number(gap))
            else:
                view["gap"] = page.t("gap_value", value=page.fmt.quantity(gap, unit))
            measures.append(view)
        out.append({"target": figure(fig, page), "measures": measures})
    return out


def home_figures(page: Page) -> list[dict]:
    """The featured figures (featured_figures.csv), the headline target first."""
    return [figure(f, page) for f in page.build.editorial.figures]


def all_differences(page: Page) -> list[dict]:
    """Every disagreement between sources, each seen from its first figure: the list a data
    user checks before quoting any of them."""
    return [differs(group.figures[0], page) for group in page.build.index("disagreements", None)]
