"""Curating in a spreadsheet: `make workbook` writes curation.xlsx from a package, `make import`
brings it back, on copies of the fixture package; LibreOffice Calc opens, saves and edits it."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import BASE

from macros.curation.importer import Refused, import_workbook
from macros.curation.workbook import workbook_bytes
from macros.data import paths
from macros.generator.programs import find_soffice, find_uno_python, require

EDIT = Path(__file__).parent / "tools" / "lo_edit.py"


@pytest.fixture
def package(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "package")
    return tmp_path / "package" / "datapackage.json"


@pytest.fixture
def book(package, tmp_path) -> Path:
    path = tmp_path / "curation.xlsx"
    path.write_bytes(workbook_bytes(package))
    return path


def csv_bytes(package: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((package.parent / "data").glob("*.csv"))}


def edited(book: Path, change) -> Path:
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)
    return book


def refusal(book, package) -> list:
    before = csv_bytes(package)
    with pytest.raises(Refused) as refused:
        import_workbook(book, package)
    assert csv_bytes(package) == before  # nothing written
    return refused.value.problems


def test_the_workbook_carries_the_schema_and_is_byte_identical(package):
    raw = workbook_bytes(package)
    assert workbook_bytes(package) == raw
    path = package.parent / "curation.xlsx"
    path.write_bytes(raw)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "instructions" and wb["lists"].sheet_state == "hidden"
    text = " ".join(str(c.value) for c in wb["instructions"]["A"] if c.value)
    assert "Mode d’emploi" in text and "How to use this workbook" in text
    figures = wb["figures"]
    assert figures.freeze_panes == "A2"
    assert figures["B1"].value == "indicator_id"
    note = figures["B1"].comment.text
    assert "Indicateur" in note and "Indicator" in note  # the field's titles, both languages
    rules = {str(d.sqref).split(":")[0]: d for d in figures.data_validations.dataValidation}
    assert rules["B2"].type == "list" and "lists" in rules["B2"].formula1  # indicator ids
    assert rules["E2"].type == "decimal"  # value
    quote_column = [c.value for c in figures[1]].index("quote") + 1
    quote = rules[f"{openpyxl.utils.get_column_letter(quote_column)}2"]
    assert quote.type == "textLength" and quote.formula1 == "300"
    dates = {
        str(d.sqref).split(":")[0]: d.type
        for d in wb["announcements"].data_validations.dataValidation
    }
    assert dates["B2"] == "date"
    assert isinstance(wb["announcements"]["B2"].value, date)  # a date cell, not text


def test_an_unchanged_workbook_changes_nothing(package, book):
    before = csv_bytes(package)
    assert import_workbook(book, package) == {}
    assert csv_bytes(package) == before


def test_only_what_the_curator_changed_changes_in_the_csv(package, book):
    before = (package.parent / "data" / "figures.csv").read_text(encoding="utf-8").splitlines()

    def change(wb):
        sheet = wb["figures"]
        header = [c.value for c in sheet[1]]
        sheet.cell(3, header.index("label_en") + 1, "A relabelled figure")
        sheet.cell(4, header.index("value") + 1, float(sheet.cell(4, 5).value))  # same value
        new = sheet.max_row + 1
        copy = {h: sheet.cell(2, i + 1).value for i, h in enumerate(header)}
        for name, value in (copy | {"id": "a-new-figure", "label_en": "A new figure"}).items():
            sheet.cell(new, header.index(name) + 1, value)

    counts = import_workbook(edited(book, change), package)
    assert counts == {"figures": {"added": 1, "changed": 1, "removed": 0}}
    after = (package.parent / "data" / "figures.csv").read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    assert changed == [2] and "A relabelled figure" in after[2]
    assert len(after) == len(before) + 1 and after[-1].startswith("a-new-figure,")


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (lambda wb: wb["figures"].__setitem__("E2", "=2+2"), "figures!E2", "formula “=2+2”"),
        (lambda wb: wb["figures"].merge_cells("C2:D2"), "figures!C2:D2", "merged cells"),
        (lambda wb: wb["announcements"].__setitem__("B2", "12/02/2025"), "announcements!B2",
         "date typed as text"),
        (lambda wb: wb["figures"].__setitem__("X1", "colour"), "figures!X1",
         "unknown column “colour”"),
        (lambda wb: wb["schema"].__setitem__("B1", "0" * 64), "curation.xlsx",
         "made from other schemas"),
        (lambda wb: wb["places"].append(["DK", "Encore", "Again", "country"]), "places!A5",
         "id “DK” already used on row 3"),
        (lambda wb: wb["places"].append([None, "Sans id", "No id", "country"]), "places!A5",
         "row without an id"),
        (lambda wb: wb["places"].__setitem__("F3", "forgotten"), "places!F3",
         "value outside the named columns"),
    ],
    ids=["formula", "merged", "date-as-text", "unknown-column", "old-schema", "duplicate-id",
         "missing-id", "outside-columns"],
)  # fmt: skip
def test_each_kind_of_mistake_has_its_message_and_nothing_is_written(
    package, book, change, where, says
):
    problems = refusal(edited(book, change), package)
    assert [(p.cell, says in p.en) for p in problems][:1] == [(where, True)]
    assert all(p.fr and p.en for p in problems)


def test_a_file_that_is_not_a_workbook_is_refused(package, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("id,value\n", encoding="utf-8")
    (problem,) = refusal(text, package)
    assert "not a readable .xlsx workbook" in problem.en and "classeur" in problem.fr


def test_validation_problems_are_located_by_sheet_and_cell(package, book):
    def change(wb):
        sheet = wb["figures"]
        header = [c.value for c in sheet[1]]
        sheet.cell(6, header.index("unit") + 1, "companies")  # not the indicator's unit

    (problem,) = refusal(edited(book, change), package)
    column = openpyxl.utils.get_column_letter([c.value for c in openpyxl.load_workbook(book)["figures"][1]].index("unit") + 1)  # fmt: skip
    assert problem.cell == f"figures!{column}6" and problem.file == "data/figures.csv:6"
    assert "Unit “companies” differs" in problem.en


def test_the_command_line_prints_a_table_and_exits_1(package, book):
    edited(book, lambda wb: wb["figures"].__setitem__("E2", "=1"))
    done = subprocess.run([sys.executable, "-m", "macros.curation", "import", str(book), str(package)],
                          capture_output=True, text=True, cwd=paths.ROOT)  # fmt: skip
    assert done.returncode == 1 and "figures!E2" in done.stdout and "Traceback" not in done.stderr
    assert "nothing was written" in done.stdout


# --- in LibreOffice Calc itself ---------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_saves_the_workbook_and_it_comes_back_identical(package, book, tmp_path):
    out = tmp_path / "saved"
    subprocess.run([require(find_soffice()), "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(book)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    saved = out / book.name
    wb = openpyxl.load_workbook(saved)
    figures = wb["figures"]
    assert "Indicator" in figures["B1"].comment.text  # the notes survive
    assert any(d.type == "list" for d in figures.data_validations.dataValidation)  # dropdowns
    before = csv_bytes(package)
    assert import_workbook(saved, package) == {}
    assert csv_bytes(package) == before


@pytest.mark.slow
def test_a_figure_added_in_libreoffice_from_the_dropdowns_is_one_new_row(package, book, tmp_path):
    out = tmp_path / "edited.xlsx"
    python, soffice = require(find_uno_python()), require(find_soffice())
    subprocess.run([python, str(EDIT), str(book), str(out), str(tmp_path / "lo"), soffice],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    before = csv_bytes(package)
    assert import_workbook(out, package) == {"figures": {"added": 1, "changed": 0, "removed": 0}}
    after = csv_bytes(package)
    assert {n for n in after if after[n] != before[n]} == {"figures.csv"}
    added = after["figures.csv"].decode().removeprefix(before["figures.csv"].decode())
    assert added.startswith("libreoffice-edit,ai-training-people,") and added.count("\n") == 1
