"""One Parquet file per resource, typed from its Table Schema: strings, integers (64-bit),
decimals (every written digit kept: a column's scale is the most decimals any of its values is
written with), booleans and dates; required fields are not nullable. Each column carries its
title and description in both languages, the file its table's, as Arrow field metadata, which
DuckDB, pandas and Polars read back.

The bytes depend on pyarrow's version (the writer names itself in the file): the release
records list it (versions.made_with), and a release's files are proven against their checksums.
"""

import io
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq

from ..data.context import Context
from .tables import field_names

# The widest decimal Parquet stores in 16 bytes; a wider column is a build error, never a loss.
MAX_PRECISION = 38
METADATA = ("title", "title_en", "description", "description_en")


def parquet_path(resource: str) -> str:
    return f"data/parquet/{resource}.parquet"


def _decimal_type(values: list[Decimal | None]) -> pa.Decimal128Type:
    """The narrowest decimal that holds every value with all its written digits."""
    scale = max((-v.as_tuple().exponent for v in values if v is not None), default=0)
    scale = max(scale, 0)
    whole = max(
        (len(v.as_tuple().digits) + v.as_tuple().exponent for v in values if v is not None),
        default=1,
    )
    precision = max(whole, 1) + scale
    if precision > MAX_PRECISION:
        raise ValueError(
            f"{precision} digits do not fit a Parquet decimal ({MAX_PRECISION} at most)"
        )
    return pa.decimal128(precision, scale)


def _arrow_type(field: dict, values: list) -> pa.DataType:
    kind = field["type"]
    if kind == "number":
        return _decimal_type(values)
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }[kind]


def _metadata(item: dict) -> dict[bytes, bytes]:
    return {k.encode(): str(item[k]).encode("utf-8") for k in METADATA if item.get(k)}


def table(ctx: Context, resource: str) -> pa.Table:
    res = next(r for r in ctx.descriptor["resources"] if r["name"] == resource)
    fields = {f["name"]: f for f in res["schema_data"]["fields"]}
    records = list(ctx.data[resource].values())
    columns, schema = [], []
    for name in field_names(ctx, resource):
        field = fields[name]
        values = [rec[name] for rec in records]
        kind = _arrow_type(field, values)
        required = bool(field.get("constraints", {}).get("required"))
        schema.append(pa.field(name, kind, nullable=not required, metadata=_metadata(field)))
        columns.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(columns, schema=pa.schema(schema, metadata=_metadata(res)))


def parquet_bytes(ctx: Context, resource: str) -> bytes:
    out = io.BytesIO()
    # zstd: compact, and every reader named on the data page reads it; one row group per file.
    pq.write_table(table(ctx, resource), out, compression="zstd", row_group_size=1 << 20)
    return out.getvalue()
