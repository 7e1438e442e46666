"""The iCalendar file of dated events and deadlines, one per language (icalendar)."""

from datetime import timedelta

from icalendar import Calendar, Event

from ..data.context import Context
from .feeds import stamp


def icalendar(ctx: Context, lang: str) -> bytes:
    """Dated events (day precision, and planned ones) plus target deadlines, as all-day events."""
    fmt, name = ctx.languages[lang], ctx.descriptor["name"]
    cal = Calendar()
    cal.add("prodid", f"-//{name}//calendar//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", ctx.config.site_name(lang))
    dtstamp = stamp(ctx.released)
    for a in sorted(ctx.data["announcements"].values(), key=lambda a: (a.date, a.id)):
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
    deadlines = sorted((f for f in ctx.data["figures"].values() if f.deadline), key=lambda f: f.id)
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
