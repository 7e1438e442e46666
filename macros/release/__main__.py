"""`python -m macros.release VERSION [PACKAGE]` (make release VERSION=x.y.z)."""

import sys
from pathlib import Path

from ..data import paths
from .flow import Refused, release, release_day, said


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(said("usage"))
        return 2
    package = Path(argv[1]) if len(argv) == 2 else paths.PACKAGE
    try:
        print(release(package, argv[0], release_day()))
    except Refused as refused:
        print(f"{said('refused')}: {refused}", file=sys.stderr)
        return 1
    return 0


sys.exit(main(sys.argv[1:]))
