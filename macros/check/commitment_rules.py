"""Rules of the commitments tracker: what a commitment rests on, the code lists and computed
fields the build relies on, and the changelog whose latest release dates every status."""

from datetime import date

from ..data.changelog import read_changelog
from ..data.commitments import COMPUTED, RESULTS, STATUSES
from ..data.releases import semver
from .raw import RawPackage
from .report import problem

CHANGELOG = "CHANGELOG.md"


def commitments(pkg: RawPackage, today: date):
    """A commitment rests on a target figure or a planned announcement (or both, agreeing)."""
    t, figs, anns = (pkg.tables.get(n) for n in ("commitments", "figures", "announcements"))
    if not (t and figs and anns):
        return
    figures = {row.get("id"): row for _, row in figs.rows}
    announcements = {row.get("id"): row for _, row in anns.rows}
    for line, row in t.rows:
        fig_id, ann_id = row.get("figure_id", ""), row.get("announcement_id", "")
        fig, ann = figures.get(fig_id), announcements.get(ann_id)
        if not fig_id and not ann_id:
            yield problem(t.path, line, "figure_id", "commitment-basis")
        if fig and fig.get("kind") != "target":
            yield problem(
                t.path, line, "figure_id", "commitment-not-target", id=fig_id, kind=fig.get("kind")
            )
        if ann and ann.get("planned") != "true":
            yield problem(t.path, line, "announcement_id", "commitment-not-planned", id=ann_id)
        due = (fig.get("deadline"), fig.get("deadline_precision")) if fig else (None, None)
        planned = (ann.get("date_end") or ann.get("date"), ann.get("date_precision")) if ann else ()
        if due[0] and planned and due != planned:
            yield problem(
                t.path,
                line,
                "announcement_id",
                "commitment-deadline",
                figure=f"{due[0]} ({due[1]})",
                announcement=f"{planned[0]} ({planned[1]})",
            )


def status_codes(pkg: RawPackage, today: date):
    """The statuses and outcome results the build computes with are those the lists label."""
    for name, expected in (("commitment_statuses", STATUSES), ("outcome_results", RESULTS)):
        t = pkg.tables.get(name)
        if not t:
            continue
        listed = {row.get("id") for _, row in t.rows}
        if listed != set(expected):
            found = ", ".join(sorted(x for x in listed if x)) or "—"
            yield problem(
                t.path, 1, "id", "status-codes", expected=", ".join(expected), found=found
            )


def computed_fields(pkg: RawPackage, today: date):
    """The commitments schema describes, under computedFields, the columns the build adds
    (a published package has them as fields already, with their values)."""
    t = pkg.tables.get("commitments")
    if not t:
        return
    extra = t.schema.get("computedFields")
    names = [f.get("name") for f in extra if isinstance(f, dict)] if isinstance(extra, list) else []
    names += [name for name in t.header if name in COMPUTED]
    if sorted(filter(None, names)) != sorted(COMPUTED):
        res = next(r for r in pkg.descriptor["resources"] if r.get("name") == "commitments")
        yield problem(
            res.get("schema", ""), None, "computedFields", "computed-fields",
            expected=", ".join(COMPUTED), found=", ".join(map(str, names)) or "—",
        )  # fmt: skip


def changelog(pkg: RawPackage, today: date):
    """The latest release dates every status: CHANGELOG.md lists releases newest first, the
    first one being the descriptor's version."""
    path = pkg.base / CHANGELOG
    if not path.is_file():
        yield problem(CHANGELOG, None, None, "changelog-missing")
        return
    try:
        entries = read_changelog(path)
    except (UnicodeDecodeError, ValueError) as exc:  # a date that does not exist, bad bytes
        yield problem(CHANGELOG, None, None, "changelog-entry", detail=str(exc)[:120])
        return
    if not entries:
        yield problem(CHANGELOG, None, None, "changelog-empty")
        return
    version = pkg.descriptor.get("version")
    if entries[0]["version"] != version:
        yield problem(
            CHANGELOG, None, None, "changelog-version", found=entries[0]["version"], version=version
        )
    for newer, older in zip(entries, entries[1:], strict=False):
        key = lambda e: (e["date"], semver(e["version"]))  # noqa: E731
        if key(newer) <= key(older):
            yield problem(
                CHANGELOG, None, None, "changelog-order", newer=newer["version"],
                older=older["version"],
            )  # fmt: skip
