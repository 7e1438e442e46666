"""`make import WORKBOOK=path.xlsx`: a curation workbook (workbook.py) back into the package.

Rows map to CSV rows by column name and id: a row whose values are unchanged keeps its CSV
text and its place, so the git diff shows only what the curator changed; a changed row is
rewritten in place; a new id is appended in the sheet's order; an id no longer in the sheet is
removed. The result is validated on a copy first, and every problem is located as sheet and
cell (figures!E14) as well as file and line, in French and English. A formula, a merged cell, a
date typed as text, an unknown or missing column, a workbook made from other schemas, a file
that is not a workbook: each has its own message, and nothing is written while any remains.
"""

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..check.validate import validate
from ..data.records import read_descriptor
from ..data.writing import write_whole
from ..format.language import in_languages
from .workbook import LISTS, SCHEMA, fingerprint

KEPT = ("instructions", LISTS, SCHEMA)


@dataclass(frozen=True)
class Found:
    """A problem of the import, where the curator sees it and where the package has it."""

    cell: str  # figures!E14, or figures!14 for a whole row
    file: str  # data/figures.csv:14, or "" before any file is written
    fr: str
    en: str


def found(cell: str, key: str, file: str = "", **params) -> Found:
    said = in_languages(f"import_{key}", **params)
    return Found(cell, file, said["fr"], said["en"])


class Refused(Exception):
    def __init__(self, problems: list[Found]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _text(value, field: dict, where: str, problems: list[Found]) -> str:
    """A cell as the CSV writes it."""
    kind = field.get("type", "string")
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if kind == "date" and isinstance(value, str) and value.strip():
        problems.append(found(where, "date_as_text", value=value))
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{Decimal(repr(value)):f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    return str(value)


def _same(old: str, new: str, field: dict) -> bool:
    """Whether a cell is unchanged: numbers by value ("12.50" is 12.5), the rest as text."""
    if field.get("type") in ("number", "integer") and old and new:
        try:
            return Decimal(old) == Decimal(new)
        except InvalidOperation:
            return False
    return old == new


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _write_csv(header, rows) -> tuple[str, list[int]]:
    """The CSV text and the line each row starts on (a quoted cell may hold line breaks)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    starts, line = [], 2
    for row in rows:
        before = out.tell()
        writer.writerow(row)
        starts.append(line)
        out.seek(before)
        line += out.read().count("\n")  # reads to the end: the next row is written there
    return out.getvalue(), starts


def read_workbook(path: Path, package: Path):
    """{resource: (header, rows as CSV text, the sheet row of each, the sheet's name)}, or
    Refused."""
    try:
        wb = load_workbook(path)
    except Exception as exc:  # a zip that is not a workbook, a text file, a truncated file…
        raise Refused([found(path.name, "not_workbook", detail=type(exc).__name__)]) from None
    descriptor = read_descriptor(package)
    problems: list[Found] = []
    if SCHEMA not in wb.sheetnames or wb[SCHEMA]["B1"].value != fingerprint(descriptor):
        raise Refused([found(path.name, "old_schema")])
    resources = {r["name"][:31]: r for r in descriptor["resources"]}
    for name in wb.sheetnames:
        if name not in resources and name not in KEPT:
            problems.append(found(name, "unknown_sheet"))
    sheets = {}
    for sheet_name, res in resources.items():
        if sheet_name not in wb.sheetnames:
            problems.append(found(sheet_name, "missing_sheet"))
            continue
        fields = res["schema_data"]["fields"]
        rows, where = _read_sheet(wb[sheet_name], sheet_name, fields, problems)
        sheets[res["name"]] = ([f["name"] for f in fields], rows, where, sheet_name)
    if problems:
        raise Refused(problems)
    return sheets


def _read_sheet(ws, sheet_name: str, fields: list[dict], problems: list[Found]):
    """A sheet's rows as CSV text in the schema's column order, and the sheet row of each;
    what is wrong with it added to `problems`."""
    for merged in ws.merged_cells.ranges:
        problems.append(found(f"{sheet_name}!{merged.coord}", "merged"))
    by_name = {f["name"]: f for f in fields}
    header = _header(ws, sheet_name, fields, problems)
    rows, where, seen = [], [], {}
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(header)), start=2):
        if all(c.value in (None, "") for c in cells):
            continue
        values = _values(cells, header, by_name, sheet_name, problems)
        row = [values.get(f["name"], "") for f in fields]
        # Rows are matched by id: a row without one, or a second row with the same one,
        # would be lost, so each is reported instead.
        if not row[0]:
            problems.append(found(f"{sheet_name}!A{r}", "missing_id"))
        elif row[0] in seen:
            problems.append(
                found(f"{sheet_name}!A{r}", "duplicate_id", id=row[0], row=seen[row[0]])
            )
        seen.setdefault(row[0], r)
        rows.append(row)
        where.append(r)
    return rows, where


def _header(ws, sheet_name: str, fields: list[dict], problems: list[Found]) -> list:
    """The sheet's column names (its first row, to its last named column); a name the schema
    lacks, a value right of the named columns and a column the schema has but the sheet
    lacks added to `problems`."""
    by_name = {f["name"]: f for f in fields}
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    while header and header[-1] is None:
        header.pop()
    for i, name in enumerate(header, start=1):
        if name not in by_name:
            problems.append(
                found(f"{sheet_name}!{get_column_letter(i)}1", "unknown_column", column=name)
            )
    if ws.max_column > len(header):  # typed right of the named columns: reported, not lost
        for cells in ws.iter_rows(min_row=2, min_col=len(header) + 1):
            for c in cells:
                if c.value not in (None, ""):
                    problems.append(found(f"{sheet_name}!{c.coordinate}", "outside"))
    for f in fields:
        if f["name"] not in header:
            problems.append(found(f"{sheet_name}!1:1", "missing_column", column=f["name"]))
    return header


def _values(cells, header: list, by_name: dict, sheet_name: str, problems: list[Found]) -> dict:
    """A sheet row's cells as CSV text by column name (columns the schema lacks left out); a
    formula is reported instead of being imported as its text."""
    values = {}
    for c, name in zip(cells, header, strict=False):
        if name not in by_name:
            continue
        ref = f"{sheet_name}!{c.coordinate}"
        if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
            problems.append(found(ref, "formula", value=str(c.value)[:40]))
            continue
        values[name] = _text(c.value, by_name[name], ref, problems)
    return values


def merge(old_rows, new_rows, fields) -> tuple[list[list[str]], dict[str, int]]:
    """The CSV rows: unchanged ones as they were and where they were, changed ones in place,
    new ones appended; with counts."""
    by_id = {row[0]: row for row in new_rows}
    out, counts = [], {"added": 0, "changed": 0, "removed": 0}
    for old in old_rows:
        new = by_id.pop(old[0], None)
        if new is None:
            counts["removed"] += 1
            continue
        same = all(_same(o, n, f) for o, n, f in zip(old, new, fields, strict=True))
        out.append(old if same else new)
        counts["changed"] += not same
    for new in new_rows:  # in the sheet's order
        if new[0] in by_id:
            out.append(new)
            counts["added"] += 1
            by_id.pop(new[0])
    return out, counts


def import_workbook(path: Path, package: Path) -> dict[str, dict[str, int]]:
    """Write the workbook's rows into the package; returns the counts per resource changed.
    Raises Refused, and writes nothing, while any problem remains."""
    package = Path(package).resolve()
    sheets = read_workbook(Path(path), package)
    descriptor = read_descriptor(package)
    made, counts, origin = {}, {}, {}
    for res in descriptor["resources"]:
        if res["name"] not in sheets:
            continue
        header, rows, where, sheet_name = sheets[res["name"]]
        fields = res["schema_data"]["fields"]
        csv_path = package.parent / res["path"]
        _, old_rows = _read_csv(csv_path)
        merged, tally = merge(old_rows, rows, fields)
        text, starts = _write_csv(header, merged)
        row_of = {r[0]: w for r, w in zip(rows, where, strict=True)}  # id -> sheet row
        for row, start in zip(merged, starts, strict=True):
            origin[(res["path"], start)] = (sheet_name, row_of.get(row[0]), header)
        if text.encode("utf-8") != csv_path.read_bytes():
            made[res["path"]] = text
            counts[res["name"]] = tally
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "package"
        shutil.copytree(package.parent, copy)
        for rel, text in made.items():
            (copy / rel).write_text(text, encoding="utf-8")
        problems = validate(copy / "datapackage.json")
    if problems:
        raise Refused([_locate(p, origin) for p in problems])
    for rel, text in made.items():  # only now, every file at once
        write_whole(package.parent / rel, text.encode("utf-8"))
    return counts


def _locate(p, origin) -> Found:
    """A validator problem where the curator sees it: the sheet's cell."""
    sheet, row, header = origin.get((p.file, p.line), (None, None, None))
    file = f"{p.file}:{p.line}" if p.line else p.file
    if sheet is None or row is None:
        return Found(p.file, file, p.message_fr, p.message_en)
    col = next(
        (i for i, name in enumerate(header, start=1) if name == (p.column or "").split(",")[0]),
        None,
    )
    cell = f"{sheet}!{get_column_letter(col)}{row}" if col else f"{sheet}!{row}:{row}"
    return Found(cell, file, p.message_fr, p.message_en)
