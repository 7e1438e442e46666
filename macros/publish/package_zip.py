"""The zipped Frictionless package: datapackage.json, the RFC 4180 CSVs, schemas, README,
licence and changelog, with sorted entries and a fixed timestamp."""

import io
import json
import zipfile

from ..data.context import Context
from .csv_files import csv_bytes
from .parquet import parquet_bytes
from .tables import json_bytes

# Zip entries carry this timestamp (zip cannot store dates before 1980).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def package_descriptor(ctx: Context) -> dict:
    """datapackage.json as published: resources point at the RFC 4180 CSVs."""
    pkg = json.loads(ctx.package.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        res["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n"}
    return pkg


def readme_text(ctx: Context, parquet: bool = True) -> str:
    pkg = package_descriptor(ctx)
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
    if parquet:
        lines += [
            "",
            "## Parquet",
            "",
            "`parquet/<resource>.parquet`: chaque ressource, typée selon son schéma / each"
            " resource, typed from its schema (dates, integers, exact decimals, booleans).",
        ]
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


def package_zip(ctx: Context, parquet: bool = True) -> bytes:
    folder = ctx.package.parent
    entries = {
        "datapackage.json": json_bytes(package_descriptor(ctx)),
        "README.md": readme_text(ctx, parquet).encode("utf-8"),
        "LICENSE.md": (folder / "LICENSE.md").read_bytes(),
        "CHANGELOG.md": (folder / "CHANGELOG.md").read_bytes(),
    }
    for res in ctx.descriptor["resources"]:
        entries[res["path"]] = csv_bytes(ctx, res["name"])
        # As published: the commitments schema lists its computed columns as fields.
        entries[res["schema"]] = json_bytes(res["schema_data"])
        if parquet:  # beside the CSV, typed: not a resource of the descriptor
            entries[f"parquet/{res['name']}.parquet"] = parquet_bytes(ctx, res["name"])
    return zip_bytes(entries)
