"""Check every quotation of a package against the texts of its sources.

The texts are copyrighted press articles: they never enter the repository. A maintainer keeps
them in a private folder, one `<source id>.txt` per source (a part of a larger document, such
as a profile card printed under an interview, is looked up in the file of its `part_of`).
`make verify-quotes SOURCE=<id>` checks one source's rows and needs only its text.

A quotation matches when it appears verbatim in the text once runs of whitespace are made one
space. Several excerpts of one text are joined by " […] " and each must appear. An excerpt
that does not is reported with the closest passage of the text and the first words that differ.
"""

import re
from difflib import SequenceMatcher, get_close_matches
from pathlib import Path

from .raw import RawPackage, Table, read_package
from .report import Problem, problem

ELISION = "[…]"
SPACES = re.compile(r"\s+")
# Below this similarity the "closest" passage is a chance match of common words: not shown.
CLOSE_ENOUGH = 0.5
# A difference longer than this is cut short: the excerpt and the passage are shown whole.
SHOWN_WORDS = 8


def normalise(text: str) -> str:
    """Whitespace-insensitive form: line breaks, tabs and no-break spaces become one space."""
    return SPACES.sub(" ", text).strip()


def excerpts(quote: str) -> list[str]:
    return [part for part in map(normalise, quote.split(ELISION)) if part]


def _similarity(a, b) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class SourceText:
    """A source's normalised text, its words indexed once for every closest-passage search."""

    def __init__(self, raw: str):
        self.text = normalise(raw)
        self.words = self.text.split(" ")
        # The matcher indexes its second sequence: the text's, once, whatever the quotes.
        # No autojunk: it would drop « de », « la »… and break the runs that locate a passage.
        self._matcher = SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2(self.words)

    def __contains__(self, excerpt: str) -> bool:
        return excerpt in self.text

    def closest(self, excerpt: str) -> str | None:
        """The passage of the text that best lines up with excerpt, or None if none is close."""
        words = excerpt.split(" ")
        self._matcher.set_seq1(words)
        i, j, size = self._matcher.find_longest_match(0, len(words), 0, len(self.words))
        if not size:
            return None
        start, end = self._align(words, j - i)
        passage = " ".join(self.words[start:end])
        return passage if _similarity(excerpt, passage) >= CLOSE_ENOUGH else None

    def _align(self, words: list[str], offset: int) -> tuple[int, int]:
        """The text's words [start, end) matching words, around where its longest common run
        puts the excerpt's first word (offset); a little slack lets words be added or dropped."""
        slack = max(3, len(words) // 4)
        low, high = max(0, offset - slack), min(len(self.words), offset + len(words) + slack)
        matcher = SequenceMatcher(None, words, self.words[low:high], autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        first, last = blocks[0], blocks[-1]
        # Words that differ at either end of the excerpt stand for as many words of the text.
        start = low + first.b - first.a
        end = low + last.b + last.size + len(words) - (last.a + last.size)
        return max(low, start), min(high, end)


def first_difference(excerpt: str, passage: str) -> tuple[str, str]:
    """The first words where excerpt and passage part ways, with words they share around them:
    the next one (« 9 % » / « 8 % »), and the previous one too when a side would be empty, so
    that an added or dropped word reads in context (« de ajouté former » / « de former »)."""
    quoted, found = excerpt.split(" "), passage.split(" ")
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, quoted, found, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        at_end = i2 == len(quoted) or j2 == len(found)
        if not at_end:
            i2, j2 = i2 + 1, j2 + 1
        if (at_end or tag != "replace") and i1 and j1:
            i1, j1 = i1 - 1, j1 - 1
        return _shown(quoted[i1:i2]), _shown(found[j1:j2])
    return excerpt, passage  # unreachable: the same words would have been found in the text


def _shown(words: list[str]) -> str:
    return " ".join(words[:SHOWN_WORDS]) + (" …" if len(words) > SHOWN_WORDS else "")


def _not_found(table: Table, line: int, excerpt: str, text: SourceText) -> Problem:
    passage = text.closest(excerpt)
    if passage is None:
        return problem(table.path, line, "quote", "quote-not-found-nothing-close", excerpt=excerpt)
    quoted, found = first_difference(excerpt, passage)
    return problem(
        table.path,
        line,
        "quote",
        "quote-not-found",
        excerpt=excerpt,
        closest=passage,
        quoted=quoted,
        found=found,
    )


def _source_texts(
    sources: Table, wanted: set[str], folder: Path
) -> tuple[dict[str, SourceText], list[Problem]]:
    """{source id: text} for the wanted sources, and a problem for each whose text is missing.
    A file shared by several parts of one document is read and indexed once."""
    rows = {row["id"]: (line, row) for line, row in sources.rows}
    texts, problems, read = {}, [], {}
    for source_id in sorted(wanted):
        seen, current = set(), source_id
        while current in rows and current not in seen:  # follow part_of, never in circles
            seen.add(current)
            path = folder / f"{current}.txt"
            if path.is_file():
                if path not in read:
                    read[path] = SourceText(path.read_text(encoding="utf-8", errors="replace"))
                texts[source_id] = read[path]
                break
            current = rows[current][1].get("part_of", "")
        else:
            line = rows[source_id][0]
            problems.append(problem(sources.path, line, "id", "source-text-missing", folder=folder))
    return texts, problems


def _unknown_source(sources: Table, source: str, ids: list[str]) -> Problem:
    nearest = get_close_matches(source, ids, n=1, cutoff=0) or ["—"]
    return problem(sources.path, None, "id", "source-unknown", source=source, nearest=nearest[0])


def _quoted_rows(pkg: RawPackage):
    """(table, line, row) for every row that quotes a source."""
    for table in pkg.tables.values():
        if "quote" in table.header and "source_id" in table.header:
            for line, row in table.rows:
                yield table, line, row


def verify(package: Path, folder: Path, source: str | None = None) -> list[Problem]:
    """Problems with the package's quotations, or only with those of source when given."""
    pkg, problems = read_package(package)
    if pkg is None or problems:
        return problems
    sources = pkg.tables["sources"]
    ids = [row["id"] for _, row in sources.rows]
    if source is not None and source not in ids:
        return [_unknown_source(sources, source, ids)]
    if not folder.is_dir():
        return [problem(str(folder), None, None, "sources-folder-missing", folder=folder)]
    texts, problems = _source_texts(sources, set(ids) if source is None else {source}, folder)
    for table, line, row in _quoted_rows(pkg):
        text = texts.get(row["source_id"])
        if text is None:
            continue  # another source's row, or a missing text reported once on its source
        for excerpt in excerpts(row["quote"]):
            if excerpt not in text:
                problems.append(_not_found(table, line, excerpt, text))
    return sorted(set(problems))
