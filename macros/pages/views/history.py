"""When a record was added and last changed, by release (data/changes.py), with a link to
that release on the data page, where its diff is."""

from ...publish.versions import anchor
from ..page import Page


def history_view(resource: str, record_id: str, page: Page) -> dict | None:
    """The record's history on its page (publish/api.history_document gives the same in its API
    document); None where the build has no releases (a copy without tags, a test package)."""
    versions = page.build.versions
    h = versions.of(resource, record_id)
    if h is None:
        return None

    def at(snap, key: str) -> dict | None:
        if snap is None or snap.record is None:  # the working tree: not a release
            return None
        return {
            "text": page.t(key, version=snap.version, date=page.fmt.day(snap.date, "day")),
            "href": page.link(page.urls.page("data", page.lang, anchor(snap.version))),
        }

    return {
        "added": at(h.added, "history_added"),
        "changed": at(h.changed, "history_changed"),
        # Edits of the working tree, after the latest release (a preview build).
        "added_unreleased": versions.unreleased is not None and h.added is versions.unreleased,
        "unreleased": versions.pending(h) and h.added is not versions.unreleased,
    }
