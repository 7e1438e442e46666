"""`make diff BASE=<ref>`: what a data change does, record by record, in French and English,
on a temporary repository holding the fixture package."""

import csv
import io
import subprocess
import sys

import pytest
from conftest import BASE

from macros.data import paths
from macros.release.review import BaseMissing, review

SOURCE = "newstank-rh-interview-387590"


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def set_cell(path, row_id, column, value):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    (row,) = [r for r in rows[1:] if r[0] == row_id]
    row[rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    import shutil

    shutil.copytree(BASE, tmp_path / "datapackage")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "maintainer@example.org")
    git(tmp_path, "config", "user.name", "Maintainer")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "Data")
    return tmp_path


def test_a_change_is_told_record_by_record_with_its_pages(repo):
    data = repo / "datapackage" / "data"
    set_cell(data / "places.csv", "DK", "label_en", "Kingdom of Denmark")
    set_cell(data / "roles.csv", "patrick-martin-medef-president", "role_en", "Chair")
    with (data / "places.csv").open("a", encoding="utf-8") as f:
        f.write("DE,Allemagne,Germany,country\n")
    report, valid = review(repo / "datapackage" / "datapackage.json", "main")
    assert valid
    fr, en = report.split("## What this data change does (against main)")
    assert "## Ce que change cette modification des données (par rapport à main)" in fr
    assert "- Added: `DE`" in en and "- Ajout : `DE`" in fr
    assert "- Changed: `DK`\n  - `label_en`: `Denmark` → `Kingdom of Denmark`" in en
    # A place shows in the data dictionary; a role on its person's and organisation's pages.
    assert "- `/en/data-dictionary/`" in en
    assert "- `/en/person/patrick-martin/`" in en and "- `/organisation/medef/`" in en
    assert "The package is valid." in en and "Le paquet est valide." in fr


def test_a_commitment_whose_status_changes_is_named(repo):
    data = repo / "datapackage" / "data"
    # The observatory's results, promised by early 2026, get a deadline ten years later.
    set_cell(data / "announcements.csv", "numeum-talent-drain-observatory-first-results",
             "date", "2036-01-01")  # fmt: skip
    report, _ = review(repo / "datapackage" / "datapackage.json", "main")
    en = report.split("## What this data change does")[1]
    assert "### Commitments whose status changes" in en
    assert "- `talent-drain-observatory-first-results`: Past its deadline" in en


def test_an_invalid_change_shows_its_problems_and_exits_1(repo):
    set_cell(repo / "datapackage" / "data" / "places.csv", "DK", "id", "Danemark!")
    done = subprocess.run(
        [sys.executable, "-m", "macros.release.diff", "main",
         str(repo / "datapackage" / "datapackage.json")],
        capture_output=True, text=True, cwd=paths.ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert "### Validation" in done.stdout and "- `data/places.csv:3` (`id`)" in done.stdout


def test_a_base_git_cannot_read_is_one_line_and_exit_2(repo):
    with pytest.raises(BaseMissing):
        review(repo / "datapackage" / "datapackage.json", "no-such-ref")
    done = subprocess.run(
        [sys.executable, "-m", "macros.release.diff", "no-such-ref",
         str(repo / "datapackage" / "datapackage.json")],
        capture_output=True, text=True, cwd=paths.ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "BASE cannot be read" in done.stderr
