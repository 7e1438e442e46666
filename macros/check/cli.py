"""`python -m macros.check [PACKAGE] [--json|--markdown]`: validate a data package.

With `--quotes FOLDER`: check the package's quotations against the source texts in FOLDER
instead (`make verify-quotes`, see quotes.py); add `--source ID` to check only the rows of
that source, with only its text in FOLDER (`make verify-quotes SOURCE=ID`).

Exit 0 when valid (notices, such as sources that differ, are printed after the verdict and
never fail it), 1 on any error, 2 on a usage error.
"""

import argparse
import sys
from pathlib import Path

from ..data import paths
from ..format.language import both_languages
from .quotes import verify
from .report import as_json, as_markdown, as_text
from .validate import checked_with_notices


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="make validate",
        description=both_languages("cli_validate"),
    )
    parser.add_argument("package", nargs="?", default=str(paths.PACKAGE), help="datapackage.json")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=both_languages("cli_json"))
    fmt.add_argument("--markdown", action="store_true", help=both_languages("cli_markdown"))
    parser.add_argument(
        "--quotes",
        metavar="FOLDER",
        help=both_languages("cli_quotes"),
    )
    parser.add_argument(
        "--source",
        metavar="ID",
        help=both_languages("cli_source"),
    )
    args = parser.parse_args(argv)
    if args.source is not None and not args.quotes:
        parser.error(both_languages("cli_source_alone"))
    path = Path(args.package)
    if path.is_dir():
        path = path / "datapackage.json"
    if args.quotes:
        problems, notices = verify(path, Path(args.quotes), args.source), []
    else:
        problems, notices, _ = checked_with_notices(path)
    render = as_json if args.json else as_markdown if args.markdown else as_text
    sys.stdout.write(render(problems, path, notices))
    # Notices never fail the check: they say what a curator should look at.
    return 1 if problems else 0
