"""The iCalendar file of dated events and deadlines, one per language (icalendar)."""

from datetime import timedelta

from icalendar import Calendar, Event

from ..data.commitments import named_by
from ..data.context import Context
from .feeds import stamp


def calendar_path(lang: str) -> str:
    return f"data/calendar-{lang}.ics"


def icalendar(ctx: Context, lang: str) -> bytes:
    """Dated events (day precision, and planned ones), commitments' deadlines and other targets'
    deadlines, as all-day events."""
    fmt, name = ctx.languages[lang], ctx.descriptor["name"]
    cal = Calendar()
    cal.add("prodid", f"-//{name}//calendar//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", ctx.config.site_name(lang))
    dtstamp = stamp(ctx.released)
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
        ev = Event()
        ev.add("uid", f"{a.id}@{name}")
        ev.add("dtstamp", dtstamp)
        ev.add("summary", title if a.date_precision == "day" else f"{when} · {title}")
        ev.add("description", f"{when}. {fmt.text(a, 'summary')}")
        ev.add("dtstart", a.date)
        ev.add("dtend", (a.date_end or a.date) + timedelta(days=1))
        ev.add("url", ctx.urls.absolute(ctx.urls.announcement(a.id, lang)))
        cal.add_component(ev)
    # Commitments' deadlines, on the day each ends (its period's last day: "by early 2026" is
    # 31 March 2026); targets that are not commitments keep their deadline's first day.
    for c in sorted(ctx.data["commitments"].values(), key=lambda c: c.id):
        if not c.deadline:
            continue
        ev = Event()
        ev.add("uid", f"{c.id}-commitment@{name}")
        ev.add("dtstamp", dtstamp)
        ev.add("summary", fmt.t("calendar_commitment", title=fmt.text(*named_by(c, ctx.data))))
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
        ev.add("description", description)
        ev.add("dtstart", c.deadline_end)
        ev.add("dtend", c.deadline_end + timedelta(days=1))
        ev.add("url", ctx.urls.absolute(ctx.urls.listed("commitments", c.id, lang)))
        cal.add_component(ev)
    committed = {c.figure_id for c in ctx.data["commitments"].values()}
    deadlines = sorted(
        (f for f in ctx.data["figures"].values() if f.deadline and f.id not in committed),
        key=lambda f: f.id,
    )
    for f in deadlines:
        when = fmt.day(f.deadline, f.deadline_precision)
        ev = Event()
        ev.add("uid", f"{f.id}-deadline@{name}")
        ev.add("dtstamp", dtstamp)
        ev.add("summary", f"{fmt.t('deadline')} {when} · {fmt.text(f, 'label')}")
        ev.add("description", when)
        ev.add("dtstart", f.deadline)
        ev.add("dtend", f.deadline + timedelta(days=1))
        ev.add("url", ctx.urls.absolute(ctx.urls.figure(f.id, lang)))
        cal.add_component(ev)
    return cal.to_ical()
