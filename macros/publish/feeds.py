"""The Atom feeds, one per language (feedgen): announcements, and commitments' status changes.
Dates come from the data, never "now"."""

from datetime import UTC, datetime, time

from ..data import commitments
from ..data.context import Context
from ..data.releases import semver
from . import api


def stamp(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def feed_path(ctx: Context, lang: str) -> str:
    return ctx.urls.site_path(lang, "announcements.atom")


def _feed(ctx: Context, lang: str, path: str, title_key: str, page: str):
    """A feed's head: its id and address, title, language, page, author and licence."""
    from feedgen.feed import FeedGenerator  # only where feeds are written (lxml is heavy)

    site = ctx.config.site_name(lang)
    feed_url = ctx.urls.absolute(path)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(ctx.languages[lang].t(title_key, site=site))
    fg.language(lang)
    fg.link(href=ctx.urls.absolute(ctx.urls.page(page, lang)), rel="alternate")
    fg.link(href=feed_url, rel="self")
    fg.author({"name": site})
    fg.rights(ctx.descriptor["licenses"][0]["title"])
    fg.generator(site)
    return fg


def atom(ctx: Context, lang: str) -> bytes:
    fmt = ctx.languages[lang]
    fg = _feed(ctx, lang, feed_path(ctx, lang), "feed_title", "timeline")
    anns = sorted(
        (a for a in ctx.data["announcements"].values() if not a.planned),
        key=lambda a: (a.date, a.id),
    )
    fg.updated(stamp(max(a.date for a in anns)) if anns else stamp(ctx.released))
    for a in anns:
        entry = fg.add_entry(order="append")
        # A permanent id, whichever part of the timeline lists the entry.
        entry.id(ctx.urls.absolute(api.resource_path("announcements")) + f"#{a.id}")
        entry.title(fmt.text(a, "title"))
        entry.link(href=ctx.urls.absolute(ctx.urls.announcement(a.id, lang)))
        entry.summary(f"{fmt.day(a.date, a.date_precision)} · {fmt.text(a, 'summary')}")
        entry.updated(stamp(a.date))
        entry.published(stamp(a.date))
    return fg.atom_str(pretty=True)


def commitments_feed_path(ctx: Context, lang: str) -> str:
    return ctx.urls.site_path(lang, "commitments.atom")


def commitments_atom(ctx: Context, lang: str) -> bytes:
    """One entry per commitment and release where its status changes (the first release that
    counts gives its first status), dated by the release: the same bytes for one release."""
    fmt = ctx.languages[lang]
    path = commitments_feed_path(ctx, lang)
    fg = _feed(ctx, lang, path, "feed_commitments_title", "commitments")
    fg.updated(stamp(ctx.released))
    changes = sorted(
        commitments.status_history(ctx.data, ctx.changelog, ctx.versions.added("commitments")),
        key=lambda ch: (ch["date"], semver(ch["version"]), ch["commitment"].id),
    )
    for ch in changes:
        c, label = ch["commitment"], lambda code: ctx.label("commitment_statuses", code, lang)
        title = fmt.text(*commitments.named_by(c, ctx.data))
        params = {
            "version": ch["version"],
            "date": fmt.day(ch["date"], "day"),
            "status": label(ch["status"]),
        }
        entry = fg.add_entry(order="append")
        entry.id(ctx.urls.absolute(api.resource_path("commitments")) + f"#{c.id}@{ch['version']}")
        entry.title(fmt.t("feed_commitment_entry", title=title, **params))
        entry.link(href=ctx.urls.absolute(ctx.urls.listed("commitments", c.id, lang)))
        if ch["previous"]:
            summary = fmt.t(
                "feed_commitment_summary_changed", previous=label(ch["previous"]), **params
            )
        else:
            summary = fmt.t("feed_commitment_summary", **params)
        entry.summary(summary)
        entry.updated(stamp(ch["date"]))
        entry.published(stamp(ch["date"]))
    return fg.atom_str(pretty=True)
