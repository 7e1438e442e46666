"""`python -m macros.release.diff BASE [PACKAGE]` (make diff BASE=<git ref>): the review
report of review.py on standard output; exit 0 when the package is valid, 1 otherwise, 2 when
BASE cannot be read."""

import sys
from pathlib import Path

from ..data import paths
from ..format.language import both_languages
from .review import BaseMissing, review


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(both_languages("usage_diff"))
        return 2
    package = Path(argv[1]) if len(argv) == 2 else paths.PACKAGE
    try:
        report, valid = review(package, argv[0])
    except BaseMissing as exc:
        print(both_languages("diff_base_missing", detail=exc), file=sys.stderr)
        return 2
    sys.stdout.write(report)
    return 0 if valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
