"""The Atom feed of announcements (one per language, feedgen) and the iCalendar file of dated
events and deadlines (one per language, icalendar). Dates come from the data, never "now"."""

from datetime import UTC, datetime, time, timedelta

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from . import export, i18n, urls
from .load import descriptor, load
from .views import announcement_url, figure_url

TITLES = {"fr": "Briefing IA & compétences : annonces", "en": "AI & Skills Briefing: announcements"}


def _stamp(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def atom(lang: str, site_url: str) -> bytes:
    base = site_url.rstrip("/") + "/"
    feed_url = base + urls.site_path(lang, "announcements.atom")
    timeline = base + urls.page("timeline", lang)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(TITLES[lang])
    fg.language(lang)
    fg.link(href=timeline, rel="alternate")
    fg.link(href=feed_url, rel="self")
    fg.author({"name": "Briefing IA & compétences"})
    fg.rights(descriptor()["licenses"][0]["title"])
    fg.generator("Briefing IA & compétences")
    anns = sorted(
        (a for a in load()["announcements"].values() if not a.planned), key=lambda a: (a.date, a.id)
    )
    fg.updated(_stamp(max(a.date for a in anns)) if anns else _stamp(export.changelog()[0]["date"]))
    for a in anns:
        entry = fg.add_entry(order="append")
        # A permanent id, whichever part of the timeline lists the entry.
        entry.id(f"{base}api/v1/announcements.json#{a.id}")
        entry.title(i18n.text(a, "title", lang))
        entry.link(href=base + announcement_url(a.id, lang))
        entry.summary(
            f"{i18n.day(a.date, a.date_precision, lang)} · {i18n.text(a, 'summary', lang)}"
        )
        entry.updated(_stamp(a.date))
        entry.published(_stamp(a.date))
    return fg.atom_str(pretty=True)


def icalendar(lang: str, site_url: str) -> bytes:
    """Dated events (day precision, and planned ones) plus target deadlines, as all-day events."""
    base = site_url.rstrip("/") + "/"
    cal = Calendar()
    cal.add("prodid", "-//Briefing IA & competences//calendar//" + lang.upper())
    cal.add("version", "2.0")
    cal.add(
        "x-wr-calname", TITLES[lang].split(":")[0] if lang == "en" else TITLES[lang].split(" :")[0]
    )
    stamp = _stamp(export.changelog()[0]["date"])
    for a in sorted(load()["announcements"].values(), key=lambda a: (a.date, a.id)):
        # A calendar needs a day: past events known only to the month or year, or reported
        # "by" a date, are left out; planned ones stay, their summary giving the precision.
        if a.date_precision != "day" and not a.planned:
            continue
        when = i18n.day(a.date, a.date_precision, lang)
        ev = Event()
        ev.add("uid", f"{a.id}@briefing-ia-competences")
        ev.add("dtstamp", stamp)
        ev.add(
            "summary",
            i18n.text(a, "title", lang)
            if a.date_precision == "day"
            else f"{when} · {i18n.text(a, 'title', lang)}",
        )
        ev.add("description", f"{when}. {i18n.text(a, 'summary', lang)}")
        ev.add("dtstart", a.date)
        ev.add("dtend", (a.date_end or a.date) + timedelta(days=1))
        ev.add("url", base + announcement_url(a.id, lang))
        cal.add_component(ev)
    for f in sorted((f for f in load()["figures"].values() if f.deadline), key=lambda f: f.id):
        ev = Event()
        ev.add("uid", f"{f.id}-deadline@briefing-ia-competences")
        ev.add("dtstamp", stamp)
        when = i18n.day(f.deadline, f.deadline_precision, lang)
        ev.add("summary", f"{i18n.label('deadline', lang)} {when} · {i18n.text(f, 'label', lang)}")
        ev.add("description", i18n.day(f.deadline, f.deadline_precision, lang))
        ev.add("dtstart", f.deadline)
        ev.add("dtend", f.deadline + timedelta(days=1))
        ev.add("url", base + figure_url(f.id, lang))
        cal.add_component(ev)
    return cal.to_ical()
