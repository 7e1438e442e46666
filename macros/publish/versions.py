"""Every tagged release's package files at permanent addresses: /data/v<x.y.z>/ holds that
release's zip, CSV, JSON, schemas, workbook, SQLite, datapackage.json and SHA256SUMS, made
from the release's bytes in git (data/releases.py) by the same code as the current files, so
they are byte-identical at every build; changes.json and changes.csv give the diff from the
release before (data/changes.py)."""

import csv
import io
import tempfile
from pathlib import Path

from ..data.changes import Changes
from ..data.context import Context
from ..data.releases import Snapshot
from .downloads import Download, downloads, sha256sums
from .package_zip import package_descriptor
from .tables import json_bytes


def folder(version: str) -> str:
    return f"data/v{version}/"


def anchor(version: str) -> str:
    """A version's section on the data page: #version-2-1-0."""
    return "version-" + version.replace(".", "-")


def moved(path: str, version: str) -> str:
    """A current download's path (data/...) in a release's folder."""
    return folder(version) + path.removeprefix("data/")


def changes_files(changes: Changes, version: str) -> dict[str, bytes]:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(changes.csv_rows())
    return {
        folder(version) + "changes.json": json_bytes(changes.as_json()),
        folder(version) + "changes.csv": out.getvalue().encode("utf-8"),
    }


def _release(ctx: Context, rel: Snapshot) -> tuple[tuple[Download, ...], dict[str, bytes]]:
    with tempfile.TemporaryDirectory() as tmp:
        old = Context.open(rel.write(Path(tmp)), ctx.config)
        made = downloads(old)
        files = {moved(d.path, rel.version): d.content for d in made}
        files[folder(rel.version) + "datapackage.json"] = json_bytes(package_descriptor(old))
        files[folder(rel.version) + "SHA256SUMS"] = sha256sums(old)
    files |= changes_files(ctx.versions.changes[rel.version], rel.version)
    listed = tuple(d.listed() for d in made)
    return listed, files


def _make(ctx: Context) -> dict:
    return {rel.version: _release(ctx, rel) for rel in ctx.versions.releases}


def release_downloads(ctx: Context) -> dict[str, tuple[Download, ...]]:
    """{version: its downloads, listed without their bytes}: what the data page shows. In a
    build, the publishing process sends it (build/publishing.py)."""
    return ctx.once(
        "release_downloads", lambda: {v: listed for v, (listed, _) in _releases(ctx).items()}
    )


def _releases(ctx: Context) -> dict:
    return ctx.once("releases", lambda: _make(ctx))


def files(ctx: Context) -> dict[str, bytes]:
    out = {}
    for _, made in _releases(ctx).values():
        out |= made
    return out
