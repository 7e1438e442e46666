"""Downloads built from the data package: per-resource CSV, JSON and schema, the zipped package,
the XLSX workbook and the SQLite database, with a manifest (size, rows, SHA-256) for the data page.

Everything is built once per process (the build runs once per language) and is byte-identical
for identical input: sorted zip entries with a fixed timestamp, no "now" anywhere.
"""

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from . import paths
from .load import descriptor, load

# Zip entries carry this timestamp (zip cannot store dates before 1980).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Download:
    path: str  # under the site root, e.g. "data/csv/figures.csv"
    content: bytes
    format: str
    media_type: str
    rows: int | None
    description_fr: str
    description_en: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def plain(value):
    """A typed value as JSON wants it: Decimal -> int or float, date -> ISO string."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def fields(resource: str) -> list[dict]:
    return next(r for r in descriptor()["resources"] if r["name"] == resource)["schema_data"][
        "fields"
    ]


def rows(resource: str) -> list[dict]:
    """Records of a resource in schema field order, with plain JSON values."""
    names = [f["name"] for f in fields(resource)]
    return [{n: plain(rec.get(n)) for n in names} for rec in load()[resource].values()]


def resources() -> list[dict]:
    return descriptor()["resources"]


def csv_bytes(resource: str) -> bytes:
    """RFC 4180: UTF-8, comma, CRLF line ends, quotes only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [f["name"] for f in fields(resource)]
    writer.writerow(names)
    for rec in load()[resource].values():
        writer.writerow(["" if rec.get(n) is None else _csv_cell(rec.get(n)) for n in names])
    return out.getvalue().encode("utf-8")


def _csv_cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(plain(value))


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def package_descriptor() -> dict:
    """datapackage.json as published: resources point at the RFC 4180 CSVs in the zip."""
    pkg = json.loads(paths.PACKAGE.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        res["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n"}
    return pkg


def readme_text() -> str:
    pkg = package_descriptor()
    lines = [
        f"# {pkg['title']} / {pkg['title_en']}",
        "",
        f"Version {pkg['version']}. {pkg['licenses'][0]['title']}.",
        "",
        pkg["description"],
        "",
        pkg["description_en"],
        "",
        "Valider / Validate: `frictionless validate datapackage.json`",
        "",
        "## Resources",
        "",
    ]
    for res in pkg["resources"]:
        lines.append(
            f"- `{res['path']}`: {res['title']} / {res['title_en']}. {res['description_en']}"
        )
    return "\n".join(lines) + "\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, entries[name])
    return out.getvalue()


def package_zip() -> bytes:
    entries = {
        "datapackage.json": json_bytes(package_descriptor()),
        "README.md": readme_text().encode("utf-8"),
        "LICENSE.md": (paths.PACKAGE_DIR / "LICENSE.md").read_bytes(),
        "CHANGELOG.md": paths.CHANGELOG.read_bytes(),
    }
    for res in resources():
        entries[res["path"]] = csv_bytes(res["name"])
        entries[res["schema"]] = (paths.PACKAGE.parent / res["schema"]).read_bytes()
    return zip_bytes(entries)


def version() -> str:
    return descriptor()["version"]


def changelog() -> list[dict]:
    """CHANGELOG.md entries, newest first: [{version, date, items: {fr: [...], en: [...]}}].

    Each change is written twice, as "- [fr] ..." and "- [en] ..." (continuation lines indented).
    """
    entries, current, last = [], None, None
    for line in paths.CHANGELOG.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^## (\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2})\s*$", line):
            current = {
                "version": m[1],
                "date": date.fromisoformat(m[2]),
                "items": {"fr": [], "en": []},
            }
            entries.append(current)
        elif current and (m := re.match(r"^- \[(fr|en)\] (.*)$", line)):
            last = current["items"][m[1]]
            last.append(m[2].strip())
        elif current and last and line.startswith("  "):
            last[-1] += " " + line.strip()
    return entries


def sha256sums() -> bytes:
    """The checksums in `sha256sum -c` format, paths relative to /data/."""
    lines = [f"{d.sha256}  {d.path.removeprefix('data/')}" for d in downloads()]
    return ("\n".join(lines) + "\n").encode("utf-8")


@cache
def downloads() -> tuple[Download, ...]:
    from . import database, workbook  # heavy imports only when building

    name = descriptor()["name"]
    out = [
        Download(f"data/{name}.zip", package_zip(), "ZIP", "application/zip", None,
                 "Le paquet de données complet (Frictionless) : datapackage.json, CSV, schémas, README, licence.",
                 "The complete Frictionless data package: datapackage.json, CSVs, schemas, README, licence."),
        Download(f"data/{name}.xlsx", workbook.xlsx_bytes(), "XLSX",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None,
                 "Un classeur : une feuille par table, en-têtes figés, et une feuille README.",
                 "One workbook: a sheet per table, frozen headers, and a README sheet."),
        Download(f"data/{name}.sqlite", database.sqlite_bytes(), "SQLite", "application/vnd.sqlite3", None,
                 "Une base SQLite : une table par ressource, clés primaires et étrangères, index, métadonnées.",
                 "An SQLite database: a table per resource, primary and foreign keys, indexes, metadata."),
    ]  # fmt: skip
    for res in resources():
        n, count = res["name"], len(load()[res["name"]])
        out += [
            Download(f"data/csv/{n}.csv", csv_bytes(n), "CSV", "text/csv", count,
                     f"{res['title']} (CSV, UTF-8, RFC 4180).", f"{res['title_en']} (CSV, UTF-8, RFC 4180)."),
            Download(f"data/json/{n}.json", json_bytes(rows(n)), "JSON", "application/json", count,
                     f"{res['title']} : enregistrements typés.", f"{res['title_en']}: typed records."),
            Download(f"data/schemas/{n}.json", json_bytes(res["schema_data"]), "JSON", "application/schema+json", None,
                     f"{res['title']} : Table Schema.", f"{res['title_en']}: Table Schema."),
        ]  # fmt: skip
    return tuple(out)
