"""The Parquet files: typed from each Table Schema, equal to the CSV rows, reproducible, read in
one line by DuckDB, and left out of the releases recorded before them."""

import csv
import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import BASE, TEST_CONFIG

from macros.data.context import Context
from macros.data.releases import ReleaseRecord, Snapshot, working_tree
from macros.publish.csv_files import csv_bytes
from macros.publish.downloads import downloads, sha256sums
from macros.publish.parquet import parquet_bytes, parquet_path
from macros.publish.versions import folder, package_files

ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def read(ctx: Context, resource: str) -> pa.Table:
    return pq.read_table(io.BytesIO(parquet_bytes(ctx, resource)))


def from_csv(text: str, kind: str):
    """A CSV cell as its Table Schema type says (what a reader of the CSV gets)."""
    if text == "":
        return None
    return {
        "string": str,
        "integer": int,
        "number": Decimal,
        "boolean": lambda t: t == "true",
        "date": date.fromisoformat,
    }[kind](text)


def test_every_table_reads_back_equal_to_its_csv_rows_with_their_types(built):
    for res in built.descriptor["resources"]:
        name, fields = res["name"], res["schema_data"]["fields"]
        table = read(built, name)
        assert table.column_names == [f["name"] for f in fields], name
        csv_rows = list(csv.DictReader(io.StringIO(csv_bytes(built, name).decode("utf-8"))))
        assert table.num_rows == len(csv_rows) == len(built.data[name]), name
        for f in fields:
            column = table.schema.field(f["name"])
            if f["type"] == "number":
                assert pa.types.is_decimal(column.type), (name, f["name"])
            else:
                assert column.type == ARROW[f["type"]], (name, f["name"], column.type)
            required = bool(f.get("constraints", {}).get("required"))
            assert column.nullable is not required, (name, f["name"])
            assert column.metadata[b"title_en"].decode() == f["title_en"]
            assert column.metadata[b"description"].decode() == f["description"]
            expected = [from_csv(r[f["name"]], f["type"]) for r in csv_rows]
            assert table.column(f["name"]).to_pylist() == expected, (name, f["name"])
        assert table.schema.metadata[b"title_en"].decode() == res["title_en"]


def test_decimals_keep_every_written_digit(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(BASE, package)
    figures = package / "data" / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    assert ",21.96," in text
    figures.write_text(text.replace(",21.96,", ",21.965,", 1), encoding="utf-8")
    ctx = Context.open(package / "datapackage.json", TEST_CONFIG)
    table = read(ctx, "figures")
    assert table.schema.field("value").type.scale == 3
    assert Decimal("21.965") in table.column("value").to_pylist()


def test_the_files_are_byte_reproducible_across_contexts(built):
    again = Context.open(BASE / "datapackage.json", TEST_CONFIG)
    for res in built.descriptor["resources"]:
        assert parquet_bytes(built, res["name"]) == parquet_bytes(again, res["name"])


def test_listed_in_the_downloads_the_checksums_and_the_zip(built):
    made = {d.path: d for d in downloads(built)}
    sums = sha256sums(built).decode()
    names = [r["name"] for r in built.descriptor["resources"]]
    zipped = next(d for d in made.values() if d.format == "ZIP")
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as zf:
        entries = set(zf.namelist())
        for name in names:
            d = made[parquet_path(name)]
            assert (d.format, d.media_type, d.resource) == (
                "Parquet",
                "application/vnd.apache.parquet",
                name,
            )
            assert d.rows == len(built.data[name])
            assert f"{d.sha256}  parquet/{name}.parquet" in sums
            assert zf.read(f"parquet/{name}.parquet") == d.content
        assert "Parquet" in zf.read("README.md").decode()
    assert sum(p.endswith(".parquet") for p in entries) == len(names)


def test_duckdb_reads_a_table_in_one_line_with_its_types(built, tmp_path):
    path = tmp_path / "figures.parquet"
    path.write_bytes(parquet_bytes(built, "figures"))
    described = {
        row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()
    }
    assert described["value"].startswith("DECIMAL") and described["date"] == "DATE"
    assert described["id"] == "VARCHAR"
    count = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0]
    assert count == len(built.data["figures"])


@pytest.mark.parametrize("recorded_with_parquet", [True, False])
def test_a_release_recorded_before_the_parquet_files_is_rebuilt_without_them(
    built, recorded_with_parquet
):
    tree = working_tree(BASE / "datapackage.json")
    listed = {"data/v9.9.9/csv/figures.csv": "0" * 64}
    if recorded_with_parquet:
        listed["data/v9.9.9/parquet/figures.parquet"] = "0" * 64
    record = ReleaseRecord("9.9.9", date(2026, 1, 1), {}, listed)
    _, files = package_files(built, Snapshot("9.9.9", date(2026, 1, 1), tree.files, record))
    base = folder("9.9.9")
    assert any(p.startswith(base + "parquet/") for p in files) is recorded_with_parquet
    assert ("parquet/" in files[base + "SHA256SUMS"].decode()) is recorded_with_parquet
    zipped = next(content for path, content in files.items() if path.endswith(".zip"))
    with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
        assert any(n.startswith("parquet/") for n in zf.namelist()) is recorded_with_parquet
