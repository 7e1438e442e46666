"""`make release VERSION=x.y.z`: diff the package against the last release, draft the
changelog entry, bump the version, then (second run) commit and tag (see flow.py)."""
