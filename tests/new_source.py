"""The worked examples of CONTRIBUTING.md, added to a copy of a package by column name, as a
curator adds rows to the CSV files (columns an example leaves out stay empty):

- tests/fixtures/new-source: a fictional press release with records of every kind;
- tests/fixtures/series-source: a fictional statistics office's yearly rates (three periods,
  three places, two segments) and a fictional interview whose claims differ from two of
  them (one settled by preferred_figures.csv, one not), with a target and a part of a whole.
"""

import csv
import shutil
from pathlib import Path

EXAMPLE = Path(__file__).parent / "fixtures" / "new-source"
SOURCE_ID = "ministere-exemple-plan-ia-2026"
SERIES = Path(__file__).parent / "fixtures" / "series-source"
SERIES_SOURCES = ("office-exemple-barometre-ia-2026", "journal-exemple-entretien-alex-exemple")
EXAMPLES = (EXAMPLE, SERIES)


def add_new_source(package_dir: Path, examples=EXAMPLES) -> Path:
    """Append the examples' rows to the package in package_dir; returns its datapackage.json."""
    for fragment in sorted(f for ex in examples for f in (ex / "data").glob("*.csv")):
        target = package_dir / "data" / fragment.name
        with target.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        with fragment.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        unknown = set(rows[0]) - set(header)
        assert not unknown, f"{fragment.name}: columns {unknown} are not in {target}"
        with target.open("a", encoding="utf-8", newline="") as f:
            csv.DictWriter(f, header, lineterminator="\n").writerows(rows)
    return package_dir / "datapackage.json"


def live_copy_with_new_source(live: Path, folder: Path) -> Path:
    """A copy of the live package (its folder) with the example source added."""
    shutil.copytree(live, folder)
    return add_new_source(folder)
