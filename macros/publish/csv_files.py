"""One CSV per resource, RFC 4180: UTF-8, comma, CRLF line ends, quotes only where needed."""

import csv
import io
from decimal import Decimal

from ..data.context import Context
from .tables import field_names, plain


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):  # as written: "12.50" stays "12.50"
        return format(value, "f")
    return str(plain(value))


def csv_path(resource: str) -> str:
    return f"data/csv/{resource}.csv"


def csv_bytes(ctx: Context, resource: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = field_names(ctx, resource)
    writer.writerow(names)
    for rec in ctx.data[resource].values():
        writer.writerow([_cell(rec[n]) for n in names])
    return out.getvalue().encode("utf-8")
