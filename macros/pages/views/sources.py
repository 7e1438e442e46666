"""Sources, each with the records that cite it."""

from collections import defaultdict

from ...data.sources import OWN_DAYS
from ..page import Page
from .links import (
    announcement_link,
    commitment_link,
    figure_link,
    org_link,
    person_link,
    relation_link,
    role_link,
    source_link,
)

# A source lists at most this many records of each kind that cite it.
CITING_SHOWN = 25

LINK_OF = {
    "figures": lambda rec, ctx: figure_link(rec.id, ctx),
    "announcements": lambda rec, ctx: announcement_link(rec.id, ctx),
    "roles": role_link,
    "relations": relation_link,
    "organisations": lambda rec, ctx: org_link(rec.id, ctx),
    "people": lambda rec, ctx: person_link(rec.id, ctx),
    "commitments": lambda rec, ctx: commitment_link(rec.id, ctx),
    "outcomes": lambda rec, ctx: commitment_link(rec.commitment_id, ctx),
}


def published_day(src):
    """The day a document came out (published, else the interview's day), or None: a
    profile's creation day says nothing of when a figure in it was published."""
    return src.published or src.interviewed


def source_date(src, ctx: Page) -> str:
    """The date a citation gives: the document's own, said for what it is ("interview given
    on…", "profile created on…"); no publication date is made up when the document has none."""
    for field in OWN_DAYS:
        if src[field]:
            return ctx.t(f"source_{field}", date=ctx.fmt.day(src[field], "day"))
    return ctx.t("source_undated")


def sources(items, ctx: Page) -> list[dict]:
    out = []
    for src in items:
        citing, total = defaultdict(list), defaultdict(int)
        for resource, rec in ctx.build.index("citing", src.id):
            total[resource] += 1
            if len(citing[resource]) < CITING_SHOWN:
                citing[resource].append(LINK_OF[resource](rec, ctx))
        out.append(
            {
                "id": src.id,
                "title": src.title,
                "title_lang": src.language,
                "kind": ctx.label("source_kinds", src.kind),
                "publisher": org_link(src.publisher_id, ctx),
                "person": person_link(src.person_id, ctx),
                "organisation": org_link(src.organisation_id, ctx),
                "reference": src.reference,
                "interviewed": ctx.fmt.day(src.interviewed, "day"),
                "created": ctx.fmt.day(src.created, "day"),
                "published": ctx.fmt.day(src.published, "day"),
                "modified": ctx.fmt.day(src.modified, "day"),
                "url": src.url,
                "language": ctx.fmt.language_name(src.language),
                "part_of": source_link(src.part_of, ctx) if src.part_of else None,
                "rights": ctx.fmt.text(src, "rights"),
                "citing": [
                    {
                        "resource": ctx.t(f"resource_{r}"),
                        "links": links,
                        "more": ctx.fmt.number(total[r] - len(links))
                        if total[r] > len(links)
                        else "",
                    }
                    for r, links in citing.items()
                ],
            }
        )
    return out
