"""What changed between two states of the package, record by record, and since when each
record exists and last changed.

Cells are compared as written in the CSV (text), so a diff says exactly what a reader of
the two CSV files would see. A record is identified by its resource and `id`.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from .releases import Snapshot

MAJOR, MINOR, PATCH = "major", "minor", "patch"


def tables(snap: Snapshot) -> dict[str, tuple[list[str], dict[str, dict[str, str]]]]:
    """{resource: (field names, {id: {field: cell}})} of a snapshot."""
    out = {}
    for res in snap.descriptor["resources"]:
        schema = json.loads(snap.files[res["schema"]])
        names = [f["name"] for f in schema["fields"]]
        text = snap.files[res["path"]].decode("utf-8-sig")
        rows = csv.DictReader(io.StringIO(text, newline=""))
        out[res["name"]] = (names, {row["id"]: row for row in rows})
    return out


@dataclass
class ResourceChanges:
    status: str = "unchanged"  # added | removed | changed | unchanged
    fields_added: list[str] = field(default_factory=list)
    fields_removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "fields_added": self.fields_added,
            "fields_removed": self.fields_removed,
            "added": self.added,
            "removed": self.removed,
            "changed": {
                rid: {f: {"old": old, "new": new} for f, (old, new) in fields.items()}
                for rid, fields in self.changed.items()
            },
        }


@dataclass
class Changes:
    old: Snapshot | None  # None: the first release, every record is added
    new: Snapshot
    resources: dict[str, ResourceChanges]

    @property
    def needs(self) -> str:
        """The smallest semantic-version bump these changes allow.

        Removing a resource, a field or a record (a changed id removes one) breaks whoever
        reads it: major. Adding any of them: minor. Values only: patch.
        """
        res = self.resources.values()
        if any(r.status == "removed" or r.fields_removed or r.removed for r in res):
            return MAJOR
        if any(r.status == "added" or r.fields_added or r.added for r in res):
            return MINOR
        return PATCH

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            name: {"added": len(r.added), "removed": len(r.removed), "changed": len(r.changed)}
            for name, r in self.resources.items()
            if r.status != "unchanged"
        }

    def as_json(self) -> dict:
        def side(s: Snapshot | None):
            return (
                {"version": s.version, "date": s.date.isoformat() if s.date else None}
                if s
                else None
            )

        return {
            "from": side(self.old),
            "to": side(self.new),
            "needs": self.needs,
            "resources": {
                name: r.as_json() for name, r in self.resources.items() if r.status != "unchanged"
            },
        }

    def csv_rows(self) -> list[list[str]]:
        """resource, id, change, field, old, new: one line per added or removed record and per
        changed field."""
        out = [["resource", "id", "change", "field", "old", "new"]]
        for name, r in self.resources.items():
            out += [[name, rid, "added", "", "", ""] for rid in r.added]
            out += [[name, rid, "removed", "", "", ""] for rid in r.removed]
            for rid, fields in r.changed.items():
                out += [[name, rid, "changed", f, old, new] for f, (old, new) in fields.items()]
        return out


def compare(old: Snapshot | None, new: Snapshot) -> Changes:
    before = tables(old) if old else {}
    after = tables(new)
    out = {}
    for name in [*after, *(n for n in before if n not in after)]:
        r = ResourceChanges()
        (old_fields, old_rows), (new_fields, new_rows) = (
            before.get(name, ([], {})),
            after.get(name, ([], {})),
        )
        if name not in before:
            r.status = "added"
        elif name not in after:
            r.status = "removed"
        r.fields_added = [f for f in new_fields if f not in old_fields] if name in before else []
        r.fields_removed = [f for f in old_fields if f not in new_fields] if name in after else []
        r.added = [rid for rid in new_rows if rid not in old_rows]
        r.removed = [rid for rid in old_rows if rid not in new_rows]
        for rid, row in new_rows.items():
            if rid in old_rows:
                was = old_rows[rid]
                diff = {
                    f: (was.get(f) or "", row.get(f) or "")
                    for f in dict.fromkeys([*old_fields, *new_fields])
                    if (was.get(f) or "") != (row.get(f) or "")
                }
                if diff:
                    r.changed[rid] = diff
        if r.status == "unchanged" and (
            r.fields_added or r.fields_removed or r.added or r.removed or r.changed
        ):
            r.status = "changed"
        out[name] = r
    return Changes(old, new, out)


@dataclass(frozen=True)
class RecordHistory:
    added: Snapshot  # the state since which the record exists without interruption
    changed: Snapshot | None  # the latest state in which one of its cells changed


def histories_by_record(states: list[Snapshot]) -> dict[str, dict[str, RecordHistory]]:
    """{resource: {id: RecordHistory}} over successive states, oldest first (the releases,
    then the working tree when it differs from the latest release)."""
    out: dict[str, dict[str, RecordHistory]] = {}
    previous = None
    for state in states:
        changes = compare(previous, state)
        for name, r in changes.resources.items():
            known = out.setdefault(name, {})
            for rid in r.removed:
                known.pop(rid, None)
            for rid in r.added:
                known[rid] = RecordHistory(state, None)
            for rid in r.changed:
                known[rid] = RecordHistory(known[rid].added, state)
        previous = state
    return out


@dataclass(frozen=True)
class Versions:
    """The package's releases as one build sees them: each release with the changes since
    the one before, each record's history, and whether the working tree has unreleased
    changes."""

    releases: tuple[Snapshot, ...]  # oldest first
    changes: dict[str, Changes]  # version -> changes since the previous release
    records: dict[str, dict[str, RecordHistory]]  # resource -> id -> history
    unreleased: Snapshot | None  # the working tree, when it differs from the latest release
    notice: str = ""  # why the recorded releases are not rebuilt (releases.History.notice)
    recorded: tuple = ()  # every release record (releases.ReleaseRecord), rebuilt or not

    def find(self, version: str) -> Snapshot | None:
        return next((r for r in self.releases if r.version == version), None)

    def pending(self, h: RecordHistory) -> bool:
        """Whether the record was added or changed in the working tree, after the latest
        release."""
        return self.unreleased is not None and any(
            s is self.unreleased for s in (h.added, h.changed)
        )

    def added(self, resource: str) -> dict[str, str]:
        """{id: the version of the release that added it} for a resource's released records."""
        return {
            rid: h.added.version
            for rid, h in self.records.get(resource, {}).items()
            if h.added.record
        }

    def of(self, resource: str, record_id: str) -> RecordHistory | None:
        return self.records.get(resource, {}).get(record_id)


def versions(history, current: Snapshot | None) -> Versions:
    """From the recorded releases (releases.History) and the working tree's snapshot."""
    releases = history.releases
    changes, previous = {}, None
    for rel in releases:
        changes[rel.version] = compare(previous, rel)
        previous = rel
    unreleased = None
    if releases and current is not None and _package_bytes(current) != _package_bytes(releases[-1]):
        unreleased = current
    states = [*releases, *([unreleased] if unreleased else [])]
    return Versions(
        releases, changes, histories_by_record(states), unreleased, history.notice, history.records
    )


def _package_bytes(snap: Snapshot) -> dict[str, bytes]:
    """What a release is made of: the descriptor, its CSV files and schemas, the changelog."""
    desc = snap.descriptor
    keep = {"datapackage.json", "CHANGELOG.md"} | {
        p for r in desc["resources"] for p in (r["path"], r["schema"])
    }
    return {k: v for k, v in snap.files.items() if k in keep}
