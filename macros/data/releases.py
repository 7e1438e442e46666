"""The package's releases, read from the git tags `v<x.y.z>` that `make release` makes.

A release is the package folder as committed at its tag: its files' bytes, its version and
its date (the tag's changelog entry, else the tagged commit's day). Everything versioned —
the downloads under /data/v<x.y.z>/, the diffs, each record's history — is made from these
bytes, so it is the same at every build. A copy without tags (a shallow clone, an exported
tree, a package outside the repository) has no releases: the build says so and publishes the
current version alone.
"""

import io
import json
import re
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .changelog import parse_changelog

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
TAG_PREFIX = "v"


def semver(version: str) -> tuple[int, int, int]:
    """(major, minor, patch); ValueError for anything but a plain x.y.z."""
    if not (m := SEMVER.match(version)):
        raise ValueError(f"not a semantic version x.y.z: {version!r}")
    return tuple(int(x) for x in m.groups())


@dataclass(frozen=True)
class Snapshot:
    """One state of the package folder: a release, or the working tree."""

    version: str
    date: date | None
    files: dict[str, bytes]  # path relative to the package folder -> bytes
    tag: str = ""  # "" for the working tree

    @property
    def descriptor(self) -> dict:
        return json.loads(self.files["datapackage.json"])

    def changelog(self) -> list[dict]:
        raw = self.files.get("CHANGELOG.md")
        return parse_changelog(raw.decode("utf-8")) if raw else []

    def write(self, folder: Path) -> Path:
        """The files into a folder; returns the path of its datapackage.json."""
        for rel, content in self.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return folder / "datapackage.json"


@dataclass(frozen=True)
class History:
    releases: tuple[Snapshot, ...]  # oldest first
    notice: str = ""  # why there are none, when there are none

    @property
    def latest(self) -> Snapshot | None:
        return self.releases[-1] if self.releases else None

    def find(self, version: str) -> Snapshot | None:
        return next((r for r in self.releases if r.version == version), None)


NO_HISTORY = History((), "")


def working_tree(package: Path) -> Snapshot:
    """The package folder as it is on disk (every file git would see)."""
    folder = package.parent
    files = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
    descriptor = json.loads(files["datapackage.json"])
    entries = (
        parse_changelog(files["CHANGELOG.md"].decode("utf-8")) if "CHANGELOG.md" in files else []
    )
    return Snapshot(descriptor.get("version", ""), entries[0]["date"] if entries else None, files)


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _archive(repo: Path, tag: str, folder: str) -> dict[str, bytes]:
    """The files of `folder` (relative to the repository) at `tag`."""
    raw = _git(repo, "archive", "--format=tar", tag, "--", folder)
    out = {}
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                out[member.name.removeprefix(folder + "/")] = tar.extractfile(member).read()
    return out


def read_history(package: Path) -> History:
    """Every tagged release of the package folder, oldest first; never raises.

    Without releases, History.notice says why: "no-repository", "shallow" (a shallow clone
    without the tags), "no-tags", or "untagged-folder" (no tag holds this package folder,
    e.g. the benchmark's generated packages).

    A tag counts when it is `v` + a semantic version and the package folder at that tag holds
    a datapackage.json of that version.
    """
    folder = Path(package).resolve().parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").decode().strip()
        listed = _git(
            folder, "for-each-ref", "--format=%(refname:short)\t%(creatordate:short)",
            f"refs/tags/{TAG_PREFIX}*",
        ).decode()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return History((), "no-repository")
    if shallow == "true":
        # The tags a shallow clone has are a random few (those on its last commits): a
        # record's history read from them would be wrong, so none is read.
        return History((), "shallow")
    rel = folder.relative_to(top).as_posix()
    releases = []
    for line in listed.splitlines():
        tag, day = line.split("\t")
        version = tag.removeprefix(TAG_PREFIX)
        try:
            semver(version)
            files = _archive(top, tag, rel)
        except (ValueError, subprocess.CalledProcessError):
            continue  # not a release tag, or the folder did not exist then
        if "datapackage.json" not in files:
            continue
        snap = Snapshot(version, None, files, tag)
        if snap.descriptor.get("version") != version:
            continue
        entry = next((e for e in snap.changelog() if e["version"] == version), None)
        released = entry["date"] if entry else date.fromisoformat(day)
        releases.append(Snapshot(version, released, files, tag))
    releases.sort(key=lambda r: semver(r.version))
    if releases:
        return History(tuple(releases))
    return History((), "untagged-folder" if listed.strip() else "no-tags")
