"""Records as plain values: what every output format starts from."""

import json
from datetime import date
from decimal import Decimal

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
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
