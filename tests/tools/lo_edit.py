"""A curator's edit, made in LibreOffice Calc itself (run with a Python that has LibreOffice's
`uno` module, as macros/generator/programs.py finds it): open a curation workbook headless, add
one figure whose coded cells are values taken from the workbook's own dropdown lists, save it
as .xlsx.

    PYTHON_WITH_UNO lo_edit.py IN.xlsx OUT.xlsx PROFILE_DIR SOFFICE
"""

import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port: int):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            return resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer")


def main(src: str, out: str, profile: str, soffice: str) -> None:
    port = 2002 + (hash(profile) % 1000)
    office = subprocess.Popen([
        soffice, "--headless", "--invisible", "--norestore", "--nologo",
        f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
        f"--accept=socket,host=127.0.0.1,port={port};urp;",
    ])  # fmt: skip
    try:
        ctx = connect(port)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
        )
        lists = doc.Sheets.getByName("lists")

        def choose(resource: str, wanted: str) -> str:
            """A value of a dropdown: the id, as its hidden list holds it."""
            for col in range(0, 200, 2):
                if lists.getCellByPosition(col, 0).getString() == resource:
                    for row in range(1, 10000):
                        value = lists.getCellByPosition(col, row).getString()
                        if value == wanted:
                            return value
                        if not value:
                            break
            raise SystemExit(f"{wanted} is not in the {resource} dropdown")

        sheet = doc.Sheets.getByName("figures")
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        row = cursor.getRangeAddress().EndRow + 1
        header = [sheet.getCellByPosition(c, 0).getString() for c in range(40)]
        values = {
            "id": "libreoffice-edit",
            "indicator_id": choose("indicators", "ai-training-people"),
            "label_fr": "Objectif saisi dans LibreOffice",
            "label_en": "Target typed in LibreOffice",
            "value": 500000,
            "unit": choose("units", "people"),
            "per": choose("periods", "year"),
            "kind": choose("figure_kinds", "target"),
            "geo": choose("places", "FR"),
            "segment": choose("segments", "people"),
            "source_id": choose("sources", "newstank-rh-interview-387590"),
            "quote": "Former 500 000 personnes par an.",
        }
        for name, value in values.items():
            cell = sheet.getCellByPosition(header.index(name), row)
            if isinstance(value, str):
                cell.setString(value)
            else:
                cell.setValue(value)
        doc.storeToURL(
            Path(out).resolve().as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"),)
        )
        doc.close(True)
    finally:
        office.terminate()
        office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:5])
