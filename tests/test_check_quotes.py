"""make verify-quotes: every quotation against the source texts, which stay out of the
repository. The tests write stand-in texts made of the package's own quotations."""

import csv
import shutil
import subprocess
import sys

from conftest import BASE

from macros.check.quotes import excerpts, verify
from macros.data import paths


def quotes_by_source(package_dir):
    found: dict[str, list[str]] = {}
    for path in sorted((package_dir / "data").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("quote") and row.get("source_id"):
                    found.setdefault(row["source_id"], []).extend(excerpts(row["quote"]))
    return found


def stand_in_texts(package_dir, folder, skip=()):
    """One text per source that has no part_of: its quotations and its parts', line by line,
    with the line breaks and doubled spaces of a real article."""
    folder.mkdir()
    with open(package_dir / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        parent = {r["id"]: r["part_of"] or r["id"] for r in csv.DictReader(f)}
    texts: dict[str, list[str]] = {}
    for source_id, quotes in quotes_by_source(package_dir).items():
        texts.setdefault(parent[source_id], []).extend(q.replace(" ", "\n", 1) for q in quotes)
    for source_id, lines in texts.items():
        if source_id not in skip:
            (folder / f"{source_id}.txt").write_text("\n\n".join(lines), encoding="utf-8")


def copy_base(tmp_path):
    shutil.copytree(BASE, tmp_path / "package")
    return tmp_path / "package"


def test_quotes_found_in_their_texts_pass_whatever_the_whitespace(tmp_path):
    package = copy_base(tmp_path)
    stand_in_texts(package, tmp_path / "texts")
    assert verify(package / "datapackage.json", tmp_path / "texts") == []


def test_a_quote_changed_by_one_word_is_reported_on_its_line(tmp_path):
    package = copy_base(tmp_path)
    stand_in_texts(package, tmp_path / "texts")
    figures = package / "data" / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    assert text.count("de former 300") == 1
    figures.write_text(text.replace("de former 300", "de former 400"), encoding="utf-8")
    problems = verify(package / "datapackage.json", tmp_path / "texts")
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [
        ("data/figures.csv", 2, "quote", "quote-not-found")
    ]
    assert "former 400" in problems[0].message_fr and "former 400" in problems[0].message_en


def test_a_missing_text_is_reported_once_on_its_source(tmp_path):
    package = copy_base(tmp_path)
    stand_in_texts(package, tmp_path / "texts", skip={"newstank-rh-interview-387590"})
    problems = verify(package / "datapackage.json", tmp_path / "texts")
    # The interview and the four profile cards printed under it: one problem per source.
    assert {(p.file, p.code) for p in problems} == {("data/sources.csv", "source-text-missing")}
    assert len(problems) == 5


def test_make_target_exits_nonzero_with_a_bilingual_table(tmp_path):
    package = copy_base(tmp_path)
    stand_in_texts(package, tmp_path / "texts")
    roles = package / "data" / "roles.csv"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("Garance Pineau", "Garance Pinot"),
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "macros.check", "--quotes", str(tmp_path / "texts"), str(package)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "data/roles.csv" in run.stdout and "Garance Pinot" in run.stdout
    assert "Citation absente" in run.stdout and "Quotation not found" in run.stdout
