"""make verify-quotes: every quotation against the source texts, which stay out of the
repository. The tests write stand-in texts made of the package's own quotations, and a short
fictional article for a second source (never a real text: those are copyrighted)."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BASE

from macros.check.quotes import excerpts, first_difference, verify
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


def misquote_a_role(package: Path) -> None:
    """A role's quote that no longer matches the Medef card printed under the interview."""
    roles = package / "data" / "roles.csv"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("Garance Pineau", "Garance Pinot"),
        encoding="utf-8",
    )


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
    misquote_a_role(package)
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


# A second source, made up for these tests: its text, and rows that quote it.
GAZETTE = "gazette-des-territoires-2025"
GAZETTE_TEXT = """Gazette des territoires (article fictif), 4 mars 2025

Selon notre baromètre, l’usage de l’IA progresse dans les entreprises :
8 % pour les TPE, 21 % pour les PME et 40 % pour les grands groupes.

Le plan régional prévoit  une plateforme de formation d’ici fin 2026,
ouverte à toutes les entreprises du territoire.
"""
INTERVIEW = "newstank-rh-interview-387590"


def add_row(package, table, **cells) -> int:
    """Append a row with the given cells (the others empty) and return its line number."""
    path = package / "data" / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerow(cells)
    return len(path.read_text(encoding="utf-8").splitlines())


def with_gazette(tmp_path, *quotes) -> tuple:
    """The base package plus the fictional source, one figure row per quote (their lines), and
    a texts folder holding only the gazette's text."""
    package = copy_base(tmp_path)
    add_row(package, "sources", id=GAZETTE, kind="press-article", title="Gazette", language="fr")
    lines = [
        add_row(package, "figures", id=f"gazette-figure-{n}", source_id=GAZETTE, quote=quote)
        for n, quote in enumerate(quotes)
    ]
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{GAZETTE}.txt").write_text(GAZETTE_TEXT, encoding="utf-8")
    return package / "datapackage.json", texts, lines


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "macros.check", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )


def test_source_checks_its_rows_only_with_its_text_only(tmp_path):
    wrong = "Selon notre baromètre, 9 % pour les TPE"
    package, texts, lines = with_gazette(tmp_path, wrong)
    # The interview's text is absent and its rows are not checked: only the gazette's row.
    problems = verify(package, texts, source=GAZETTE)
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("data/figures.csv", lines[0], "quote-not-found")
    ]
    # Without a source, every text is needed: the interview and its four parts lack theirs.
    codes = [p.code for p in verify(package, texts)]
    assert codes.count("source-text-missing") == 5 and codes.count("quote-not-found") == 1


def test_source_leaves_other_sources_rows_and_texts_alone(tmp_path):
    package, texts, _ = with_gazette(tmp_path, "une citation que le texte ne contient pas")
    (texts / f"{GAZETTE}.txt").unlink()
    stand_in_texts(package.parent, tmp_path / "interview", skip={GAZETTE})
    assert verify(package, tmp_path / "interview", source=INTERVIEW) == []
    # The same folder for the whole package: the gazette's text is missing.
    problems = verify(package, tmp_path / "interview")
    assert [(p.file, p.code) for p in problems] == [("data/sources.csv", "source-text-missing")]


def test_a_part_is_checked_in_its_parents_text(tmp_path):
    package = copy_base(tmp_path)
    stand_in_texts(package, tmp_path / "texts")
    misquote_a_role(package)
    medef = "newstank-rh-profile-5022"  # printed under the interview: no file of its own
    assert medef not in {p.stem for p in (tmp_path / "texts").iterdir()}
    problems = verify(package / "datapackage.json", tmp_path / "texts", source=medef)
    assert problems and all(p.file == "data/roles.csv" for p in problems)
    assert verify(package / "datapackage.json", tmp_path / "texts", source=INTERVIEW) == []


def test_an_unknown_source_is_one_located_problem_and_exit_1(tmp_path):
    package, texts, _ = with_gazette(tmp_path)
    problems = verify(package, texts, source="gazette-des-territoire-2025")
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [
        ("data/sources.csv", None, "id", "source-unknown")
    ]
    assert f"« {GAZETTE} »" in problems[0].message_fr and f"“{GAZETTE}”" in problems[0].message_en
    run = run_cli("--quotes", texts, "--source", "nope", package)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "Aucune source « nope »" in run.stdout and "No source “nope”" in run.stdout


def test_source_without_quotes_is_a_usage_error(tmp_path):
    package, _, _ = with_gazette(tmp_path)
    run = run_cli("--source", GAZETTE, package)
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_make_target_passes_source_to_the_command():
    run = subprocess.run(
        ["make", "-n", "verify-quotes", "SOURCES_DIR=/texts", f"SOURCE={GAZETTE}"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert f'--quotes "/texts" --source "{GAZETTE}"' in run.stdout, run.stdout + run.stderr
    run = subprocess.run(
        ["make", "-n", "verify-quotes", "SOURCES_DIR=/texts"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert "--quotes" in run.stdout and "--source" not in run.stdout


def test_a_mismatch_shows_the_whole_quote_the_closest_passage_and_the_first_difference(tmp_path):
    quote = (
        "Selon notre baromètre, l’usage de l’IA progresse dans les entreprises : "
        "9 % pour les TPE, 21 % pour les PME et 40 % pour les grands groupes."
    )
    assert len(quote) > 80  # longer than the old messages showed
    package, texts, lines = with_gazette(tmp_path, quote)
    (problem,) = verify(package, texts, source=GAZETTE)
    assert (problem.line, problem.code) == (lines[0], "quote-not-found")
    passage = quote.replace("9 %", "8 %")
    assert problem.message_fr == (
        f"Citation absente du texte de la source, même aux espaces près : « {quote} ». "
        f"Passage le plus proche : « {passage} ». "
        "Premier écart : « 9 % » là où le texte porte « 8 % »"
    )
    assert problem.message_en == (
        f"Quotation not found in the source text, even ignoring whitespace: “{quote}”. "
        f"Closest passage: “{passage}”. "
        "First difference: “9 %” where the text has “8 %”"
    )


def test_an_elided_quote_reports_the_part_that_differs(tmp_path):
    quote = (
        "Le plan régional prévoit une plateforme de formation […] "
        "ouverte à toutes les entreprises du pays."
    )
    package, texts, _ = with_gazette(tmp_path, quote)
    (problem,) = verify(package, texts, source=GAZETTE)
    assert "« ouverte à toutes les entreprises du pays. »" in problem.message_fr
    assert "« ouverte à toutes les entreprises du territoire. »" in problem.message_fr
    assert "First difference: “du pays.” where the text has “du territoire.”" in (
        problem.message_en
    )
    assert "plan régional" not in problem.message_fr  # the first part is in the text


def test_a_quote_close_to_nothing_in_the_text_says_so(tmp_path):
    quote = "Le chat dort sur le canapé du salon."
    package, texts, _ = with_gazette(tmp_path, quote)
    (problem,) = verify(package, texts, source=GAZETTE)
    assert problem.code == "quote-not-found-nothing-close"
    assert quote in problem.message_fr and quote in problem.message_en


def test_first_difference_shows_added_and_dropped_words_in_context():
    assert first_difference("former 9 % des", "former 8 % des") == ("9 %", "8 %")
    assert first_difference("de bien former", "de former") == ("de bien former", "de former")
    assert first_difference("de former", "de bien former") == ("de former", "de bien former")
    assert first_difference("pour les TPE", "pour les PME") == ("les TPE", "les PME")
