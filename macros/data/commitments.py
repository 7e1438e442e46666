"""Commitments: each promise's deadline at its precision, and its status as of a reference date.

The reference date is the package's release date (the latest changelog entry), never the
wall clock, so that two builds of one release are byte-identical. A commitment's deadline is
its target figure's deadline or its planned announcement's date; it runs until the end of
the period its precision covers (the `duration` of the `precisions` code list: "2030" at
precision year runs until 31 December 2030, "début 2026" until 31 March 2026).

Only a sourced outcome can say that a commitment was met, missed or partly met. Without one,
a commitment is upcoming, due within 90 days, or past its deadline with no outcome in our
sources; without a deadline its status is unknown.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import isodate

from . import records
from .records import Record, Records
from .releases import semver
from .sources import own_days

STATUSES = ("past-deadline", "due-soon", "upcoming", "partly-met", "missed", "met", "unknown")
CLOSING = ("met", "missed", "partly-met")  # outcome results that decide the status
RESULTS = (*CLOSING, "progress")  # the outcome_results code list
DUE_SOON = timedelta(days=90)
# The release that introduced the commitments resource: statuses are announced from it on.
# Where the build reads the releases from git, each commitment counts from the release that
# added it (status_history(added=...)).
TRACKED_SINCE = "2.1.0"
# Fields the published `commitments` table adds to the curated ones (schemas/commitments.json
# describes them under "computedFields").
COMPUTED = (
    "deadline",
    "deadline_precision",
    "deadline_end",
    "recurrence",
    "status",
    "status_as_of",
    "outcome_id",
)


def period_end(start: date, duration: str) -> date:
    """The last day of the period that starts on `start` and lasts `duration` (ISO 8601)."""
    return start + isodate.parse_duration(duration) - timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    day: date  # the first day of its period, as stored
    precision: str
    end: date  # the last day of its period


def deadline(commitment: Record, data: Records) -> Deadline | None:
    """The target figure's deadline, else the planned announcement's date (the validator
    checks that the two agree when both are given)."""
    if commitment.figure_id and (fig := data["figures"][commitment.figure_id]).deadline:
        day, precision = fig.deadline, fig.deadline_precision
    elif commitment.announcement_id:
        ann = data["announcements"][commitment.announcement_id]
        # A planned event over several days is due by its last day.
        day, precision = ann.date_end or ann.date, ann.date_precision
    else:
        return None
    return Deadline(day, precision, period_end(day, data["precisions"][precision].duration))


def named_by(commitment: Record, data: Records) -> tuple[Record, str]:
    """(record, field) that names a commitment: the target's label, else the planned
    announcement's title; read in a language as `<field>_<lang>`."""
    if commitment.figure_id:
        return data["figures"][commitment.figure_id], "label"
    return data["announcements"][commitment.announcement_id], "title"


def recurrence(commitment: Record, data: Records) -> str | None:
    """The period of a recurring target ("year" for "300 000 a year"), if any."""
    return data["figures"][commitment.figure_id].per if commitment.figure_id else None


def status(due: Deadline | None, outcomes: list[Record], as_of: date) -> tuple[str, Record | None]:
    """(status, the outcome that decides it or the latest one) as of a date.

    Outcomes dated after `as_of` are not known yet. The latest closing outcome decides; a
    progress update is shown but leaves the status to the deadline.
    """
    seen = sorted(known(outcomes, as_of), key=lambda o: (o.date, o.id))
    closing = [o for o in seen if o.result in CLOSING]
    if closing:
        return closing[-1].result, closing[-1]
    latest = seen[-1] if seen else None
    if due is None:
        return "unknown", latest
    if as_of > due.end:
        return "past-deadline", latest
    if due.end - as_of <= DUE_SOON:
        return "due-soon", latest
    return "upcoming", latest


def outcomes_by_commitment(data: Records) -> dict[str, list[Record]]:
    """Each commitment's outcomes, oldest first (the build's Index serves them too)."""
    out: dict[str, list[Record]] = {}
    for o in sorted(data["outcomes"].values(), key=lambda o: (o.date, o.id)):
        out.setdefault(o.commitment_id, []).append(o)
    return out


def known(outcomes: list[Record], as_of: date) -> list[Record]:
    """The outcomes published by the reference date: later ones belong to a later release."""
    return [o for o in outcomes if o.date <= as_of]


def order_key(c: Record) -> tuple:
    """Past their deadline first, then due soon, upcoming, closed and unknown; within a
    status, by the day the deadline ends."""
    return (STATUSES.index(c.status), c.deadline_end is None, c.deadline_end or date.min, c.id)


def track(data: Records, as_of: date) -> None:
    """Give every commitment record its computed fields (COMPUTED) as of `as_of`."""
    outcomes = outcomes_by_commitment(data)
    for c in data["commitments"].values():
        due = deadline(c, data)
        state, outcome = status(due, outcomes.get(c.id, []), as_of)
        c.update(
            deadline=due.day if due else None,
            deadline_precision=due.precision if due else None,
            deadline_end=due.end if due else None,
            recurrence=recurrence(c, data),
            status=state,
            status_as_of=as_of,
            outcome_id=outcome.id if outcome else None,
        )


def published_schema(schema: dict) -> dict:
    """The commitments schema as published: the computed fields join the curated ones."""
    return records.published_schema(
        schema,
        COMPUTED,
        [
            {
                "fields": "deadline_precision",
                "reference": {"resource": "precisions", "fields": "id"},
            },
            {"fields": "recurrence", "reference": {"resource": "periods", "fields": "id"}},
            {"fields": "status", "reference": {"resource": "commitment_statuses", "fields": "id"}},
            {"fields": "outcome_id", "reference": {"resource": "outcomes", "fields": "id"}},
        ],
    )


def status_history(
    data: Records, releases: list[dict], added: dict[str, str] | None = None
) -> list[dict]:
    """Each commitment's status at every release (oldest first), kept where it changes.

    Not a record's history (the releases that added and last changed its row: data/changes.py,
    shown by publish/api.history_document and pages/views/history.history_view): a status is
    computed from the deadline and the outcomes as of each release's day, rows unchanged.

    [{commitment, version, date, status, previous}]: what the Atom feed announces. Releases
    count from TRACKED_SINCE on, and for a commitment from the first release dated on or
    after its source's day, or from the release that added it where the build knows the
    package's releases (`added`: {commitment id: version}, from data/changes.py). The data is
    this release's: an outcome counts at a release when it is dated on or before that
    release's date.
    """
    added = added or {}
    outcomes = outcomes_by_commitment(data)
    counted = sorted(
        (r for r in releases if semver(r["version"]) >= semver(TRACKED_SINCE)),
        key=lambda r: (r["date"], semver(r["version"])),
    )
    out = []
    for c in data["commitments"].values():
        due, previous = deadline(c, data), None
        made = min(own_days(data["sources"], c.source_id), default=None)
        first = semver(added[c.id]) if c.id in added else None
        for rel in counted:
            if made and rel["date"] < made or first and semver(rel["version"]) < first:
                continue
            state, _ = status(due, outcomes.get(c.id, []), rel["date"])
            if state != previous:
                out.append(
                    {
                        "commitment": c,
                        "version": rel["version"],
                        "date": rel["date"],
                        "status": state,
                        "previous": previous,
                    }
                )
            previous = state
    return out
