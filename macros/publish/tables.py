"""Records as plain values: what every output format starts from."""

from datetime import date
from decimal import Decimal

import orjson

from ..data.context import Context


def plain(value):
    """A typed value as JSON wants it: Decimal -> int or float, date -> ISO string."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def field_names(ctx: Context, resource: str) -> list[str]:
    return [f["name"] for f in ctx.fields(resource)]


def rows(ctx: Context, resource: str, ids=None) -> list[dict]:
    """Records of a resource (all, or the given ids) in field order, with plain values."""
    names, data = field_names(ctx, resource), ctx.data[resource]
    records = data.values() if ids is None else (data[i] for i in ids)
    return [{n: plain(rec[n]) for n in names} for rec in records]


def json_bytes(data) -> bytes:
    """Indented JSON, UTF-8, as json.dumps(indent=2, ensure_ascii=False) writes it: orjson
    writes the same bytes (every build proves the releases' files against their checksums)
    about ten times faster, which counts for the API's thousands of documents."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
