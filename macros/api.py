"""The static JSON API under /api/v1/: an index, one document per resource, and one document
per organisation, person and figure carrying its linked records."""

from . import export
from .load import descriptor, load

VERSION = "v1"


def _records(resource: str, ids) -> list[dict]:
    names = [f["name"] for f in export.fields(resource)]
    data = load()[resource]
    return [{n: export.plain(data[i].get(n)) for n in names} for i in ids]


def _ids(resource: str, **match) -> list[str]:
    return [r.id for r in load()[resource].values() if any(r.get(k) == v for k, v in match.items())]


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
