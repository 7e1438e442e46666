"""The list of downloads, each with its bytes, format, size, row count and checksum: the data
page, the checksums file and the catalogue all read this one list."""

import hashlib
from dataclasses import dataclass, field

from ..data.cache import cache_of
from ..data.context import Context
from .csv_files import csv_bytes, csv_path
from .package_zip import package_zip
from .parquet import parquet_bytes, parquet_path
from .tables import json_bytes, rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    path: str  # under the site root, e.g. "data/csv/figures.csv"
    content: bytes
    format: str
    media_type: str
    rows: int | None
    description: dict[str, str]  # language -> text
    resource: str | None = None  # the table it publishes, None for the whole package's files
    size: int = field(init=False)
    sha256: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "size", len(self.content))
        object.__setattr__(self, "sha256", hashlib.sha256(self.content).hexdigest())

    def listed(self) -> "Download":
        """The same download without its bytes: what the data page and the catalogue read."""
        out = object.__new__(Download)
        for name in self.__dataclass_fields__:
            object.__setattr__(out, name, b"" if name == "content" else getattr(self, name))
        return out


PARQUET = "application/vnd.apache.parquet"


def _make(ctx: Context, parquet: bool) -> tuple[Download, ...]:
    from . import database, workbook  # openpyxl and sqlite only where the files are made

    def described(key: str, res: dict | None = None) -> dict[str, str]:
        return {
            code: lang.t(key, **({"title": ctx.described(res, "title", code)} if res else {}))
            for code, lang in ctx.languages.items()
        }

    name = ctx.descriptor["name"]
    out = [
        Download(f"data/{name}.zip", package_zip(ctx, parquet), "ZIP", "application/zip", None,
                 described("file_zip")),
        Download(f"data/{name}.xlsx", workbook.xlsx_bytes(ctx), "XLSX", XLSX, None,
                 described("file_xlsx")),
        Download(f"data/{name}.sqlite", database.sqlite_bytes(ctx), "SQLite",
                 "application/vnd.sqlite3", None, described("file_sqlite")),
    ]  # fmt: skip
    for res in ctx.descriptor["resources"]:
        n, count = res["name"], len(ctx.data[res["name"]])
        out += [
            Download(csv_path(n), csv_bytes(ctx, n), "CSV", "text/csv", count,
                     described("file_csv", res), n),
            Download(f"data/json/{n}.json", json_bytes(rows(ctx, n)), "JSON", "application/json",
                     count, described("file_json", res), n),
        ]  # fmt: skip
        if parquet:
            out.append(Download(parquet_path(n), parquet_bytes(ctx, n), "Parquet", PARQUET,
                                count, described("file_parquet", res), n))  # fmt: skip
        out.append(Download(f"data/schemas/{n}.json", json_bytes(res["schema_data"]), "JSON",
                            "application/schema+json", None, described("file_schema", res), n))  # fmt: skip
    return tuple(out)


def downloads(ctx: Context, parquet: bool = True) -> tuple[Download, ...]:
    """Made once for a package's data: the data page (in each language) and the catalogue
    list them, the publisher writes them (data/cache.py: whichever process of the build asks
    first makes them, the others read them). `parquet=False`: a release recorded before the
    Parquet files, rebuilt as it was published (publish/versions.py)."""
    key = (ctx.fingerprint(), parquet)
    cached = lambda: cache_of(ctx).get("downloads", key, lambda: _make(ctx, parquet))  # noqa: E731
    return ctx.products.downloads.get(cached) if parquet else cached()


def sha256sums(ctx: Context, parquet: bool = True) -> bytes:
    """The checksums in `sha256sum -c` format, paths relative to /data/."""
    lines = [f"{d.sha256}  {d.path.removeprefix('data/')}" for d in downloads(ctx, parquet)]
    return ("\n".join(lines) + "\n").encode("utf-8")
