"""Links to records: {text, href} for the templates, relative to the page."""

from ...data import commitments
from ...data.context import Context
from ..page import Page


def org_link(org_id, page: Page) -> dict | None:
    if not org_id:
        return None
    org = page.data["organisations"][org_id]
    return {
        "text": org.name,
        "href": page.link(page.urls.record("organisations", org_id, page.lang)),
    }


def person_link(person_id, page: Page) -> dict | None:
    if not person_id:
        return None
    person = page.data["people"][person_id]
    return {
        "text": person.name,
        "href": page.link(page.urls.record("people", person_id, page.lang)),
    }


def stated_by(person_id, org_id, page: Page) -> list[dict]:
    """Links to who states a fact: the person, then the organisation, as far as named."""
    return [x for x in (person_link(person_id, page), org_link(org_id, page)) if x]


def relation_link(rel, page: Page) -> dict:
    """'Numeum — formed by the merger of — Syntec Numérique', linking to the first."""
    orgs = page.data["organisations"]
    label = page.label("relation_types", rel.relation)
    text = f"{orgs[rel.organisation_id].name} — {label} — {orgs[rel.target_id].name}"
    return {"text": text, "href": org_link(rel.organisation_id, page)["href"]}


def role_link(role, page: Page) -> dict:
    """'Emmanuel Macron: President of the French Republic', linking to the person."""
    name = page.data["people"][role.person_id].name
    return {
        "text": f"{page.fmt.colon(name)} {page.fmt.text(role, 'role')}",
        "href": page.link(page.urls.record("people", role.person_id, page.lang)),
    }


def figure_link(fig_id, page: Page) -> dict | None:
    if not fig_id:
        return None
    fig = page.data["figures"][fig_id]
    return {
        "text": page.fmt.text(fig, "label"),
        "href": page.link(page.urls.figure(fig_id, page.lang)),
    }


def announcement_link(ann_id, page: Page) -> dict:
    ann = page.data["announcements"][ann_id]
    return {
        "text": page.fmt.text(ann, "title"),
        "href": page.link(page.urls.announcement(ann_id, page.lang)),
    }


def source_title(src, page_or_ctx: Page | Context) -> str:
    """'News Tank RH, Interview n°387590': the publisher, where the source names one, and the
    publisher's reference, else the document's title (needs only data). Plain text, in the
    source's language: where HTML allows, it is shown with lang=source_link()["lang"].
    `page_or_ctx`: a Page in the views, a Context in the charts and cards."""
    name = src.reference or src.title
    if not src.publisher_id:
        return name
    return f"{page_or_ctx.data['organisations'][src.publisher_id].name}, {name}"


def attribution(ctx: Context, fig, lang: str) -> str:
    """Who gives a figure, where sources differ: a claim by a person (stated_by_person_id),
    or a value as its source's publisher published it (a measurement)."""
    language = ctx.languages[lang]
    if fig.stated_by_person_id:
        return language.t("said_by", who=ctx.data["people"][fig.stated_by_person_id].name)
    publisher = ctx.data["sources"][fig.source_id].publisher_id
    return language.t("published_by", who=ctx.data["organisations"][publisher].name)


def source_link(source_id, page: Page) -> dict:
    """A link to a source; `lang` is the source's language, for the element that holds it."""
    src = page.data["sources"][source_id]
    return {
        "text": source_title(src, page),
        "href": page.link(page.urls.source(source_id, page.lang)),
        "lang": src.language,
    }


def commitment_title(c, page: Page) -> str:
    """A commitment's name: its target figure's label, else its planned announcement's title."""
    return page.fmt.text(*commitments.named_by(c, page.data))


def commitment_link(commitment_id, page: Page) -> dict:
    c = page.data["commitments"][commitment_id]
    return {
        "text": commitment_title(c, page),
        "href": page.link(page.urls.listed("commitments", commitment_id, page.lang)),
    }


def commitment_statuses(records, page: Page) -> list[dict]:
    """The status of each commitment a figure or an announcement sets, linked to its row."""
    return [
        commitment_link(c.id, page)
        | {"status": c.status, "label": page.label("commitment_statuses", c.status)}
        for c in records
    ]
