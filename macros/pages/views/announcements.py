"""Announcements: one item, the timeline grouped by year, and the latest ones."""

from ..page import Page
from .history import history_view
from .links import commitment_statuses, figure_link, org_link, person_link, source_link


def when(ann, page: Page) -> str:
    """An announcement's date at its precision, or its span of days."""
    if ann.date_end:
        return page.fmt.interval(ann.date, ann.date_end)
    return page.fmt.day(ann.date, ann.date_precision)


def announcement(ann, page: Page) -> dict:
    return {
        "id": ann.id,
        "history": history_view("announcements", ann.id, page),
        "date": when(ann, page),
        "iso": ann.date.isoformat(),
        "year": ann.date.year,
        "planned": ann.planned,
        "kind_label": page.label("announcement_kinds", ann.kind),
        "title": page.fmt.text(ann, "title"),
        "summary": page.fmt.text(ann, "summary"),
        "who": [
            x for x in (person_link(ann.person_id, page), org_link(ann.organisation_id, page)) if x
        ],
        "figure": figure_link(ann.figure_id, page),
        "place": page.label("places", ann.geo),
        "source": source_link(ann.source_id, page),
        "quote": ann.quote,
        "commitments": commitment_statuses(
            page.build.index("commitments_by_announcement", ann.id), page
        ),
    }


def timeline(items, page: Page) -> list[dict]:
    """A part's announcements in date order, grouped by year."""
    years: dict[int, list] = {}
    for ann in items:
        years.setdefault(ann.date.year, []).append(announcement(ann, page))
    return [{"year": y, "events": events} for y, events in years.items()]


def latest(count: int, page: Page) -> list[dict]:
    past = [a for a in page.data["announcements"].values() if not a.planned]
    past.sort(key=lambda a: (a.date, a.id), reverse=True)
    return [announcement(a, page) for a in past[:count]]
