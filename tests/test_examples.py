"""The worked examples stay apart from the live data: tests/test_live.py adds them to a copy
of datapackage/, so an id a curator adds must never be one of theirs (the grown copy would
hold it twice and fail), and whatever else a curator validly changes (a code no record uses
removed, ranks renumbered, a file saved without its last line break) they still fit."""

import csv
import json
import shutil

from macros.check.validate import validate
from macros.data import paths
from tests.new_source import EXAMPLES, FROZEN, RESERVED, add_new_source, example_rows

FOLDERS = ", ".join(str(ex.relative_to(paths.ROOT)) for ex in EXAMPLES)


def live_ids() -> dict[str, set[str]]:
    """The ids of every resource of the live package, by resource."""
    package = paths.PACKAGE
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    found = {}
    for resource in descriptor["resources"]:
        with (package.parent / resource["path"]).open(encoding="utf-8", newline="") as f:
            found[resource["name"]] = {row["id"] for row in csv.DictReader(f) if row.get("id")}
    return found


def test_no_live_record_uses_the_prefix_reserved_for_the_examples():
    for resource, ids in live_ids().items():
        taken = sorted(i for i in ids if i.startswith(RESERVED))
        assert not taken, (
            f"datapackage/data/{resource}.csv : {taken} — le préfixe « {RESERVED} » est réservé "
            f"aux exemples des tests ({FOLDERS}) : choisissez un autre identifiant. / "
            f"The prefix “{RESERVED}” is reserved for the tests' worked examples ({FOLDERS}): "
            f"choose another id."
        )


def test_no_live_place_is_one_of_the_examples_fictional_countries():
    fictional = {row["id"] for row in example_rows().get("places", [])}
    taken = sorted(fictional & live_ids()["places"])
    assert not taken, (
        f"datapackage/data/places.csv : {taken} — ces codes sont réservés aux pays fictifs des "
        f"exemples des tests ({FOLDERS}). / These codes are reserved for the fictional countries "
        f"of the tests' worked examples ({FOLDERS})."
    )


def test_every_id_the_examples_add_is_reserved():
    """So that the test above covers them all (a place code is two capitals: it cannot)."""
    for resource, rows in example_rows().items():
        if resource != "places":
            assert all(row["id"].startswith(RESERVED) for row in rows), resource


def test_the_examples_fit_a_package_whatever_a_curator_validly_changes(tmp_path):
    package = shutil.copytree(FROZEN, tmp_path / "p")
    data = package / "data"
    # Codes no record uses removed (the examples use them).
    for name, code in (("segments", "smes"), ("units", "percentage-points"),
                       ("source_kinds", "press-release")):  # fmt: skip
        path = data / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(f"{code},")), "utf-8")
    # Ranks spaced out: 100 is taken, which the examples' first chart and key figure use.
    for name in ("charts", "featured_figures"):
        path = data / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
            out.writeheader()
            out.writerows(row | {"rank": str(int(row["rank"]) * 100)} for row in rows)
    # Files saved without their last line break, or with Windows line breaks.
    figures = data / "figures.csv"
    figures.write_bytes(figures.read_bytes().rstrip(b"\n"))
    people = data / "people.csv"
    people.write_bytes(people.read_bytes().replace(b"\n", b"\r\n"))
    assert validate(package / "datapackage.json") == []

    assert validate(add_new_source(package)) == []
