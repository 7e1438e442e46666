"""Release records (releases/<x.y.z>.json, written by `make release`): each one readable,
named for its version, with a date, the blob of every package file and the SHA-256 of every
permanent file, so that the build can rebuild and prove every release."""

import json
import re
from datetime import date

from ..data.releases import RECORDS, semver
from ..format.language import in_languages
from .raw import RawPackage
from .report import problem

BLOB, SHA256 = re.compile(r"^[0-9a-f]{40}$"), re.compile(r"^[0-9a-f]{64}$")


def _problem(name: str, detail: dict):
    return problem(f"{RECORDS}/{name}", None, None, "release-record", detail=detail)


def release_records(pkg: RawPackage, today: date):
    folder = pkg.base / RECORDS if pkg.base else None
    if folder is None or not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix != ".json":
            yield _problem(path.name, in_languages("detail_record_not_json"))
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version = data["version"]
            semver(version)
            date.fromisoformat(data["date"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            yield _problem(path.name, in_languages("detail_record_unreadable", error=exc))
            continue
        if path.stem != version:
            yield _problem(
                path.name, in_languages("detail_record_version", version=version, name=path.name)
            )
        package, files = data.get("package"), data.get("files")
        if not isinstance(package, dict) or "datapackage.json" not in package:
            yield _problem(path.name, in_languages("detail_record_package"))
        elif bad := [k for k, v in package.items() if not BLOB.match(str(v))]:
            yield _problem(path.name, in_languages("detail_record_blob", path=bad[0]))
        if not isinstance(files, dict) or not files:
            yield _problem(path.name, in_languages("detail_record_files"))
        elif bad := [k for k, v in files.items() if not SHA256.match(str(v))]:
            yield _problem(path.name, in_languages("detail_record_sha", path=bad[0]))
