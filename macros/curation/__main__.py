"""`python -m macros.curation workbook OUT [PACKAGE]` (make workbook) and
`python -m macros.curation import WORKBOOK [PACKAGE]` (make import WORKBOOK=…).

Exit 0 when done, 1 when the import is refused (its problems printed, nothing written),
2 on a usage error."""

import sys
from pathlib import Path

from tabulate import tabulate

from ..data import paths
from ..format.language import both_languages
from .importer import Refused, import_workbook
from .workbook import workbook_bytes

HEADERS = [both_languages("cli_cells"), both_languages("cli_file"), "Message (fr)", "Message (en)"]


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[0] not in ("workbook", "import"):
        print(both_languages("usage_curation"))
        return 2
    package = Path(argv[2]) if len(argv) == 3 else paths.PACKAGE
    if argv[0] == "workbook":
        Path(argv[1]).write_bytes(workbook_bytes(package))
        print(argv[1])
        return 0
    try:
        counts = import_workbook(Path(argv[1]), package)
    except Refused as refused:
        rows = [[p.cell, p.file, p.fr, p.en] for p in refused.problems]
        print(tabulate(rows, HEADERS, tablefmt="simple_grid", maxcolwidths=[18, 22, 40, 40]))
        print(both_languages("import_refused", n=len(refused.problems)))
        return 1
    if not counts:
        print(both_languages("import_nothing"))
        return 0
    for name, c in counts.items():
        print(both_languages("import_done", resource=name, **c))
    files = ", ".join(f"data/{n}.csv" for n in counts)
    print(both_languages("import_written", files=files))
    return 0


sys.exit(main(sys.argv[1:]))
