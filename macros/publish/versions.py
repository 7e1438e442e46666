"""Every recorded release's package files at permanent addresses: /data/v<x.y.z>/ holds that
release's zip, CSV, JSON, schemas, workbook, SQLite, datapackage.json and SHA256SUMS, made
from the release's bytes in git (data/releases.py) by the same code as the current files;
changes.json and changes.csv give the diff from the release before (data/changes.py).

Each file is proven against the SHA-256 its release record holds: a writer or a dependency
that no longer makes the same bytes stops the build (ReleaseMismatch) instead of silently
changing a file someone may have cited by its checksum."""

import csv
import io
import sqlite3
import sys
import tempfile
import zlib
from importlib.metadata import version as package_version
from pathlib import Path

from ..data.cache import cache_of
from ..data.changes import Changes
from ..data.context import Context
from ..data.releases import Snapshot, semver, sha256
from ..format.language import both_languages
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


class ReleaseMismatch(Exception):
    """A release's permanent file no longer rebuilds to the bytes its record proves."""

    def __init__(self, version: str, path: str, got: str, recorded: str):
        self.version, self.path = version, path
        super().__init__(
            both_languages(
                "notice_release_mismatch", version=version, path=path, got=got or "—",
                recorded=recorded or "—",
            )
        )  # fmt: skip


def prove(version: str, files: dict[str, bytes], recorded: dict[str, str]) -> None:
    """Raise ReleaseMismatch at the first file whose bytes differ from the record's."""
    made = {path: sha256(content) for path, content in files.items()}
    for path in sorted(made.keys() | recorded.keys()):
        if made.get(path) != recorded.get(path):
            raise ReleaseMismatch(version, path, made.get(path, ""), recorded.get(path, ""))


def with_parquet(rel: Snapshot) -> bool:
    """A release recorded before the Parquet files is rebuilt without them, as it was published."""
    return rel.record is None or any(p.endswith(".parquet") for p in rel.record.files)


def package_files(ctx: Context, rel: Snapshot) -> tuple[tuple[Download, ...], dict[str, bytes]]:
    """A release's downloads (listed without their bytes) and its package's files."""
    parquet = with_parquet(rel)
    with tempfile.TemporaryDirectory() as tmp:
        old = Context.open(rel.write(Path(tmp)), ctx.config)
        made = downloads(old, parquet)
        files = {moved(d.path, rel.version): d.content for d in made}
        files[folder(rel.version) + "datapackage.json"] = json_bytes(package_descriptor(old))
        files[folder(rel.version) + "SHA256SUMS"] = sha256sums(old, parquet)
    return tuple(d.listed() for d in made), files


def release_files(ctx: Context, rel: Snapshot) -> tuple[tuple[Download, ...], dict[str, bytes]]:
    """A release's downloads (listed without their bytes) and every file of its folder."""
    listed, files = package_files(ctx, rel)
    return listed, files | changes_files(ctx.versions.changes[rel.version], rel.version)


def _release(ctx: Context, rel: Snapshot) -> tuple[tuple[Download, ...], dict[str, bytes]]:
    """A release's files, made and proven against its record once: then from the cache, keyed
    by the release's record, its bytes and those of every release before it (its changes are
    the diff with the one before) and the writers' code (data/cache.py)."""

    def make():
        listed, files = release_files(ctx, rel)
        if rel.record is not None:
            prove(rel.version, files, rel.record.files)
        return listed, files

    if rel.record is None:  # the working tree is no release: never cached
        return make()
    upto = [r for r in ctx.versions.releases if semver(r.version) <= semver(rel.version)]
    inputs = (
        ctx.config,
        rel.record,
        [(r.version, sorted((p, sha256(b)) for p, b in r.files.items())) for r in upto],
    )
    return cache_of(ctx).get("release", inputs, make)


def _make(ctx: Context) -> dict:
    return {rel.version: _release(ctx, rel) for rel in ctx.versions.releases}


def release_downloads(ctx: Context) -> dict[str, tuple[Download, ...]]:
    """{version: its downloads, listed without their bytes}: what the data page shows. In a
    build, the publishing process sends it (generator/publishing.py)."""
    return ctx.products.release_downloads.get(
        lambda: {v: listed for v, (listed, _) in _releases(ctx).items()}
    )


def _releases(ctx: Context) -> dict:
    return ctx.products.releases.get(lambda: _make(ctx))


def files(ctx: Context) -> dict[str, bytes]:
    out = {}
    for _, made in _releases(ctx).values():
        out |= made
    return out


def made_with() -> dict[str, str]:
    """The libraries whose output the permanent files depend on, recorded beside their
    checksums: ZIP and XLSX are compressed by zlib, XLSX written by openpyxl, the database
    laid out by SQLite, the Parquet files written by pyarrow."""
    return {
        "python": sys.version.split()[0],
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "sqlite": sqlite3.sqlite_version,
        "openpyxl": package_version("openpyxl"),
        "pyarrow": package_version("pyarrow"),
    }
