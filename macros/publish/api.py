"""The static JSON API under /api/v1/: an index, one document per resource, and one document
per organisation, person, figure, announcement and commitment carrying its linked records and
its history (the release that added it, the one that last changed it)."""

from ..data.context import Context
from .tables import json_bytes, rows
from .versions import folder as version_folder

VERSION = "v1"


class Documents:
    """The detail documents of one build. Links are looked up in an index made once, not by
    scanning every record per document (quadratic at scale)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._by: dict[tuple[str, str], dict] = {}

    def _index(self, resource: str, field: str) -> dict:
        """{value of field: [ids of the resource's records with that value]}."""
        if (resource, field) not in self._by:
            out: dict = {}
            for rec in self.ctx.data[resource].values():
                if rec[field] is not None:
                    out.setdefault(rec[field], []).append(rec.id)
            self._by[resource, field] = out
        return self._by[resource, field]

    def ids(self, resource: str, **match) -> list[str]:
        """Ids of records whose field equals the value, for any of the fields given."""
        ids: dict[str, None] = {}
        for field, value in match.items():
            ids.update(dict.fromkeys(self._index(resource, field).get(value, [])))
        return list(ids)

    def one(self, resource: str, record_id) -> dict | None:
        return rows(self.ctx, resource, [record_id])[0] if record_id else None

    def organisations(self, org_id: str) -> dict:
        role_ids = self.ids("roles", organisation_id=org_id)
        people = dict.fromkeys(self.ctx.data["roles"][i].person_id for i in role_ids)
        figures = self.ids("figures", organisation_id=org_id, stated_by_organisation_id=org_id)
        return {
            "organisation": self.one("organisations", org_id),
            "roles": rows(self.ctx, "roles", role_ids),
            "people": rows(self.ctx, "people", people),
            "relations_from": rows(
                self.ctx, "relations", self.ids("relations", organisation_id=org_id)
            ),
            "relations_to": rows(self.ctx, "relations", self.ids("relations", target_id=org_id)),
            "figures": rows(self.ctx, "figures", figures),
            "announcements": rows(
                self.ctx, "announcements", self.ids("announcements", organisation_id=org_id)
            ),
            "commitments": rows(
                self.ctx, "commitments", self.ids("commitments", stated_by_organisation_id=org_id)
            ),
        }

    def people(self, person_id: str) -> dict:
        return {
            "person": self.one("people", person_id),
            "roles": rows(self.ctx, "roles", self.ids("roles", person_id=person_id)),
            "figures": rows(
                self.ctx, "figures", self.ids("figures", stated_by_person_id=person_id)
            ),
            "announcements": rows(
                self.ctx, "announcements", self.ids("announcements", person_id=person_id)
            ),
            "commitments": rows(
                self.ctx, "commitments", self.ids("commitments", stated_by_person_id=person_id)
            ),
        }

    def figures(self, fig_id: str) -> dict:
        fig = self.ctx.data["figures"][fig_id]
        return {
            "figure": self.one("figures", fig_id),
            "indicator": self.one("indicators", fig.indicator_id),
            "unit": self.one("units", fig.unit),
            "source": self.one("sources", fig.source_id),
            "stated_by_organisation": self.one("organisations", fig.stated_by_organisation_id),
            "stated_by_person": self.one("people", fig.stated_by_person_id),
            "announcements": rows(
                self.ctx, "announcements", self.ids("announcements", figure_id=fig_id)
            ),
            "whole": self.one("figures", fig.part_of),
            "parts": rows(self.ctx, "figures", [p.id for p in self.ctx.index("parts_of", fig_id)]),
            "sources_differ": self.sources_differ(fig_id),
        }

    def sources_differ(self, fig_id: str) -> dict | None:
        """The other figures stating the same thing with another value (comparisons.py), and
        the one a curator preferred for the charts and the headline, if any."""
        group = self.ctx.index.disagreement(fig_id)
        if group is None:
            return None
        return {
            "figures": rows(self.ctx, "figures", [i for i in group.ids if i != fig_id]),
            "preferred_figure_id": group.preferred,
        }

    def commitments(self, commitment_id: str) -> dict:
        """The commitment with its status as of the release, and what it rests on."""
        c = self.ctx.data["commitments"][commitment_id]
        return {
            "commitment": self.one("commitments", commitment_id),
            "status": self.one("commitment_statuses", c.status),
            "status_as_of": c.status_as_of.isoformat(),
            "version": self.ctx.version,
            "figure": self.one("figures", c.figure_id),
            "announcement": self.one("announcements", c.announcement_id),
            "outcomes": [
                o
                for o in rows(
                    self.ctx, "outcomes", self.ids("outcomes", commitment_id=commitment_id)
                )
                if o["date"] <= c.status_as_of.isoformat()  # later ones: a later release
            ],
            "stated_by_organisation": self.one("organisations", c.stated_by_organisation_id),
            "stated_by_person": self.one("people", c.stated_by_person_id),
            "source": self.one("sources", c.source_id),
        }

    def announcements(self, ann_id: str) -> dict:
        a = self.ctx.data["announcements"][ann_id]
        return {
            "announcement": self.one("announcements", ann_id),
            "organisation": self.one("organisations", a.organisation_id),
            "person": self.one("people", a.person_id),
            "figure": self.one("figures", a.figure_id),
            "source": self.one("sources", a.source_id),
        }


DETAIL = ("organisations", "people", "figures", "announcements", "commitments")


def history(ctx: Context, resource: str, record_id: str) -> dict | None:
    """When the record was added and last changed, by release, with the release's diff; None
    where the build has no releases (a copy without tags)."""
    versions = ctx.versions
    h = versions.of(resource, record_id)
    if h is None:
        return None

    def at(snap):
        if snap is None or snap.record is None:
            return None
        return {
            "version": snap.version,
            "date": snap.date.isoformat(),
            "changes": f"{ctx.config.base}{version_folder(snap.version)}changes.json",
        }

    return {
        "added": at(h.added),
        "changed": at(h.changed),
        "unreleased_changes": versions.pending(h),
    }


def resource_path(name: str) -> str:
    """The API document listing a resource's records."""
    return f"api/{VERSION}/{name}.json"


def files(ctx: Context) -> dict[str, bytes]:
    """{path under the site root: JSON bytes}."""
    base, root = ctx.config.base, f"api/{VERSION}"
    docs = Documents(ctx)
    out, index = {}, []
    for res in ctx.descriptor["resources"]:
        name = res["name"]
        out[resource_path(name)] = json_bytes(rows(ctx, name))
        entry = {
            "name": name,
            **{f"title_{code}": ctx.described(res, "title", code) for code in ctx.languages},
            "count": len(ctx.data[name]),
            **({"status_as_of": ctx.released.isoformat()} if name == "commitments" else {}),
            "url": base + resource_path(name),
        }
        if name in DETAIL:
            entry["item_url"] = f"{base}{root}/{name}/{{id}}.json"
            for record_id in ctx.data[name]:
                doc = getattr(docs, name)(record_id) | {"history": history(ctx, name, record_id)}
                out[f"{root}/{name}/{record_id}.json"] = json_bytes(doc)
        index.append(entry)
    out[f"{root}/index.json"] = json_bytes(
        {
            "version": ctx.version,
            "api": VERSION,
            "package": f"{base}data/datapackage.json",
            "resources": index,
            # Every tagged release at its permanent address, oldest first ([] without history).
            "releases": [
                {
                    "version": rel.version,
                    "date": rel.date.isoformat(),
                    "package": f"{base}{version_folder(rel.version)}datapackage.json",
                    "changes": f"{base}{version_folder(rel.version)}changes.json",
                }
                for rel in ctx.versions.releases
            ],
        }
    )
    return out
