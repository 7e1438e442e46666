"""`make workbook`: curation.xlsx, the package as a spreadsheet to curate in and bring back
with `make import` (importer.py).

One sheet per resource with its current rows; each header cell holds the field's name (what
the import maps columns by) and, as a note, its title and description in French and English;
dropdowns for every code list and every foreign key (the ids, with their labels beside them,
on the hidden sheet "lists"); date, number and length validation where the schema constrains
them; frozen headers; an instructions sheet in both languages. A hidden sheet records the
fingerprint of the schemas, so that a workbook made from older schemas is refused on import.
Byte-identical from build to build (pinned timestamps).
"""

import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..data.records import read_descriptor, read_records, referenced
from ..format.language import LANGUAGES, Language
from ..publish.tables import plain
from ..publish.workbook import pinned_zip

LISTS, SCHEMA = "lists", "schema"  # the hidden sheets
WORKBOOK_TIME = date(2026, 1, 1)  # any fixed date: the file's bytes never depend on "now"


def fingerprint(descriptor: dict) -> str:
    """The schemas a workbook was made from: resources, fields, types and constraints."""
    shape = [
        (r["name"], [(f["name"], f.get("type", "string"), f.get("constraints", {}))
                     for f in r["schema_data"]["fields"]])
        for r in descriptor["resources"]
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def foreign_keys(schema: dict, resource: str) -> dict[str, str]:
    """{field: the resource its values are ids of} ("" in Table Schema: the resource itself)."""
    return {fk["fields"]: referenced(fk, resource) for fk in schema.get("foreignKeys", [])}


def put(sheet, row: int, col: int, value) -> None:
    """A cell, text kept as text: a string that starts with "=" is never a formula."""
    cell = sheet.cell(row, col, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _value(value):
    """A typed value as the sheet holds it: numbers and dates typed, booleans as the CSV
    writes them (the dropdown offers true and false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, date) else plain(value)


def _note(field: dict) -> Comment:
    words = (
        f"{field.get('title', field['name'])} — {field.get('description', '')}\n\n"
        f"{field.get('title_en', field['name'])} — {field.get('description_en', '')}"
    )
    return Comment(words, "Briefing IA & compétences", width=360, height=160)


def _lists(wb: Workbook, data: dict, descriptor: dict) -> dict[str, str]:
    """The hidden sheet of ids and labels; returns {resource: the range of its ids}."""
    sheet = wb.create_sheet(LISTS)
    sheet.sheet_state = "hidden"
    targets = sorted(
        {
            t
            for r in descriptor["resources"]
            for t in foreign_keys(r["schema_data"], r["name"]).values()
        }
    )
    ranges = {}
    for n, name in enumerate(targets):
        id_col, label_col = get_column_letter(2 * n + 1), get_column_letter(2 * n + 2)
        sheet[f"{id_col}1"], sheet[f"{label_col}1"] = name, "label_fr / label_en"  # headers
        for row, rec in enumerate(data[name].values(), start=2):
            put(sheet, row, 2 * n + 1, rec["id"])
            label = " / ".join(str(rec.get(k) or "") for k in ("label_fr", "label_en") if k in rec)
            put(sheet, row, 2 * n + 2, label or rec.get("name") or "")
        last = max(2, len(data[name]) + 1)
        ranges[name] = f"{quote_sheetname(LISTS)}!${id_col}$2:${id_col}${last}"
    return ranges


def _validations(sheet, res: dict, ranges: dict, rows: int) -> None:
    fields, schema = res["schema_data"]["fields"], res["schema_data"]
    keys, last = foreign_keys(schema, res["name"]), max(rows, 1) + 1000  # room to add rows
    for i, f in enumerate(fields, start=1):
        col = get_column_letter(i)
        cells = f"{col}2:{col}{last}"
        kind, constraints = f.get("type", "string"), f.get("constraints", {})
        if f["name"] in keys:
            dv = DataValidation(
                type="list", formula1=f"={ranges[keys[f['name']]]}", allow_blank=True
            )
        elif "enum" in constraints:
            dv = DataValidation(
                type="list", formula1='"' + ",".join(constraints["enum"]) + '"', allow_blank=True
            )
        elif kind == "boolean":
            dv = DataValidation(type="list", formula1='"true,false"', allow_blank=True)
        elif kind == "date":
            # 1 January 1900 to 31 December 2199, as spreadsheet serial numbers.
            dv = DataValidation(
                type="date", operator="between", formula1="1", formula2="109573", allow_blank=True
            )
        elif kind in ("number", "integer"):
            low = constraints.get("minimum", -(10**15))
            dv = DataValidation(type="decimal" if kind == "number" else "whole", operator="between",
                                formula1=str(low), formula2=str(10**15), allow_blank=True)  # fmt: skip
        elif "maxLength" in constraints:
            dv = DataValidation(type="textLength", operator="lessThanOrEqual",
                                formula1=str(constraints["maxLength"]), allow_blank=True)  # fmt: skip
        else:
            continue
        dv.error = f"{f.get('title', f['name'])} / {f.get('title_en', f['name'])}"
        dv.showErrorMessage = True
        sheet.add_data_validation(dv)
        dv.add(cells)


def _instructions(wb: Workbook) -> None:
    sheet = wb.active
    sheet.title = "instructions"
    sheet.column_dimensions["A"].width = 110
    for lang in LANGUAGES:
        t = Language.load(lang)
        sheet.append([t.t("workbook_heading")])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
        for key in ("workbook_how", "workbook_source", "workbook_quote", "workbook_rows",
                    "workbook_import"):  # fmt: skip
            sheet.append([t.t(key)])
        sheet.append([])


def workbook_bytes(package: Path) -> bytes:
    descriptor = read_descriptor(package)
    data = read_records(package)
    wb = Workbook()
    _instructions(wb)
    for res in descriptor["resources"]:
        sheet = wb.create_sheet(res["name"][:31])
        fields = res["schema_data"]["fields"]
        for i, f in enumerate(fields, start=1):
            cell = sheet.cell(1, i, f["name"])
            cell.font = Font(bold=True)
            cell.comment = _note(f)
            width = 50 if f["name"] == "quote" or f["name"].endswith(("_fr", "_en")) else 18
            sheet.column_dimensions[get_column_letter(i)].width = width
        for row, rec in enumerate(data[res["name"]].values(), start=2):
            for col, f in enumerate(fields, start=1):
                put(sheet, row, col, _value(rec[f["name"]]))
        for i, f in enumerate(fields, start=1):
            if f.get("type") == "date":
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    ranges = _lists(wb, data, descriptor)
    for res in descriptor["resources"]:
        sheet = wb[res["name"][:31]]
        _validations(sheet, res, ranges, sheet.max_row)
    meta = wb.create_sheet(SCHEMA)
    meta.sheet_state = "hidden"
    meta["A1"], meta["B1"] = "schemas", fingerprint(descriptor)
    meta["A2"], meta["B2"] = "version", descriptor.get("version", "")
    made = datetime.combine(WORKBOOK_TIME, datetime.min.time())
    wb.properties.created = wb.properties.modified = made
    wb.properties.creator = descriptor.get("title", "")
    raw = io.BytesIO()
    wb.save(raw)
    return pinned_zip(raw.getvalue(), made)
