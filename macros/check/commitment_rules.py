"""Rules of the commitments tracker: what a commitment rests on, and its code list."""

from datetime import date

from ..data.commitments import STATUSES
from .raw import RawPackage
from .report import problem


def commitments(pkg: RawPackage, today: date):
    """A commitment rests on a target figure or a planned announcement (or both, agreeing)."""
    t, figs, anns = (pkg.tables.get(n) for n in ("commitments", "figures", "announcements"))
    if not (t and figs and anns):
        return
    figures = {row["id"]: row for _, row in figs.rows}
    announcements = {row["id"]: row for _, row in anns.rows}
    for line, row in t.rows:
        fig, ann = figures.get(row["figure_id"]), announcements.get(row["announcement_id"])
        if not row["figure_id"] and not row["announcement_id"]:
            yield problem(t.path, line, "figure_id", "commitment-basis")
        if fig and fig["kind"] != "target":
            yield problem(
                t.path, line, "figure_id", "commitment-not-target", id=fig["id"], kind=fig["kind"]
            )
        if ann and ann["planned"] != "true":
            yield problem(t.path, line, "announcement_id", "commitment-not-planned", id=ann["id"])
        if (
            fig
            and ann
            and fig["deadline"]
            and (fig["deadline"], fig["deadline_precision"])
            != (
                ann["date"],
                ann["date_precision"],
            )
        ):
            yield problem(
                t.path,
                line,
                "announcement_id",
                "commitment-deadline",
                figure=f"{fig['deadline']} ({fig['deadline_precision']})",
                announcement=f"{ann['date']} ({ann['date_precision']})",
            )


def status_codes(pkg: RawPackage, today: date):
    """The statuses the build computes are exactly those the code list labels."""
    t = pkg.tables.get("commitment_statuses")
    if not t:
        return
    listed = {row["id"] for _, row in t.rows}
    if listed != set(STATUSES):
        yield problem(
            t.path,
            1,
            "id",
            "status-codes",
            expected=", ".join(STATUSES),
            found=", ".join(sorted(listed)) or "—",
        )
