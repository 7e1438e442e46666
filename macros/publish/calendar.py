"""The iCalendar file of dated events and deadlines, one per language (icalendar)."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from ..data.cache import cache_of
from ..data.commitments import named_by
from ..data.context import Context
from .feeds import stamp

# An event as the calendar lists it: uid, stamp, summary, description, first and last day, url.
Listed = tuple[str, datetime, str, str, date, date, str]


def calendar_path(lang: str) -> str:
    return f"data/calendar-{lang}.ics"


def icalendar(ctx: Context, lang: str) -> bytes:
    """Dated events (day precision, and planned ones), commitments' deadlines and other targets'
    deadlines, as all-day events. Written from the cache when the calendar lists the same
    events as an earlier build (data/cache.py): icalendar takes seconds for ten thousand, and
    most edits change none."""
    dtstamp = stamp(ctx.released)
    header = (f"-//{ctx.descriptor['name']}//calendar//{lang.upper()}", ctx.config.site_name(lang))
    listed = tuple(
        event
        for kind in (_announcements, _commitments, _deadlines)
        for event in kind(ctx, lang, dtstamp)
    )
    return cache_of(ctx).get("calendar", (header, listed), lambda: _written(header, listed))


def _written(header: tuple[str, str], listed: tuple[Listed, ...]) -> bytes:
    cal = Calendar()
    cal.add("prodid", header[0])
    cal.add("version", "2.0")
    cal.add("x-wr-calname", header[1])
    for event in listed:
        cal.add_component(_event(*event))
    return cal.to_ical()


def _event(uid: str, dtstamp, summary: str, description: str, first, last, url: str) -> Event:
    """An all-day event from its `first` day to its `last` (iCalendar's end is the day after,
    excluded)."""
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", dtstamp)
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("dtstart", first)
    ev.add("dtend", last + timedelta(days=1))
    ev.add("url", url)
    return ev


def _announcements(ctx: Context, lang: str, dtstamp) -> Iterator[Listed]:
    """Dated announcements, by date: a past one known to the day, a planned one however
    precisely it is known."""
    fmt, name = ctx.languages[lang], ctx.descriptor["name"]
    # A planned announcement that sets a commitment's deadline appears once, as the deadline.
    deadline_of = {c.announcement_id for c in ctx.data["commitments"].values()}
    for a in sorted(ctx.data["announcements"].values(), key=lambda a: (a.date, a.id)):
        if a.id in deadline_of:
            continue
        # A calendar needs a day: past events known only to the month or year, or reported
        # "by" a date, are left out; planned ones stay, their summary giving the precision.
        if a.date_precision != "day" and not a.planned:
            continue
        when = fmt.day(a.date, a.date_precision)
        title = fmt.text(a, "title")
        yield (
            f"{a.id}@{name}",
            dtstamp,
            title if a.date_precision == "day" else f"{when} · {title}",
            f"{when}. {fmt.text(a, 'summary')}",
            a.date,
            a.date_end or a.date,
            ctx.urls.absolute(ctx.urls.announcement(a.id, lang)),
        )


def _commitments(ctx: Context, lang: str, dtstamp) -> Iterator[Listed]:
    """Commitments' deadlines, on the day each ends (its period's last day: "by early 2026" is
    31 March 2026)."""
    fmt, name = ctx.languages[lang], ctx.descriptor["name"]
    for c in sorted(ctx.data["commitments"].values(), key=lambda c: c.id):
        if not c.deadline:
            continue
        deadline = fmt.day(c.deadline, c.deadline_precision)
        if c.deadline_end != c.deadline:  # "by early 2026 (up to and including 31 March 2026)"
            ends = fmt.t("deadline_ends", date=fmt.day(c.deadline_end, "day"))
            deadline = fmt.t("deadline_with_end", deadline=deadline, end=ends)
        description = fmt.t(
            "calendar_commitment_description",
            deadline=deadline,
            as_of=fmt.day(c.status_as_of, "day"),
            status=ctx.label("commitment_statuses", c.status, lang),
        )
        yield (
            f"{c.id}-commitment@{name}",
            dtstamp,
            fmt.t("calendar_commitment", title=fmt.text(*named_by(c, ctx.data))),
            description,
            c.deadline_end,
            c.deadline_end,
            ctx.urls.absolute(ctx.urls.listed("commitments", c.id, lang)),
        )


def _deadlines(ctx: Context, lang: str, dtstamp) -> Iterator[Listed]:
    """Targets that are not commitments, on their deadline's first day."""
    fmt, name = ctx.languages[lang], ctx.descriptor["name"]
    committed = {c.figure_id for c in ctx.data["commitments"].values()}
    deadlines = sorted(
        (f for f in ctx.data["figures"].values() if f.deadline and f.id not in committed),
        key=lambda f: f.id,
    )
    for f in deadlines:
        when = fmt.day(f.deadline, f.deadline_precision)
        yield (
            f"{f.id}-deadline@{name}",
            dtstamp,
            f"{fmt.t('deadline')} {when} · {fmt.text(f, 'label')}",
            when,
            f.deadline,
            f.deadline,
            ctx.urls.absolute(ctx.urls.figure(f.id, lang)),
        )
