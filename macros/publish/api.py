"""The static JSON API under /api/v1/: an index, one document per resource, and one document
per organisation, person, figure, announcement and commitment carrying its linked records and
its history (the release that added it, the one that last changed it)."""

from collections.abc import Iterator

from ..data.commitments import known
from ..data.context import Context
from .tables import json_bytes, rows
from .versions import folder as version_folder

VERSION = "v1"
ROOT = f"api/{VERSION}/"  # the folder of every API document, under the site root


class Documents:
    """The detail documents of one build. Linked records come from the build's index
    (data/indexes.py), made once, not from scanning every record per document (quadratic at
    scale)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def linked(self, resource: str, kind: str, key: str) -> list[dict]:
        """The rows of a resource's records linked to `key` in the index's way `kind`."""
        return rows(self.ctx, resource, [r.id for r in self.ctx.index(kind, key)])

    def one(self, resource: str, record_id) -> dict | None:
        return rows(self.ctx, resource, [record_id])[0] if record_id else None

    def organisations(self, org_id: str) -> dict:
        roles = self.ctx.index("roles_by_org", org_id)
        # The figures about the organisation, then those it states about others.
        figures = sorted(
            self.ctx.index("figures_by_org", org_id), key=lambda f: f.organisation_id != org_id
        )
        return {
            "organisation": self.one("organisations", org_id),
            "roles": rows(self.ctx, "roles", [r.id for r in roles]),
            "people": rows(self.ctx, "people", dict.fromkeys(r.person_id for r in roles)),
            "relations_from": self.linked("relations", "relations_from", org_id),
            "relations_to": self.linked("relations", "relations_to", org_id),
            "figures": rows(self.ctx, "figures", [f.id for f in figures]),
            "announcements": self.linked("announcements", "announcements_by_org", org_id),
            "commitments": self.linked("commitments", "commitments_by_org", org_id),
        }

    def people(self, person_id: str) -> dict:
        return {
            "person": self.one("people", person_id),
            "roles": self.linked("roles", "roles_by_person", person_id),
            "figures": self.linked("figures", "figures_by_person", person_id),
            "announcements": self.linked("announcements", "announcements_by_person", person_id),
            "commitments": self.linked("commitments", "commitments_by_person", person_id),
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
            "announcements": self.linked("announcements", "announcements_by_figure", fig_id),
            "whole": self.one("figures", fig.part_of),
            "parts": self.linked("figures", "parts_of", fig_id),
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
        # Outcomes dated after the release's day belong to a later release.
        outcomes = known(self.ctx.index("outcomes_by_commitment", commitment_id), c.status_as_of)
        return {
            "commitment": self.one("commitments", commitment_id),
            "status": self.one("commitment_statuses", c.status),
            "status_as_of": c.status_as_of.isoformat(),
            "version": self.ctx.version,
            "figure": self.one("figures", c.figure_id),
            "announcement": self.one("announcements", c.announcement_id),
            "outcomes": rows(self.ctx, "outcomes", [o.id for o in outcomes]),
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


def index_path() -> str:
    """The API's index document: every resource, its count and where its documents are."""
    return f"{ROOT}index.json"


def resource_path(name: str) -> str:
    """The API document listing a resource's records."""
    return f"{ROOT}{name}.json"


def record_path(name: str, record_id: str) -> str:
    """The API document of one record (DETAIL) with its linked records and its history."""
    return f"{ROOT}{name}/{record_id}.json"


def release_url(ctx: Context, version: str, name: str) -> str:
    """A file of a recorded release at its permanent address (publish/versions.py)."""
    return ctx.urls.absolute(version_folder(version) + name)


def history_document(ctx: Context, resource: str, record_id: str) -> dict | None:
    """The record's history in its API document: the releases that added it and last changed
    it (data/changes.py computes them; pages/views/history.py shows the same on its page),
    each with its diff; None where the build has no releases (a copy without tags)."""
    versions = ctx.versions
    h = versions.of(resource, record_id)
    if h is None:
        return None

    def at(snap):
        if snap is None or snap.record is None:  # the working tree: not a release
            return None
        return {
            "version": snap.version,
            "date": snap.date.isoformat(),
            "changes": release_url(ctx, snap.version, "changes.json"),
        }

    return {
        "added": at(h.added),
        "changed": at(h.changed),
        "unreleased_changes": versions.pending(h),
    }


def files(ctx: Context) -> Iterator[tuple[str, bytes]]:
    """(path under the site root, JSON bytes), one file at a time: at scale, the records'
    documents together are hundreds of megabytes."""
    absolute = ctx.urls.absolute
    docs = Documents(ctx)
    index = []
    for res in ctx.descriptor["resources"]:
        name = res["name"]
        yield resource_path(name), json_bytes(rows(ctx, name))
        entry = {
            "name": name,
            **{f"title_{code}": ctx.described(res, "title", code) for code in ctx.languages},
            "count": len(ctx.data[name]),
            **({"status_as_of": ctx.released.isoformat()} if name == "commitments" else {}),
            "url": absolute(resource_path(name)),
        }
        if name in DETAIL:
            entry["item_url"] = absolute(record_path(name, "{id}"))
            for record_id in ctx.data[name]:
                doc = getattr(docs, name)(record_id) | {
                    "history": history_document(ctx, name, record_id)
                }
                yield record_path(name, record_id), json_bytes(doc)
        index.append(entry)
    yield (
        index_path(),
        json_bytes(
            {
                "version": ctx.version,
                "api": VERSION,
                "package": absolute("data/datapackage.json"),
                "resources": index,
                # Every recorded release at its permanent address, oldest first ([] without history).
                "releases": [
                    {
                        "version": rel.version,
                        "date": rel.date.isoformat(),
                        "package": release_url(ctx, rel.version, "datapackage.json"),
                        "changes": release_url(ctx, rel.version, "changes.json"),
                    }
                    for rel in ctx.versions.releases
                ],
            }
        ),
    )
