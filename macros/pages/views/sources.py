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
    "figures": lambda rec, page: figure_link(rec.id, page),
    "announcements": lambda rec, page: announcement_link(rec.id, page),
    "roles": role_link,
    "relations": relation_link,
    "organisations": lambda rec, page: org_link(rec.id, page),
    "people": lambda rec, page: person_link(rec.id, page),
    "commitments": lambda rec, page: commitment_link(rec.id, page),
    "outcomes": lambda rec, page: commitment_link(rec.commitment_id, page),
}


def published_day(src):
    """The day a document came out (published, else the interview's day), or None: a
    profile's creation day says nothing of when a figure in it was published."""
    return src.published or src.interviewed


def source_date(src, page: Page) -> str:
    """The date a citation gives: the document's own, said for what it is ("interview given
    on…", "profile created on…"); no publication date is made up when the document has none."""
    for field in OWN_DAYS:
        if src[field]:
            return page.t(f"source_{field}", date=page.fmt.day(src[field], "day"))
    return page.t("source_undated")


def sources(items, page: Page) -> list[dict]:
    out = []
    for src in items:
        citing, total = defaultdict(list), defaultdict(int)
        for resource, rec in page.build.index("citing", src.id):
            total[resource] += 1
            if len(citing[resource]) < CITING_SHOWN:
                citing[resource].append(LINK_OF[resource](rec, page))
        out.append(
            {
                "id": src.id,
                "title": src.title,
                "title_lang": src.language,
                "kind": page.label("source_kinds", src.kind),
                "publisher": org_link(src.publisher_id, page),
                "person": person_link(src.person_id, page),
                "organisation": org_link(src.organisation_id, page),
                "reference": src.reference,
                "interviewed": page.fmt.day(src.interviewed, "day"),
                "created": page.fmt.day(src.created, "day"),
                "published": page.fmt.day(src.published, "day"),
                "modified": page.fmt.day(src.modified, "day"),
                "url": src.url,
                "language": page.fmt.language_name(src.language),
                "part_of": source_link(src.part_of, page) if src.part_of else None,
                "rights": page.fmt.text(src, "rights"),
                "citing": [
                    {
                        "resource": page.t(f"resource_{r}"),
                        "links": links,
                        "more": page.fmt.number(total[r] - len(links))
                        if total[r] > len(links)
                        else "",
                    }
                    for r, links in citing.items()
                ],
            }
        )
    return out
