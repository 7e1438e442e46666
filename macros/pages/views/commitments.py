"""Commitments: their rows grouped by status, the home page's counts, and the short list on an
organisation's or a person's page."""

from collections import Counter

from ...data.commitments import STATUSES, known, order_key
from ...data.listings import sort_key
from ..page import Page
from .figures import formatted_value
from .links import commitment_title, source_link, stated_by


def deadline(c, page: Page) -> dict | None:
    """'by early 2026', with the day it ends on when the precision is coarser than a day."""
    if not c.deadline:
        return None
    shown = page.fmt.day(c.deadline, c.deadline_precision)
    end = page.fmt.day(c.deadline_end, "day")
    return {
        "text": shown,
        "end": page.t("deadline_ends", date=end) if c.deadline_end != c.deadline else "",
        "iso": c.deadline_end.isoformat(),
    }


def status(code: str, page: Page) -> dict:
    return {"id": code, "label": page.label("commitment_statuses", code)}


def outcome(o, page: Page) -> dict:
    return {
        "id": o.id,
        "result": page.label("outcome_results", o.result),
        "date": page.fmt.day(o.date, o.date_precision),
        "summary": page.fmt.text(o, "summary"),
        "source": source_link(o.source_id, page),
        "quote": o.quote,
    }


def commitment(c, page: Page) -> dict:
    fig = page.data["figures"][c.figure_id] if c.figure_id else None
    outcomes = known(page.build.index("outcomes_by_commitment", c.id), c.status_as_of)
    return {
        "id": c.id,
        "href": page.link(page.urls.listed("commitments", c.id, page.lang)),
        "title": commitment_title(c, page),
        "target": formatted_value(fig, page) if fig else "",
        "target_href": page.link(page.urls.figure(fig.id, page.lang)) if fig else "",
        "announcement_href": page.link(page.urls.announcement(c.announcement_id, page.lang))
        if c.announcement_id
        else "",
        "deadline": deadline(c, page),
        "recurrence": page.label("periods", c.recurrence),
        "status": status(c.status, page),
        "who": stated_by(c.stated_by_person_id, c.stated_by_organisation_id, page),
        "organisation": c.stated_by_organisation_id or "",
        "quote": c.quote,
        "source": source_link(c.source_id, page),
        "outcomes": [outcome(o, page) for o in outcomes],
    }


def by_status(items, page: Page) -> list[dict]:
    """A part's commitments in sections by status (the listing's order)."""
    groups: dict[str, dict] = {}
    for c in items:
        group = groups.setdefault(c.status, status(c.status, page) | {"rows": []})
        group["rows"].append(commitment(c, page))
    return list(groups.values())


def _overview(build) -> dict:
    """What every part of the listing and the home page share, made once per build: the count
    of each status and the part where each status starts."""

    def make() -> dict:
        records = build.data["commitments"].values()
        starts: dict[str, int] = {}
        for c in sorted(records, key=order_key):  # the listing's order: each status runs on
            if c.status not in starts:  # consecutive parts
                starts[c.status] = build.parts.part_of("commitments", c.id)
        return {
            "total": len(records),
            "counts": Counter(c.status for c in records),
            "starts": starts,
        }

    return build.products.commitments_overview.get(make)


def status_hrefs(page: Page) -> dict[str, str]:
    """Each status's section, on the part of the listing where it starts."""
    return {
        s: page.link(page.urls.page("commitments", page.lang, f"status-{s}", part=part))
        for s, part in _overview(page.build)["starts"].items()
    }


def filters(items, page: Page) -> dict:
    """The choices of the filter form: every status (with its count in the whole listing),
    and the stating organisations of the part shown, which is what the filters act on (all
    organisations in every part weighed 80 KB a page at the benchmark's L scale)."""
    overview, hrefs = _overview(page.build), status_hrefs(page)
    counts, orgs = overview["counts"], page.data["organisations"]
    here = {c.stated_by_organisation_id for c in items} - {None}
    return {
        "statuses": [
            status(s, page) | {"count": counts[s], "href": hrefs[s]} for s in STATUSES if counts[s]
        ],
        # On a listing in several parts, the filters act on the part shown.
        "paged": page.build.parts.count("commitments") > 1,
        "organisations": [
            {"id": o, "name": orgs[o].name}
            for o in sorted(here, key=lambda o: sort_key(orgs[o].name))
        ],
        "as_of": page.fmt.day(page.build.released, "day"),
        "as_of_iso": page.build.released.isoformat(),
        "version": page.build.version,
    }


def counts(page: Page) -> dict:
    """'3 commitments tracked as of …: 1 past its deadline with no outcome in our sources, …'."""
    overview, hrefs = _overview(page.build), status_hrefs(page)
    tally = overview["counts"]
    return {
        "lead": page.fmt.plural(
            "commitments_tracked",
            overview["total"],
            date=page.fmt.day(page.build.released, "day"),
        ),
        "href": page.link(page.urls.page("commitments", page.lang)),
        "items": [
            {
                "text": page.fmt.plural(f"count_{s}", tally[s]),
                "href": hrefs[s],
                "status": s,
            }
            for s in STATUSES
            if tally[s]
        ],
    }


def listed(records, page: Page) -> list[dict]:
    """Commitments on an organisation's or a person's page: title, status, deadline, link."""
    return [commitment(c, page) for c in sorted(records, key=order_key)]
