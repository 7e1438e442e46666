"""Check every quotation of a package against the texts of its sources.

The texts are copyrighted press articles: they never enter the repository. A maintainer keeps
them in a private folder, one `<source id>.txt` per source (a part of a larger document, such
as a profile card printed under an interview, is looked up in the file of its `part_of`).

A quotation matches when it appears verbatim in the text once runs of whitespace are made one
space. Several excerpts of one text are joined by " […] " and each must appear.
"""

import re
from pathlib import Path

from .raw import RawPackage, read_package
from .report import Problem, problem

ELISION = "[…]"
SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace-insensitive form: line breaks, tabs and no-break spaces become one space."""
    return SPACES.sub(" ", text).strip()


def excerpts(quote: str) -> list[str]:
    return [part for part in map(normalise, quote.split(ELISION)) if part]


def _source_texts(pkg: RawPackage, folder: Path) -> tuple[dict[str, str], list[Problem]]:
    """{source id: normalised text}, and a problem for each source whose text is missing."""
    sources = pkg.tables["sources"]
    rows = {row["id"]: (line, row) for line, row in sources.rows}
    texts, problems = {}, []
    for source_id, (line, _) in rows.items():
        seen, current = set(), source_id
        while current in rows and current not in seen:  # follow part_of, never in circles
            seen.add(current)
            path = folder / f"{current}.txt"
            if path.is_file():
                texts[source_id] = normalise(path.read_text(encoding="utf-8", errors="replace"))
                break
            current = rows[current][1].get("part_of", "")
        else:
            problems.append(problem(sources.path, line, "id", "source-text-missing", folder=folder))
    return texts, problems


def verify(package: Path, folder: Path) -> list[Problem]:
    pkg, problems = read_package(package)
    if pkg is None or problems:
        return problems
    if not folder.is_dir():
        return [problem(str(folder), None, None, "sources-folder-missing", folder=folder)]
    texts, problems = _source_texts(pkg, folder)
    for table in pkg.tables.values():
        if "quote" not in table.header or "source_id" not in table.header:
            continue
        for line, row in table.rows:
            text = texts.get(row["source_id"])
            if text is None:
                continue  # reported once, on the source
            for part in excerpts(row["quote"]):
                if part not in text:
                    shown = part if len(part) <= 80 else part[:77] + "…"
                    problems.append(
                        problem(table.path, line, "quote", "quote-not-found", excerpt=shown)
                    )
    return sorted(set(problems))
