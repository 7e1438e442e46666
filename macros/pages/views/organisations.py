"""Organisations and people: index entries, record pages and roles."""

from ..page import Page
from . import commitments
from .announcements import announcement
from .figures import figure_row, formatted_value
from .history import history_view
from .links import org_link, person_link, source_link

# The organisations index shows this many key figures per organisation (its page has all).
KEY_FIGURES_SHOWN = 4


def role(r, page: Page) -> dict:
    return {
        "person": person_link(r.person_id, page),
        "organisation": org_link(r.organisation_id, page),
        "title": page.fmt.text(r, "role"),
        "since": page.fmt.day(r.since, r.since_precision),
        "until": page.fmt.day(r.until, r.until_precision),
        "source": source_link(r.source_id, page),
        "quote": r.quote,
    }


def organisation_summary(org, page: Page) -> dict:
    own = [f for f in page.build.index("figures_by_org", org.id) if f.organisation_id == org.id]
    return {
        "id": org.id,
        "link": org_link(org.id, page),
        "acronym": org.acronym if org.acronym != org.name else None,
        "kind": page.label("organisation_kinds", org.kind),
        "founded": page.fmt.day(org.founded, org.founded_precision),
        "country": page.label("places", org.country),
        "key_figures": [
            {"value": formatted_value(f, page), "label": page.fmt.text(f, "label")}
            for f in own[:KEY_FIGURES_SHOWN]
        ],
        "more_figures": page.fmt.number(len(own) - KEY_FIGURES_SHOWN)
        if len(own) > KEY_FIGURES_SHOWN
        else "",
    }


def organisations(items, page: Page) -> list[dict]:
    return [organisation_summary(o, page) for o in items]


def _relations(org_id: str, page: Page) -> list[dict]:
    idx, out = page.build.index, []
    for rel in idx("relations_from", org_id):
        out.append((page.label("relation_types", rel.relation), rel.target_id, rel))
    for rel in idx("relations_to", org_id):
        kind = page.data["relation_types"][rel.relation]
        out.append((page.fmt.text(kind, "inverse_label"), rel.organisation_id, rel))
    return [
        {
            "label": label,
            "other": org_link(other, page),
            "since": page.fmt.day(rel.since, rel.since_precision),
            "source": source_link(rel.source_id, page),
            "quote": rel.quote,
        }
        for label, other, rel in out
    ]


def organisation(org_id: str, page: Page) -> dict:
    idx = page.build.index
    org = page.data["organisations"][org_id]
    figures = idx("figures_by_org", org_id)
    anns = sorted(idx("announcements_by_org", org_id), key=lambda a: a.date)
    roles = idx("roles_by_org", org_id)
    promised = idx("commitments_by_org", org_id)
    linked = figures + anns + roles + promised
    linked += idx("relations_from", org_id) + idx("relations_to", org_id)
    source_ids = [org.source_id] + [x.source_id for x in linked]
    locality = " ".join(filter(None, (org.postal_code, org.locality)))
    return organisation_summary(org, page) | {
        "name": org.name,
        "description": page.fmt.text(org, "description"),
        "address": ", ".join(x for x in (org.street_address, locality) if x),
        "relations": _relations(org_id, page),
        "roles": [role(r, page) for r in roles],
        "figures": [figure_row(f, page) for f in figures],
        "commitments": commitments.listed(promised, page),
        "announcements": [announcement(a, page) for a in anns],
        "sources": [source_link(s, page) for s in dict.fromkeys(source_ids)],
        "quote": org.quote,
        "source": source_link(org.source_id, page),
        "history": history_view("organisations", org_id, page),
    }


def people(items, page: Page) -> list[dict]:
    return [
        {
            "id": p.id,
            "link": person_link(p.id, page),
            "roles": [role(r, page) for r in page.build.index("roles_by_person", p.id)],
        }
        for p in items
    ]


def person(person_id: str, page: Page) -> dict:
    idx = page.build.index
    p = page.data["people"][person_id]
    figs = idx("figures_by_person", person_id)
    anns = idx("announcements_by_person", person_id)
    roles = idx("roles_by_person", person_id)
    promised = idx("commitments_by_person", person_id)
    source_ids = [p.source_id] + [x.source_id for x in figs + anns + roles + promised]
    return {
        "id": p.id,
        "name": p.name,
        "roles": [role(r, page) for r in sorted(roles, key=lambda r: (r.since is None, r.since))],
        "figures": [figure_row(f, page) for f in figs],
        "commitments": commitments.listed(promised, page),
        "announcements": [announcement(a, page) for a in sorted(anns, key=lambda a: a.date)],
        "sources": [source_link(s, page) for s in dict.fromkeys(source_ids)],
        "history": history_view("people", person_id, page),
    }
