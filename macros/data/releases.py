"""The package's releases, read from the release records kept in the package folder
(`releases/<x.y.z>.json`, written by `make release`) and from git's object store.

A record names a release's version and date, the git blob of every file of the package folder
as released (content-addressed: whoever has the repository's objects has those bytes, with or
without tags, on any branch or fork), the SHA-256 of every permanent file published under
/data/v<x.y.z>/, and its changelog notes. The build regenerates those files from the blobs with
today's code and proves them against the checksums (publish/versions.py). A copy without the
objects (a shallow clone, an exported tree) still lists every release from its records and
says what it cannot rebuild.
"""

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .changelog import parse_changelog

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
TAG_PREFIX = "v"
RECORDS = "releases"  # the records' folder, inside the package folder
# Why releases cannot be rebuilt, and the one command that fixes it (data page, build log).
FIXES = {
    "shallow": "git fetch --unshallow",
    "missing-objects": "git fetch origin",
    "no-repository": "git clone",
}


def semver(version: str) -> tuple[int, int, int]:
    """(major, minor, patch); ValueError for anything but a plain x.y.z."""
    if not (m := SEMVER.match(version)):
        raise ValueError(f"not a semantic version x.y.z: {version!r}")
    return tuple(int(x) for x in m.groups())


def blob_id(content: bytes) -> str:
    """The id git gives these bytes as a file (`git hash-object`), without running git."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class ReleaseRecord:
    """What `make release` records of a release, in the tree, in the release's commit."""

    version: str
    date: date
    package: dict[str, str]  # file of the package folder -> its git blob id
    files: dict[str, str]  # permanent file (data/v<x.y.z>/...) -> its SHA-256
    notes: dict[str, list[str]] = field(default_factory=dict)  # {"fr": [...], "en": [...]}
    commit: str = ""  # a commit that holds the package as released, where known
    # The libraries whose output some formats depend on, as they were when the checksums
    # were taken: a build elsewhere that differs says which one to look at.
    made_with: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: bytes) -> "ReleaseRecord":
        data = json.loads(raw)
        return cls(
            version=data["version"],
            date=date.fromisoformat(data["date"]),
            package=dict(data["package"]),
            files=dict(data["files"]),
            notes=dict(data.get("notes", {})),
            commit=data.get("commit", ""),
            made_with=dict(data.get("made_with", {})),
        )

    def to_json(self) -> bytes:
        data = {
            "version": self.version,
            "date": self.date.isoformat(),
            **({"commit": self.commit} if self.commit else {}),
            "notes": self.notes,
            "made_with": self.made_with,
            "package": dict(sorted(self.package.items())),
            "files": dict(sorted(self.files.items())),
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def record_path(package: Path, version: str) -> Path:
    return Path(package).parent / RECORDS / f"{version}.json"


def read_release_records(package: Path) -> tuple[ReleaseRecord, ...]:
    """Every release record of the package, oldest first. The validator checks their shape
    (check/release_records.py); one it cannot read is left out here."""
    folder = Path(package).parent / RECORDS
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            rec = ReleaseRecord.from_json(path.read_bytes())
            semver(rec.version)
        except (ValueError, KeyError, TypeError):
            continue
        out.append(rec)
    return tuple(sorted(out, key=lambda r: semver(r.version)))


@dataclass(frozen=True)
class Snapshot:
    """One state of the package folder: a release, or the working tree."""

    version: str
    date: date | None
    files: dict[str, bytes]  # path relative to the package folder -> bytes
    record: ReleaseRecord | None = None  # None for the working tree

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
    releases: tuple[Snapshot, ...]  # rebuilt from the object store, oldest first
    notice: str = ""  # why the recorded releases cannot be rebuilt (FIXES), if so
    records: tuple[ReleaseRecord, ...] = ()  # every recorded release, rebuilt or not

    @property
    def latest(self) -> Snapshot | None:
        return self.releases[-1] if self.releases else None


NO_HISTORY = History((), "")


def working_tree(package: Path) -> Snapshot:
    """The package folder as it is on disk (every file git would see but the records)."""
    folder = package.parent
    files = {
        rel: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.name.startswith(".")
        and not (rel := p.relative_to(folder).as_posix()).startswith(RECORDS + "/")
    }
    descriptor = json.loads(files["datapackage.json"])
    entries = (
        parse_changelog(files["CHANGELOG.md"].decode("utf-8")) if "CHANGELOG.md" in files else []
    )
    return Snapshot(descriptor.get("version", ""), entries[0]["date"] if entries else None, files)


def git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """A git command's output, run in `folder`; raises CalledProcessError."""
    return subprocess.run(
        ["git", "-C", str(folder), *args], input=stdin, check=True, capture_output=True
    ).stdout


def read_blobs(folder: Path, ids: set[str]) -> dict[str, bytes]:
    """The bytes of the blobs the object store holds, by id (`git cat-file --batch`)."""
    raw = git(folder, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in sorted(ids)).encode())
    out, at = {}, 0
    while at < len(raw):
        end = raw.index(b"\n", at)
        header = raw[at:end].decode().split()
        at = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            out[header[0]] = raw[at : at + size]
            at += size + 1  # the content, then a newline
    return out


def read_history(package: Path) -> History:
    """Every recorded release of the package, rebuilt from the object store; never raises.

    All or none are rebuilt: the diffs and each record's history run through every release.
    Where one cannot be (no repository, a shallow clone, objects not fetched), History.notice
    says why and History.records still lists them all.
    """
    records = read_release_records(package)
    if not records:
        return NO_HISTORY
    folder = Path(package).resolve().parent
    try:
        shallow = git(folder, "rev-parse", "--is-shallow-repository").decode().strip()
        blobs = read_blobs(folder, {i for rec in records for i in rec.package.values()})
    except (OSError, subprocess.CalledProcessError):
        return History((), "no-repository", records)
    releases = []
    for rec in records:
        if not all(i in blobs for i in rec.package.values()):
            return History((), "shallow" if shallow == "true" else "missing-objects", records)
        files = {path: blobs[i] for path, i in rec.package.items()}
        releases.append(Snapshot(rec.version, rec.date, files, rec))
    return History(tuple(releases), "", records)
