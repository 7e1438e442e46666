"""The worked examples of CONTRIBUTING.md, added to a copy of a package by column name, as a
curator adds rows to the CSV files (columns an example leaves out stay empty):

- tests/fixtures/new-source: a fictional press release with records of every kind;
- tests/fixtures/series-source: a fictional statistics office's yearly rates (three periods,
  three places, two segments) and a fictional interview whose claims differ from two of
  them (one settled by preferred_figures.csv, one not), with a target and a part of a whole.

They are added to the live package (tests/test_live.py), so nothing in them may collide with
what a curator adds there: every id they add starts with RESERVED (a place code cannot, its
pattern is two capitals: they use user-assigned ISO 3166 codes, XA to XC), their ranks come
after the package's own, and the codes they use (segments, units, kinds…) are taken from the
frozen package (tests/fixtures/base) when the package lacks them. tests/test_examples.py
checks that no record of the live package uses the reserved prefix or these places.
"""

import csv
import json
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "new-source"
SOURCE_ID = "exemple-ministere-exemple-plan-ia-2026"
SERIES = FIXTURES / "series-source"
SERIES_SOURCES = (
    "exemple-office-exemple-barometre-ia-2026",
    "exemple-journal-exemple-entretien-alex-exemple",
)
EXAMPLES = (EXAMPLE, SERIES)
# The start of every id the examples add: no record of the live package may use it.
RESERVED = "exemple-"
# Where the codes the examples use come from when a package lacks them.
FROZEN = FIXTURES / "base"


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def example_rows(examples=EXAMPLES) -> dict[str, list[dict]]:
    """The examples' rows, by resource (CSV stem), in the order they are added."""
    rows: dict[str, list[dict]] = {}
    for fragment in sorted(f for ex in examples for f in (ex / "data").glob("*.csv")):
        rows.setdefault(fragment.stem, []).extend(read_rows(fragment))
    return rows


def add_new_source(package_dir: Path, examples=EXAMPLES) -> Path:
    """Append the examples' rows to the package in package_dir; returns its datapackage.json."""
    added = example_rows(examples)
    _add_missing_codes(package_dir, added)
    for name, rows in added.items():
        if "rank" in rows[0]:  # after the package's own, in the examples' order
            rows = _ranked_after(package_dir / "data" / f"{name}.csv", rows)
        _append(package_dir / "data" / f"{name}.csv", rows)
    return package_dir / "datapackage.json"


def live_copy_with_new_source(live: Path, folder: Path) -> Path:
    """A copy of the live package (its folder) with the example source added."""
    shutil.copytree(live, folder)
    return add_new_source(folder)


def _append(target: Path, rows: list[dict]) -> None:
    """Rows added at the end of a CSV file by column name, as a curator adds them: after the
    last line even if the file does not end with a line break, with the file's own one."""
    raw = target.read_bytes()
    with target.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    unknown = set().union(*rows) - set(header)
    assert not unknown, f"columns {unknown} of the example are not in {target}"
    ending = "\r\n" if b"\r\n" in raw else "\n"
    with target.open("a", encoding="utf-8", newline="") as f:
        if raw and not raw.endswith(b"\n"):
            f.write(ending)
        csv.DictWriter(f, header, lineterminator=ending).writerows(rows)


def _ranked_after(target: Path, rows: list[dict]) -> list[dict]:
    """The rows with their ranks moved after the package's (a rank is unique)."""
    last = max((int(r["rank"]) for r in read_rows(target)), default=0)
    return [row | {"rank": str(last + int(row["rank"]))} for row in rows]


def _schemas(package_dir: Path) -> dict[str, dict]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {
        r["name"]: json.loads((package_dir / r["schema"]).read_text(encoding="utf-8"))
        for r in descriptor["resources"]
    }


def _add_missing_codes(package_dir: Path, added: dict[str, list[dict]]) -> None:
    """The codes the examples use that the package lacks (a curator may remove a segment or a
    unit no live record uses), copied from the frozen package. A code list is a resource whose
    schema refers to no other."""
    schemas = _schemas(package_dir)
    codes = {name for name, schema in schemas.items() if not schema.get("foreignKeys")}
    wanted: dict[str, set[str]] = {}
    for name, rows in added.items():
        for key in schemas[name].get("foreignKeys", []):
            code_list, field = key["reference"]["resource"], key["fields"]
            if code_list in codes and isinstance(field, str):
                wanted.setdefault(code_list, set()).update(r[field] for r in rows if r.get(field))
    for code_list, ids in sorted(wanted.items()):
        target = package_dir / "data" / f"{code_list}.csv"
        have = {r["id"] for r in read_rows(target)} | {r["id"] for r in added.get(code_list, [])}
        frozen = read_rows(FROZEN / "data" / f"{code_list}.csv")
        missing = [row for row in frozen if row["id"] in ids - have]
        assert {r["id"] for r in missing} == ids - have, f"{code_list}: {ids - have} unknown"
        if missing:
            _append(target, missing)
