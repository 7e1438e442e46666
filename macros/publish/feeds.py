"""The Atom feed of announcements, one per language (feedgen). Dates come from the data,
never "now"."""

from datetime import UTC, datetime, time

from ..data.context import Context


def stamp(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def feed_path(ctx: Context, lang: str) -> str:
    return ctx.urls.site_path(lang, "announcements.atom")


def atom(ctx: Context, lang: str) -> bytes:
    from feedgen.feed import FeedGenerator  # only where feeds are written (lxml is heavy)

    fmt, site = ctx.languages[lang], ctx.config.site_name(lang)
    feed_url = ctx.urls.absolute(feed_path(ctx, lang))
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(fmt.t("feed_title", site=site))
    fg.language(lang)
    fg.link(href=ctx.urls.absolute(ctx.urls.page("timeline", lang)), rel="alternate")
    fg.link(href=feed_url, rel="self")
    fg.author({"name": site})
    fg.rights(ctx.descriptor["licenses"][0]["title"])
    fg.generator(site)
    anns = sorted(
        (a for a in ctx.data["announcements"].values() if not a.planned),
        key=lambda a: (a.date, a.id),
    )
    fg.updated(stamp(max(a.date for a in anns)) if anns else stamp(ctx.released))
    for a in anns:
        entry = fg.add_entry(order="append")
        # A permanent id, whichever part of the timeline lists the entry.
        entry.id(f"{ctx.config.base}api/v1/announcements.json#{a.id}")
        entry.title(fmt.text(a, "title"))
        entry.link(href=ctx.urls.absolute(ctx.urls.announcement(a.id, lang)))
        entry.summary(f"{fmt.day(a.date, a.date_precision)} · {fmt.text(a, 'summary')}")
        entry.updated(stamp(a.date))
        entry.published(stamp(a.date))
    return fg.atom_str(pretty=True)
