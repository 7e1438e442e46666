"""Announcements: one item, the timeline grouped by year, and the latest ones."""

from ..page import Page
from .history import history
from .links import commitment_statuses, figure_link, org_link, person_link, source_link


def when(ann, ctx: Page) -> str:
    """An announcement's date at its precision, or its span of days."""
    if ann.date_end:
        return ctx.fmt.interval(ann.date, ann.date_end)
    return ctx.fmt.day(ann.date, ann.date_precision)


def announcement(ann, ctx: Page) -> dict:
    return {
        "id": ann.id,
        "history": history("announcements", ann.id, ctx),
        "date": when(ann, ctx),
        "iso": ann.date.isoformat(),
        "year": ann.date.year,
        "planned": ann.planned,
        "kind_label": ctx.label("announcement_kinds", ann.kind),
        "title": ctx.fmt.text(ann, "title"),
        "summary": ctx.fmt.text(ann, "summary"),
        "who": [
            x for x in (person_link(ann.person_id, ctx), org_link(ann.organisation_id, ctx)) if x
        ],
        "figure": figure_link(ann.figure_id, ctx),
        "place": ctx.label("places", ann.geo),
        "source": source_link(ann.source_id, ctx),
        "quote": ann.quote,
        "commitments": commitment_statuses(
            ctx.build.index("commitments_by_announcement", ann.id), ctx
        ),
    }


def timeline(items, ctx: Page) -> list[dict]:
    """A part's announcements in date order, grouped by year."""
    years: dict[int, list] = {}
    for ann in items:
        years.setdefault(ann.date.year, []).append(announcement(ann, ctx))
    return [{"year": y, "events": events} for y, events in years.items()]


def latest(count: int, ctx: Page) -> list[dict]:
    past = [a for a in ctx.data["announcements"].values() if not a.planned]
    past.sort(key=lambda a: (a.date, a.id), reverse=True)
    return [announcement(a, ctx) for a in past[:count]]
