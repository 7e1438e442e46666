"""The static JSON API under /api/v1/: an index, one document per resource, and one document
per organisation, person and figure carrying its linked records."""

from functools import cache

from . import export
from .load import descriptor, load

VERSION = "v1"


def _records(resource: str, ids) -> list[dict]:
    names = [f["name"] for f in export.fields(resource)]
    data = load()[resource]
    return [{n: export.plain(data[i].get(n)) for n in names} for i in ids]


@cache
def _by(resource: str, field: str) -> dict[str, list[str]]:
    """{value of field: [ids of the resource's records with that value]}, built once."""
    out: dict[str, list[str]] = {}
    for rec in load()[resource].values():
        if rec.get(field) is not None:
            out.setdefault(rec.get(field), []).append(rec.id)
    return out


def _ids(resource: str, **match) -> list[str]:
    """Ids of records whose field equals the value, for any of the fields given (in order)."""
    ids: dict[str, None] = {}
    for field, value in match.items():
        ids.update(dict.fromkeys(_by(resource, field).get(value, [])))
    return list(ids)


def organisation(org_id: str) -> dict:
    return {
        "organisation": _records("organisations", [org_id])[0],
        "roles": _records("roles", _ids("roles", organisation_id=org_id)),
        "people": _records(
            "people",
            dict.fromkeys(
                load()["roles"][i].person_id for i in _ids("roles", organisation_id=org_id)
            ),
        ),
        "relations_from": _records("relations", _ids("relations", organisation_id=org_id)),
        "relations_to": _records("relations", _ids("relations", target_id=org_id)),
        "figures": _records(
            "figures", _ids("figures", organisation_id=org_id, stated_by_organisation_id=org_id)
        ),
        "announcements": _records("announcements", _ids("announcements", organisation_id=org_id)),
    }


def person(person_id: str) -> dict:
    return {
        "person": _records("people", [person_id])[0],
        "roles": _records("roles", _ids("roles", person_id=person_id)),
        "figures": _records("figures", _ids("figures", stated_by_person_id=person_id)),
        "announcements": _records("announcements", _ids("announcements", person_id=person_id)),
    }


def figure(fig_id: str) -> dict:
    fig = load()["figures"][fig_id]
    return {
        "figure": _records("figures", [fig_id])[0],
        "indicator": _records("indicators", [fig.indicator_id])[0],
        "unit": _records("units", [fig.unit])[0],
        "source": _records("sources", [fig.source_id])[0],
        "stated_by_organisation": (
            _records("organisations", [fig.stated_by_organisation_id]) or [None]
        )[0]
        if fig.stated_by_organisation_id
        else None,
        "stated_by_person": _records("people", [fig.stated_by_person_id])[0]
        if fig.stated_by_person_id
        else None,
        "announcements": _records("announcements", _ids("announcements", figure_id=fig_id)),
    }


DETAIL = {"organisations": organisation, "people": person, "figures": figure}


def files(site_url: str) -> dict[str, bytes]:
    """{path under the site root: JSON bytes}."""
    base = site_url.rstrip("/") + "/"
    root = f"api/{VERSION}"
    out, index = {}, []
    for res in descriptor()["resources"]:
        name = res["name"]
        out[f"{root}/{name}.json"] = export.json_bytes(export.rows(name))
        entry = {
            "name": name,
            "title_fr": res["title"],
            "title_en": res["title_en"],
            "count": len(load()[name]),
            "url": f"{base}{root}/{name}.json",
        }
        if name in DETAIL:
            entry["item_url"] = f"{base}{root}/{name}/{{id}}.json"
            for record_id in load()[name]:
                out[f"{root}/{name}/{record_id}.json"] = export.json_bytes(DETAIL[name](record_id))
        index.append(entry)
    out[f"{root}/index.json"] = export.json_bytes(
        {
            "version": descriptor()["version"],
            "api": VERSION,
            "package": f"{base}data/datapackage.json",
            "resources": index,
        }
    )
    return out
