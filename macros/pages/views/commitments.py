"""Commitments: their rows grouped by status, the home page's counts, and the short list on an
organisation's or a person's page."""

from collections import Counter

from ...data.commitments import STATUSES, known, order_key
from ...data.listings import sort_key
from ..page import Page
from .figures import formatted_value
from .links import commitment_title, source_link, stated_by


def deadline(c, ctx: Page) -> dict | None:
    """'by early 2026', with the day it ends on when the precision is coarser than a day."""
    if not c.deadline:
        return None
    shown = ctx.fmt.day(c.deadline, c.deadline_precision)
    end = ctx.fmt.day(c.deadline_end, "day")
    return {
        "text": shown,
        "end": ctx.t("deadline_ends", date=end) if c.deadline_end != c.deadline else "",
        "iso": c.deadline_end.isoformat(),
    }


def status(code: str, ctx: Page) -> dict:
    return {"id": code, "label": ctx.label("commitment_statuses", code)}


def outcome(o, ctx: Page) -> dict:
    return {
        "id": o.id,
        "result": ctx.label("outcome_results", o.result),
        "date": ctx.fmt.day(o.date, o.date_precision),
        "summary": ctx.fmt.text(o, "summary"),
        "source": source_link(o.source_id, ctx),
        "quote": o.quote,
    }


def commitment(c, ctx: Page) -> dict:
    fig = ctx.data["figures"][c.figure_id] if c.figure_id else None
    outcomes = known(ctx.build.index("outcomes_by_commitment", c.id), c.status_as_of)
    return {
        "id": c.id,
        "href": ctx.link(ctx.urls.listed("commitments", c.id, ctx.lang)),
        "title": commitment_title(c, ctx),
        "target": formatted_value(fig, ctx) if fig else "",
        "target_href": ctx.link(ctx.urls.figure(fig.id, ctx.lang)) if fig else "",
        "announcement_href": ctx.link(ctx.urls.announcement(c.announcement_id, ctx.lang))
        if c.announcement_id
        else "",
        "deadline": deadline(c, ctx),
        "recurrence": ctx.label("periods", c.recurrence),
        "status": status(c.status, ctx),
        "who": stated_by(c.stated_by_person_id, c.stated_by_organisation_id, ctx),
        "organisation": c.stated_by_organisation_id or "",
        "quote": c.quote,
        "source": source_link(c.source_id, ctx),
        "outcomes": [outcome(o, ctx) for o in outcomes],
    }


def by_status(items, ctx: Page) -> list[dict]:
    """A part's commitments in sections by status (the listing's order)."""
    groups: dict[str, dict] = {}
    for c in items:
        group = groups.setdefault(c.status, status(c.status, ctx) | {"rows": []})
        group["rows"].append(commitment(c, ctx))
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


def status_hrefs(ctx: Page) -> dict[str, str]:
    """Each status's section, on the part of the listing where it starts."""
    return {
        s: ctx.link(ctx.urls.page("commitments", ctx.lang, f"status-{s}", part=part))
        for s, part in _overview(ctx.build)["starts"].items()
    }


def filters(items, ctx: Page) -> dict:
    """The choices of the filter form: every status (with its count in the whole listing),
    and the stating organisations of the part shown, which is what the filters act on (all
    organisations in every part weighed 80 KB a page at the benchmark's L scale)."""
    overview, hrefs = _overview(ctx.build), status_hrefs(ctx)
    counts, orgs = overview["counts"], ctx.data["organisations"]
    here = {c.stated_by_organisation_id for c in items} - {None}
    return {
        "statuses": [
            status(s, ctx) | {"count": counts[s], "href": hrefs[s]} for s in STATUSES if counts[s]
        ],
        # On a listing in several parts, the filters act on the part shown.
        "paged": ctx.build.parts.count("commitments") > 1,
        "organisations": [
            {"id": o, "name": orgs[o].name}
            for o in sorted(here, key=lambda o: sort_key(orgs[o].name))
        ],
        "as_of": ctx.fmt.day(ctx.build.released, "day"),
        "as_of_iso": ctx.build.released.isoformat(),
        "version": ctx.build.version,
    }


def counts(ctx: Page) -> dict:
    """'3 commitments tracked as of …: 1 past its deadline with no outcome in our sources, …'."""
    overview, hrefs = _overview(ctx.build), status_hrefs(ctx)
    tally = overview["counts"]
    return {
        "lead": ctx.fmt.plural(
            "commitments_tracked",
            overview["total"],
            date=ctx.fmt.day(ctx.build.released, "day"),
        ),
        "href": ctx.link(ctx.urls.page("commitments", ctx.lang)),
        "items": [
            {
                "text": ctx.fmt.plural(f"count_{s}", tally[s]),
                "href": hrefs[s],
                "status": s,
            }
            for s in STATUSES
            if tally[s]
        ],
    }


def listed(records, ctx: Page) -> list[dict]:
    """Commitments on an organisation's or a person's page: title, status, deadline, link."""
    return [commitment(c, ctx) for c in sorted(records, key=order_key)]
