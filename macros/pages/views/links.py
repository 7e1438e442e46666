"""Links to records: {text, href} for the templates, relative to the page."""

from ...data import commitments
from ...data.context import Context
from ..page import Page


def org_link(org_id, ctx: Page) -> dict | None:
    if not org_id:
        return None
    org = ctx.data["organisations"][org_id]
    return {"text": org.name, "href": ctx.link(ctx.urls.record("organisations", org_id, ctx.lang))}


def person_link(person_id, ctx: Page) -> dict | None:
    if not person_id:
        return None
    person = ctx.data["people"][person_id]
    return {"text": person.name, "href": ctx.link(ctx.urls.record("people", person_id, ctx.lang))}


def stated_by(person_id, org_id, ctx: Page) -> list[dict]:
    """Links to who states a fact: the person, then the organisation, as far as named."""
    return [x for x in (person_link(person_id, ctx), org_link(org_id, ctx)) if x]


def relation_link(rel, ctx: Page) -> dict:
    """'Numeum — formed by the merger of — Syntec Numérique', linking to the first."""
    orgs = ctx.data["organisations"]
    label = ctx.label("relation_types", rel.relation)
    text = f"{orgs[rel.organisation_id].name} — {label} — {orgs[rel.target_id].name}"
    return {"text": text, "href": org_link(rel.organisation_id, ctx)["href"]}


def role_link(role, ctx: Page) -> dict:
    """'Emmanuel Macron: President of the French Republic', linking to the person."""
    name = ctx.data["people"][role.person_id].name
    return {
        "text": f"{ctx.fmt.colon(name)} {ctx.fmt.text(role, 'role')}",
        "href": ctx.link(ctx.urls.record("people", role.person_id, ctx.lang)),
    }


def figure_link(fig_id, ctx: Page) -> dict | None:
    if not fig_id:
        return None
    fig = ctx.data["figures"][fig_id]
    return {"text": ctx.fmt.text(fig, "label"), "href": ctx.link(ctx.urls.figure(fig_id, ctx.lang))}


def announcement_link(ann_id, ctx: Page) -> dict:
    ann = ctx.data["announcements"][ann_id]
    return {
        "text": ctx.fmt.text(ann, "title"),
        "href": ctx.link(ctx.urls.announcement(ann_id, ctx.lang)),
    }


def source_title(src, ctx: Page | Context) -> str:
    """'News Tank RH, Interview n°387590': the publisher, where the source names one, and the
    publisher's reference, else the document's title (needs only data). Plain text, in the
    source's language: where HTML allows, it is shown with lang=source_link()["lang"]."""
    name = src.reference or src.title
    if not src.publisher_id:
        return name
    return f"{ctx.data['organisations'][src.publisher_id].name}, {name}"


def attribution(ctx: Context, fig, lang: str) -> str:
    """Who gives a figure, where sources differ: a claim by a person (stated_by_person_id),
    or a value as its source's publisher published it (a measurement)."""
    language = ctx.languages[lang]
    if fig.stated_by_person_id:
        return language.t("said_by", who=ctx.data["people"][fig.stated_by_person_id].name)
    publisher = ctx.data["sources"][fig.source_id].publisher_id
    return language.t("published_by", who=ctx.data["organisations"][publisher].name)


def source_link(source_id, ctx: Page) -> dict:
    """A link to a source; `lang` is the source's language, for the element that holds it."""
    src = ctx.data["sources"][source_id]
    return {
        "text": source_title(src, ctx),
        "href": ctx.link(ctx.urls.source(source_id, ctx.lang)),
        "lang": src.language,
    }


def commitment_title(c, ctx: Page) -> str:
    """A commitment's name: its target figure's label, else its planned announcement's title."""
    return ctx.fmt.text(*commitments.named_by(c, ctx.data))


def commitment_link(commitment_id, ctx: Page) -> dict:
    c = ctx.data["commitments"][commitment_id]
    return {
        "text": commitment_title(c, ctx),
        "href": ctx.link(ctx.urls.listed("commitments", commitment_id, ctx.lang)),
    }


def commitment_statuses(records, ctx: Page) -> list[dict]:
    """The status of each commitment a figure or an announcement sets, linked to its row."""
    return [
        commitment_link(c.id, ctx)
        | {"status": c.status, "label": ctx.label("commitment_statuses", c.status)}
        for c in records
    ]
