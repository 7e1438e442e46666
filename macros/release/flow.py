"""The release flow, in two runs of `make release VERSION=x.y.z`:

1. On a clean tree: check the version (semantic, above the last release, a bump as large as
   the diff needs), diff the package against the last release, write a draft changelog entry
   in French and English, and bump datapackage.json and CITATION.cff. Nothing is committed:
   the maintainer edits the entry.
2. With only those files changed: validate the package, write the release record
   (releases/<x.y.z>.json in the package folder: the blobs of the package's files, the
   SHA-256 of every permanent file, the notes), commit them all and tag `vx.y.z` (the tag is a
   convenience; the build reads the records).

Every refusal is one line in French and English and exit code 1; a usage error exits 2.
"""

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..check.report import as_text
from ..check.validate import validate
from ..data.changes import MAJOR, MINOR, PATCH, compare
from ..data.config import SiteConfig
from ..data.context import Context
from ..data.releases import (
    TAG_PREFIX,
    History,
    ReleaseRecord,
    Snapshot,
    blob_id,
    read_history,
    record_path,
    semver,
    sha256,
    working_tree,
)
from ..format.language import LANGUAGES, Language, both_languages
from ..publish.versions import made_with, release_files
from . import draft

# What the release's files are made with: the permanent files do not depend on the site's
# names or address, only on the package.
CONFIG = SiteConfig(languages=LANGUAGES, site_url="/", repo_url="")

RANK = {PATCH: 0, MINOR: 1, MAJOR: 2}
FRENCH = {PATCH: "corrective", MINOR: "mineure", MAJOR: "majeure"}


def said(key: str, **params) -> str:
    """What the flow says, in French then English, from the catalogues (release_<key>); a
    parameter given as {"fr": …, "en": …} is worded in each language."""
    return both_languages(f"release_{key}", **params)


class Refused(Exception):
    """A release the flow will not make, said in both languages (then any detail, such as
    the validator's bilingual table)."""

    def __init__(self, key: str, detail: str = "", **params):
        super().__init__(said(key, **params) + detail)


@dataclass(frozen=True)
class Repo:
    top: Path
    package: Path  # datapackage.json

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.top), *args], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise Refused("git_failed", command=args[0], detail=done.stderr.strip())
        return done.stdout

    def dirty(self) -> set[str]:
        """Paths (relative to the repository) with uncommitted changes, untracked included."""
        out = self.git("status", "--porcelain", "--untracked-files=all")
        return {line[3:].split(" -> ")[-1].strip('"') for line in out.splitlines()}

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.top).as_posix()


def bump(old: str, new: str) -> str:
    o, n = semver(old), semver(new)
    return MAJOR if n[0] > o[0] else MINOR if n[1] > o[1] else PATCH


def _set_version(package: Path, old: str, new: str) -> None:
    text = package.read_text(encoding="utf-8")
    updated, n = re.subn(rf'("version"\s*:\s*)"{re.escape(old)}"', rf'\g<1>"{new}"', text, count=1)
    if n != 1:
        raise Refused("no_version")
    package.write_text(updated, encoding="utf-8")


def _set_citation(path: Path, version: str, day: date) -> None:
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version:.*$", f"version: {version}", text)
    text = re.sub(r"(?m)^date-released:.*$", f"date-released: {day.isoformat()}", text)
    path.write_text(text, encoding="utf-8")


def _insert_entry(changelog: Path, text: str) -> None:
    old = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n\n"
    at = old.find("\n## ")
    head, rest = (old, "") if at < 0 else (old[: at + 1], old[at + 1 :])
    changelog.write_text(head.rstrip("\n") + "\n\n" + text + "\n" + rest, encoding="utf-8")


def make_record(snap: Snapshot, before: History, commit: str = "") -> ReleaseRecord:
    """The record of a release whose package folder is `snap`, after the releases `before`:
    its files' blobs, the checksums of its permanent files as the build makes them, its
    changelog notes."""
    entry = next((e for e in snap.changelog() if e["version"] == snap.version), None)
    with tempfile.TemporaryDirectory() as tmp:
        package = snap.write(Path(tmp))
        history = History((*before.releases, snap), "", before.records)
        ctx = Context.open(package, CONFIG, history)
        _, files = release_files(ctx, snap)
    return ReleaseRecord(
        version=snap.version,
        date=snap.date,
        package={path: blob_id(content) for path, content in snap.files.items()},
        files={path: sha256(content) for path, content in files.items()},
        notes=entry["items"] if entry else {},
        commit=commit,
        made_with=made_with(),
    )


def release(package: Path, version: str, today: date) -> str:
    """Run one step of the flow; returns what it did (French / English)."""
    try:
        semver(version)
    except ValueError:
        raise Refused("not_semver", version=repr(version)) from None
    package = package.resolve()
    repo = _repository(package)
    history = read_history(package)
    _refuse_taken(repo, version, history)
    current = working_tree(package)
    changelog, citation = package.parent / "CHANGELOG.md", repo.top / "CITATION.cff"
    ours = {repo.rel(package), repo.rel(changelog), repo.rel(citation)}
    dirty = repo.dirty()

    entry = next(iter(current.changelog()), None)
    if current.version == version and entry and entry["version"] == version:
        # Second run: the draft is written (or, for a package's first release, the version
        # and its entry are already there); only those files may have changed.
        if others := sorted(dirty - ours):
            raise Refused("outside", files=", ".join(others))
        return _record(repo, version, history, ours)

    if dirty:
        raise Refused("dirty", files=", ".join(sorted(dirty)))
    changes = compare(history.latest, current)
    _refuse_changes(history.latest, version, changes)
    _insert_entry(changelog, draft.entry(version, today, changes))
    _set_version(package, current.version, version)
    _set_citation(citation, version, today)
    return said("drafted", version=version, changelog=repo.rel(changelog))


def _repository(package: Path) -> Repo:
    """The git repository the package folder is in, or Refused."""
    try:
        top = subprocess.run(
            ["git", "-C", str(package.parent), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        raise Refused("no_repository") from None
    return Repo(Path(top), package)


def _refuse_taken(repo: Repo, version: str, history: History) -> None:
    """Refused unless `version` can follow the recorded releases: the build has read the
    history as it is, no record of the version exists, and it is above the last release."""
    if history.notice:
        raise Refused("not_rebuilt")
    last = history.latest
    record = record_path(repo.package, version)
    if record.exists():
        raise Refused("exists", version=version, record=repo.rel(record))
    if last and semver(version) <= semver(last.version):
        raise Refused("not_greater", version=version, last=last.version)


def _record(repo: Repo, version: str, history: History, ours: set[str]) -> str:
    """The second run: validate the package, write its release record, commit the record and
    the drafted files (`ours`), and tag the release."""
    package = repo.package
    if problems := validate(package):
        raise Refused("invalid", detail="\n" + as_text(problems, package))
    record = record_path(package, version)
    record.parent.mkdir(exist_ok=True)
    record.write_bytes(make_record(working_tree(package), history).to_json())
    ours = ours | {repo.rel(record)}
    repo.git("add", "--", *(p for p in sorted(ours) if (repo.top / p).exists()))
    repo.git("commit", "--quiet", "-m", f"Release {version}")
    if not repo.git("tag", "--list", TAG_PREFIX + version).strip():
        repo.git("tag", "-a", TAG_PREFIX + version, "-m", f"Release {version}")
    return said("recorded", version=version, record=repo.rel(record))


def _refuse_changes(last, version: str, changes) -> None:
    """Refused if there is nothing to release since `last`, or if the version's bump is
    smaller than the changes need (a removal needs a major one), naming the removals."""
    if last and not changes.counts():
        raise Refused("nothing", last=last.version)
    if last and RANK[bump(last.version, version)] < RANK[changes.needs]:
        removed = [
            (n, r) for n, r in changes.resources.items()
            if r.removed or r.fields_removed or r.status == "removed"
        ]  # fmt: skip
        details = {
            lang: "; ".join(draft.line(n, r, Language.load(lang)) for n, r in removed)
            for lang in LANGUAGES
        }
        raise Refused(
            "needs",
            needs={"fr": FRENCH[changes.needs], "en": changes.needs},
            last=last.version,
            details=details,
        )


def release_day() -> date:
    """Today, or RELEASE_DATE (YYYY-MM-DD) to date a release made later or in a test."""
    return (
        date.fromisoformat(os.environ["RELEASE_DATE"])
        if os.environ.get("RELEASE_DATE")
        else date.today()
    )
