"""Reverse links between records (who states which figure, which records cite a source...),
built once per build so that no page scans a whole resource."""

from collections import defaultdict

from .commitments import outcomes_by_commitment
from .comparisons import disagreements, parts_of
from .records import Record, Records

CITING = (
    "figures",
    "announcements",
    "commitments",
    "outcomes",
    "roles",
    "relations",
    "organisations",
    "people",
)


class Index:
    def __init__(self, data: Records):
        idx: dict[tuple[str, str], list] = defaultdict(list)
        for fig in data["figures"].values():
            for org in {fig.organisation_id, fig.stated_by_organisation_id} - {None}:
                idx["figures_by_org", org].append(fig)
            if fig.stated_by_person_id:
                idx["figures_by_person", fig.stated_by_person_id].append(fig)
            idx["figures_by_indicator", fig.indicator_id].append(fig)
            if fig.kind == "measurement":
                # A target is compared only with measurements of its indicator, place and
                # segment (population).
                key = (fig.indicator_id, fig.geo, fig.segment)
                idx["measurements_by_comparable", key].append(fig)
        preferred = [p.figure_id for p in data.get("preferred_figures", {}).values()]
        for group in disagreements(data["figures"].values(), preferred):
            idx["disagreements", None].append(group)
            for fig in group.figures:
                idx["disagreement_of", fig.id] = group
        for whole, parts in parts_of(data["figures"].values()).items():
            idx["parts_of", whole] = parts
        for ann in data["announcements"].values():
            if ann.organisation_id:
                idx["announcements_by_org", ann.organisation_id].append(ann)
            if ann.person_id:
                idx["announcements_by_person", ann.person_id].append(ann)
            if ann.figure_id:
                idx["announcements_by_figure", ann.figure_id].append(ann)
        for c in data["commitments"].values():
            if c.stated_by_organisation_id:
                idx["commitments_by_org", c.stated_by_organisation_id].append(c)
            if c.stated_by_person_id:
                idx["commitments_by_person", c.stated_by_person_id].append(c)
            if c.figure_id:
                idx["commitments_by_figure", c.figure_id].append(c)
            if c.announcement_id:
                idx["commitments_by_announcement", c.announcement_id].append(c)
        for commitment_id, outcomes in outcomes_by_commitment(data).items():
            idx["outcomes_by_commitment", commitment_id] = outcomes
        for role in data["roles"].values():
            if role.organisation_id:  # a public office may belong to no named organisation
                idx["roles_by_org", role.organisation_id].append(role)
            idx["roles_by_person", role.person_id].append(role)
        for rel in data["relations"].values():
            idx["relations_from", rel.organisation_id].append(rel)
            idx["relations_to", rel.target_id].append(rel)
        for resource in CITING:
            for rec in data[resource].values():
                idx["citing", rec.source_id].append((resource, rec))
        for (kind, _), records in idx.items():
            if kind == "measurements_by_comparable":
                # The latest period first (then the latest stated), those with neither last.
                records.sort(key=_latest, reverse=True)
        self._idx = idx

    def __call__(self, kind: str, key) -> list[Record]:
        """The records linked to `key` in the given way, e.g. ("figures_by_org", "numeum")."""
        return self._idx.get((kind, key), [])

    def disagreement(self, figure_id: str):
        """The Disagreement (comparisons.py) a figure belongs to, or None."""
        return self._idx.get(("disagreement_of", figure_id))


def _latest(m: Record) -> tuple:
    """A measurement's place in time: the period it covers, else the day it was stated."""
    when = m.period or m.date
    return (when is not None, when, m.date is not None, m.date)
