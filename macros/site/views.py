"""View models: typed records -> plain dicts for the templates, for one language and one page.

Every link is made relative to the page being rendered (`here`), so the site works from any
base path. Nothing here produces markup.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from . import i18n, parts, urls
from .load import Record, descriptor, load


@dataclass(frozen=True)
class Ctx:
    lang: str
    here: str  # URL of the current page, e.g. "en/figures/"
    site_url: str = ""
    repo_url: str = ""  # empty: no "report an error" links

    def link(self, target: str) -> str:
        return urls.relative(target, self.here)

    def t(self, key: str, **params) -> str:
        return i18n.label(key, self.lang, **params)

    def report(self, record_id: str, kind: str) -> str:
        """Link to the "report an error" issue form, prefilled with the record's id."""
        if not self.repo_url:
            return ""
        query = urlencode(
            {
                "template": "report-error.yml",
                "record_id": record_id,
                "record_kind": kind,
                "title": f"[{kind}] {record_id}",
            }
        )
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def c(self, key: str) -> str:
        """A label followed by a colon, spaced as the language wants ('Source :' / 'Source:')."""
        return i18n.label("colon", self.lang, label=i18n.label(key, self.lang))


def _label(code_list: str, code, lang: str) -> str:
    return i18n.text(load()[code_list][code], "label", lang) if code else ""


@cache
def _index():
    """Reverse links between records, built once."""
    data = load()
    idx = defaultdict(list)
    for fig in data["figures"].values():
        for org in {fig.organisation_id, fig.stated_by_organisation_id} - {None}:
            idx["figures_by_org", org].append(fig)
        if fig.stated_by_person_id:
            idx["figures_by_person", fig.stated_by_person_id].append(fig)
        idx["figures_by_indicator", fig.indicator_id].append(fig)
    for ann in data["announcements"].values():
        if ann.organisation_id:
            idx["announcements_by_org", ann.organisation_id].append(ann)
        if ann.person_id:
            idx["announcements_by_person", ann.person_id].append(ann)
    for role in data["roles"].values():
        idx["roles_by_org", role.organisation_id].append(role)
        idx["roles_by_person", role.person_id].append(role)
    for rel in data["relations"].values():
        idx["relations_from", rel.organisation_id].append(rel)
        idx["relations_to", rel.target_id].append(rel)
    for resource in ("figures", "announcements", "roles", "relations", "organisations", "people"):
        for rec in data[resource].values():
            idx["citing", rec.source_id].append((resource, rec))
    return idx


# --- links -------------------------------------------------------------------------------


def org_link(org_id, ctx: Ctx) -> dict | None:
    if not org_id:
        return None
    org = load()["organisations"][org_id]
    return {"text": org.name, "href": ctx.link(urls.record("organisations", org_id, ctx.lang))}


def person_link(person_id, ctx: Ctx) -> dict | None:
    if not person_id:
        return None
    person = load()["people"][person_id]
    return {"text": person.name, "href": ctx.link(urls.record("people", person_id, ctx.lang))}


def relation_link(rel, ctx: Ctx) -> dict:
    """'Numeum — formed by the merger of — Syntec Numérique', linking to the first."""
    orgs = load()["organisations"]
    text = f"{orgs[rel.organisation_id].name} — {_label('relation_types', rel.relation, ctx.lang)} — {orgs[rel.target_id].name}"
    return {"text": text, "href": org_link(rel.organisation_id, ctx)["href"]}


def figure_link(fig_id, ctx: Ctx) -> dict | None:
    if not fig_id:
        return None
    fig = load()["figures"][fig_id]
    return {
        "text": i18n.text(fig, "label", ctx.lang),
        "href": ctx.link(figure_url(fig_id, ctx.lang)),
    }


def figure_url(fig_id: str, lang: str) -> str:
    """Where a figure is listed: its anchor on the part of /figures/ that holds it."""
    return urls.page("figures", lang, fig_id, part=parts.part_of("figures", fig_id))


def announcement_url(ann_id: str, lang: str) -> str:
    return urls.page("timeline", lang, ann_id, part=parts.part_of("timeline", ann_id))


def source_link(source_id, ctx: Ctx) -> dict:
    src = load()["sources"][source_id]
    return {
        "text": source_title(src, ctx),
        "href": ctx.link(
            urls.page("sources", ctx.lang, source_id, part=parts.part_of("sources", source_id))
        ),
    }


def source_title(src, ctx: Ctx) -> str:
    publisher = load()["organisations"][src.publisher_id].name
    return f"{publisher}, {src.reference or src.title}"


# --- figures -----------------------------------------------------------------------------


def formatted_value(fig, lang: str) -> str:
    shown = i18n.value(fig, load()["units"][fig.unit], lang)
    return i18n.label("per_year", lang, value=shown) if fig.per == "year" else shown


def citation(fig, ctx: Ctx) -> str:
    src = load()["sources"][fig.source_id]
    publisher = load()["organisations"][src.publisher_id].name
    url = ctx.site_url.rstrip("/") + "/" + figure_url(fig.id, ctx.lang)
    return ctx.t(
        "citation",
        label=i18n.text(fig, "label", ctx.lang),
        value=formatted_value(fig, ctx.lang),
        publisher=publisher,
        title=src.title,
        reference=src.reference or "",
        date=i18n.day(src.published, "day", ctx.lang),
        url=url,
    )


def figure(fig, ctx: Ctx) -> dict:
    lang = ctx.lang
    return {
        "id": fig.id,
        "href": ctx.link(figure_url(fig.id, lang)),
        "label": i18n.text(fig, "label", lang),
        "value": formatted_value(fig, lang),
        "kind": fig.kind,
        "kind_label": _label("figure_kinds", fig.kind, lang),
        "scope": i18n.text(fig, "scope", lang),
        "place": _label("places", fig.geo, lang),
        "date": i18n.day(fig.date, fig.date_precision, lang),
        "deadline": i18n.day(fig.deadline, fig.deadline_precision, lang),
        "about": org_link(fig.organisation_id, ctx),
        "stated_by": [
            x
            for x in (
                person_link(fig.stated_by_person_id, ctx),
                org_link(fig.stated_by_organisation_id, ctx),
            )
            if x
        ],
        "source": source_link(fig.source_id, ctx),
        "quote": fig.quote,
        "citation": citation(fig, ctx),
    }


def figures_by_indicator(ctx: Ctx, part: int = 1) -> list[dict]:
    """The part's figures, grouped by indicator (in the indicators' order)."""
    groups: dict[str, dict] = {}
    for f in parts.items("figures", part):
        if f.indicator_id not in groups:
            ind = load()["indicators"][f.indicator_id]
            groups[f.indicator_id] = {
                "id": ind.id,
                "label": i18n.text(ind, "label", ctx.lang),
                "description": i18n.text(ind, "description", ctx.lang),
                "figures": [],
            }
        groups[f.indicator_id]["figures"].append(figure(f, ctx))
    return list(groups.values())


# --- targets -----------------------------------------------------------------------------


LATEST_MEASUREMENTS = 6


def targets(ctx: Ctx, part: int = 1) -> list[dict]:
    data = load()
    out = []
    for fig in parts.items("targets", part):
        unit = data["units"][fig.unit]
        measures = []
        # The latest few measurements only: every one of them against every target is
        # quadratic (the benchmark found a 4 MB page at 1,000 figures).
        latest = [
            m for m in _index()["figures_by_indicator", fig.indicator_id] if m.kind == "measurement"
        ]
        latest.sort(key=lambda m: (m.date is not None, m.date), reverse=True)
        for m in latest[:LATEST_MEASUREMENTS]:
            view = figure(m, ctx)
            gap = fig.value - m.value
            if unit.format == "percent":
                view["gap"] = ctx.t("gap_points", value=i18n.number(gap, ctx.lang))
            else:
                view["gap"] = ctx.t(
                    "gap_value", value=i18n.value(Record(value=gap), unit, ctx.lang)
                )
            measures.append(view)
        out.append({"target": figure(fig, ctx), "measures": measures})
    return out


# --- announcements -----------------------------------------------------------------------


def announcement(ann, ctx: Ctx) -> dict:
    lang = ctx.lang
    if ann.date_end:
        when = i18n.interval(ann.date, ann.date_end, lang)
    else:
        when = i18n.day(ann.date, ann.date_precision, lang)
    return {
        "id": ann.id,
        "date": when,
        "iso": ann.date.isoformat(),
        "year": ann.date.year,
        "planned": ann.planned,
        "kind_label": _label("announcement_kinds", ann.kind, lang),
        "title": i18n.text(ann, "title", lang),
        "summary": i18n.text(ann, "summary", lang),
        "who": [
            x for x in (person_link(ann.person_id, ctx), org_link(ann.organisation_id, ctx)) if x
        ],
        "figure": figure_link(ann.figure_id, ctx),
        "place": _label("places", ann.geo, lang),
        "source": source_link(ann.source_id, ctx),
        "quote": ann.quote,
    }


def timeline(ctx: Ctx, part: int = 1) -> list[dict]:
    """The part's announcements in date order, grouped by year."""
    years: dict[int, list] = {}
    for ann in parts.items("timeline", part):
        years.setdefault(ann.date.year, []).append(announcement(ann, ctx))
    return [{"year": y, "events": items} for y, items in years.items()]


def latest_announcements(ctx: Ctx, count: int) -> list[dict]:
    past = [a for a in load()["announcements"].values() if not a.planned]
    past.sort(key=lambda a: (a.date, a.id), reverse=True)
    return [announcement(a, ctx) for a in past[:count]]


# --- organisations and people ------------------------------------------------------------


def role(r, ctx: Ctx) -> dict:
    return {
        "person": person_link(r.person_id, ctx),
        "organisation": org_link(r.organisation_id, ctx),
        "title": i18n.text(r, "role", ctx.lang),
        "since": i18n.day(r.since, r.since_precision, ctx.lang),
        "until": i18n.day(r.until, r.until_precision, ctx.lang),
        "source": source_link(r.source_id, ctx),
        "quote": r.quote,
    }


# The organisations index shows this many key figures per organisation (its page has all).
KEY_FIGURES_SHOWN = 4


def organisation_summary(org, ctx: Ctx) -> dict:
    own = [f for f in _index()["figures_by_org", org.id] if f.organisation_id == org.id]
    return {
        "id": org.id,
        "link": org_link(org.id, ctx),
        "acronym": org.acronym if org.acronym != org.name else None,
        "kind": _label("organisation_kinds", org.kind, ctx.lang),
        "founded": i18n.day(org.founded, org.founded_precision, ctx.lang),
        "country": _label("places", org.country, ctx.lang),
        "key_figures": [
            {"value": formatted_value(f, ctx.lang), "label": i18n.text(f, "label", ctx.lang)}
            for f in own[:KEY_FIGURES_SHOWN]
        ],
        "more_figures": i18n.number(len(own) - KEY_FIGURES_SHOWN, ctx.lang)
        if len(own) > KEY_FIGURES_SHOWN
        else "",
    }


def organisations(ctx: Ctx, part: int = 1) -> list[dict]:
    return [organisation_summary(o, ctx) for o in parts.items("organisations", part)]


def organisation(org_id: str, ctx: Ctx) -> dict:
    data, idx, lang = load(), _index(), ctx.lang
    org = data["organisations"][org_id]
    relations = []
    for rel in idx["relations_from", org_id]:
        relations.append(
            {
                "label": _label("relation_types", rel.relation, lang),
                "other": org_link(rel.target_id, ctx),
                "rel": rel,
            }
        )
    for rel in idx["relations_to", org_id]:
        kind = data["relation_types"][rel.relation]
        relations.append(
            {
                "label": i18n.text(kind, "inverse_label", lang),
                "other": org_link(rel.organisation_id, ctx),
                "rel": rel,
            }
        )
    for r in relations:
        rel = r.pop("rel")
        r |= {
            "since": i18n.day(rel.since, rel.since_precision, lang),
            "source": source_link(rel.source_id, ctx),
            "quote": rel.quote,
        }
    figures = [figure(f, ctx) for f in idx["figures_by_org", org_id]]
    announcements = [
        announcement(a, ctx)
        for a in sorted(idx["announcements_by_org", org_id], key=lambda a: a.date)
    ]
    roles = [role(r, ctx) for r in idx["roles_by_org", org_id]]
    source_ids = [org.source_id] + [
        x.source_id
        for x in idx["figures_by_org", org_id]
        + idx["announcements_by_org", org_id]
        + idx["roles_by_org", org_id]
        + idx["relations_from", org_id]
        + idx["relations_to", org_id]
    ]
    address = ", ".join(
        x
        for x in (org.street_address, " ".join(filter(None, (org.postal_code, org.locality))))
        if x
    )
    return organisation_summary(org, ctx) | {
        "name": org.name,
        "description": i18n.text(org, "description", lang),
        "founded_raw": org.founded,
        "address": address,
        "relations": relations,
        "roles": roles,
        "figures": figures,
        "announcements": announcements,
        "sources": [source_link(s, ctx) for s in dict.fromkeys(source_ids)],
        "quote": org.quote,
        "source": source_link(org.source_id, ctx),
    }


def people(ctx: Ctx, part: int = 1) -> list[dict]:
    out = []
    for p in parts.items("people", part):
        roles = [role(r, ctx) for r in _index()["roles_by_person", p.id]]
        out.append({"id": p.id, "link": person_link(p.id, ctx), "roles": roles})
    return out


def person(person_id: str, ctx: Ctx) -> dict:
    idx = _index()
    p = load()["people"][person_id]
    figs, anns, roles = (
        idx["figures_by_person", person_id],
        idx["announcements_by_person", person_id],
        idx["roles_by_person", person_id],
    )
    source_ids = [p.source_id] + [x.source_id for x in figs + anns + roles]
    return {
        "id": p.id,
        "name": p.name,
        "roles": [role(r, ctx) for r in sorted(roles, key=lambda r: (r.since is None, r.since))],
        "figures": [figure(f, ctx) for f in figs],
        "announcements": [announcement(a, ctx) for a in sorted(anns, key=lambda a: a.date)],
        "sources": [source_link(s, ctx) for s in dict.fromkeys(source_ids)],
    }


# --- sources -----------------------------------------------------------------------------


# A source page lists at most this many records of each kind that cite it.
CITING_SHOWN = 25


def sources(ctx: Ctx, part: int = 1) -> list[dict]:
    data, lang = load(), ctx.lang
    link_of = {
        "figures": figure_link,
        "announcements": lambda i, c: {
            "text": i18n.text(data["announcements"][i], "title", lang),
            "href": c.link(announcement_url(i, lang)),
        },
        "roles": lambda i, c: {
            "text": f"{data['people'][data['roles'][i].person_id].name} : {i18n.text(data['roles'][i], 'role', lang)}",
            "href": c.link(urls.record("people", data["roles"][i].person_id, lang)),
        },
        "relations": lambda i, c: relation_link(data["relations"][i], c),
        "organisations": org_link,
        "people": person_link,
    }
    out = []
    for src in parts.items("sources", part):
        citing, total = defaultdict(list), defaultdict(int)
        for resource, rec in _index()["citing", src.id]:
            total[resource] += 1
            if len(citing[resource]) < CITING_SHOWN:
                citing[resource].append(link_of[resource](rec.id, ctx))
        out.append(
            {
                "id": src.id,
                "title": src.title,
                "kind": _label("source_kinds", src.kind, lang),
                "publisher": org_link(src.publisher_id, ctx),
                "person": person_link(src.person_id, ctx),
                "organisation": org_link(src.organisation_id, ctx),
                "reference": src.reference,
                "published": i18n.day(src.published, "day", lang),
                "modified": i18n.day(src.modified, "day", lang),
                "url": src.url,
                "language": i18n.language_name(src.language, lang),
                "part_of": source_link(src.part_of, ctx) if src.part_of else None,
                "rights": i18n.text(src, "rights", lang),
                "citing": [
                    {
                        "resource": ctx.t(f"resource_{r}"),
                        "links": links,
                        "more": i18n.number(total[r] - len(links), lang)
                        if total[r] > len(links)
                        else "",
                    }
                    for r, links in citing.items()
                ],
            }
        )
    return out


# --- data dictionary ---------------------------------------------------------------------


KEBAB_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _constraints(field: dict) -> list[str]:
    out = []
    for key, value in field.get("constraints", {}).items():
        if key == "pattern" and value == KEBAB_PATTERN:
            out.append("kebab-case")
            continue
        if key == "enum":
            value = ", ".join(value)
        out.append(f"{key}: {value}" if value is not True else key)
    return out


def dictionary(ctx: Ctx) -> list[dict]:
    en = ctx.lang == "en"
    out = []
    for res in descriptor()["resources"]:
        schema = res["schema_data"]
        keys = {fk["fields"]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
        out.append(
            {
                "name": res["name"],
                "title": res["title_en"] if en else res["title"],
                "description": res["description_en"] if en else res["description"],
                "csv": ctx.link(f"data/csv/{res['name']}.csv"),
                "schema": ctx.link(f"data/schemas/{res['name']}.json"),
                "rows": len(load()[res["name"]]),
                "primary_key": ", ".join(schema.get("primaryKey", [])),
                "fields": [
                    {
                        "name": f["name"],
                        "title": f["title_en"] if en else f["title"],
                        "type": f["type"],
                        "description": f["description_en"] if en else f["description"],
                        "constraints": _constraints(f),
                        "reference": keys.get(f["name"]),
                    }
                    for f in schema["fields"]
                ],
            }
        )
    return out


# --- data page ---------------------------------------------------------------------------


def data_page(ctx: Ctx) -> dict:
    from . import api, catalog, export

    base = ctx.site_url.rstrip("/") + "/"
    files = [
        {
            "name": d.path.removeprefix("data/"),
            "href": ctx.link(d.path),
            "url": base + d.path,
            "format": d.format,
            "size": i18n.size(d.size, ctx.lang),
            "bytes": d.size,
            "rows": i18n.number(d.rows, ctx.lang) if d.rows is not None else "",
            "sha256": d.sha256,
            "description": d.description_en if ctx.lang == "en" else d.description_fr,
        }
        for d in export.downloads()
    ]
    log = export.changelog()
    example_org = next(iter(load()["organisations"]))
    return {
        "version": export.version(),
        "released": i18n.day(log[0]["date"], "day", ctx.lang),
        "changes": log[0]["items"],
        "changelog": [
            {
                "version": e["version"],
                "date": i18n.day(e["date"], "day", ctx.lang),
                "items": e["items"],
            }
            for e in log
        ],
        "files": files,
        "package": {
            "href": ctx.link("data/datapackage.json"),
            "url": base + "data/datapackage.json",
        },
        "sums": {
            "href": ctx.link("data/SHA256SUMS"),
            "text": export.sha256sums().decode("utf-8").rstrip("\n"),
        },
        "api_index": base + f"api/{api.VERSION}/index.json",
        "api_resource": base + f"api/{api.VERSION}/figures.json",
        "api_item": base + f"api/{api.VERSION}/organisations/{example_org}.json",
        "catalog": [
            {"name": n, "href": ctx.link(f"data/{n}")} for n in ("catalog.jsonld", "catalog.ttl")
        ],
        "feed": {
            "href": ctx.link(urls.site_path(ctx.lang, "announcements.atom")),
            "url": base + urls.site_path(ctx.lang, "announcements.atom"),
        },
        "calendar": {
            "href": ctx.link(f"data/calendar-{ctx.lang}.ics"),
            "url": base + f"data/calendar-{ctx.lang}.ics",
        },
        "bibtex": catalog.bibtex(ctx.site_url),
        "csl": export.json_bytes(catalog.csl_json(ctx.site_url)).decode("utf-8"),
        "citation_files": [
            {"name": n, "href": ctx.link(f"data/{n}")} for n in ("citation.bib", "citation.json")
        ],
        "schema_org": json_for_script(catalog.schema_org(ctx.site_url)),
    }


def json_for_script(data) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
