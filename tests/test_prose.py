"""The prose pages as a reader sees them: every macro called inside a sentence renders inside
that sentence, in every language, whatever its output starts with (a year followed by a full
stop at a line start once became a numbered list item and the English home page lost its
year)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.data import paths

CALL = re.compile(r"\{\{.*?\}\}", re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ATTRIBUTES = re.compile(r"\{:[^}]*\}")
# A line that starts a block of its own in the source: a list item, a heading, a quote.
BLOCK_START = re.compile(r"^(?:[-*+] |\d+\. |#|>)")
WORD = re.compile(r"\w+")
WINDOW = 4  # words on each side of a call
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}


def words(text: str) -> list[str]:
    return WORD.findall(text)


def calls_in_sentences(markdown: str) -> list[tuple[str, list[str], list[str]]]:
    """Each macro call that shares its source block with words: the call, the words just
    before it and just after it in that block (up to the next call, never across blocks)."""
    found = []
    for block in blocks(markdown):
        pieces = CALL.split(block)
        for n, call in enumerate(CALL.findall(block)):
            before = words(pieces[n])[-WINDOW:]
            after = words(pieces[n + 1])[:WINDOW]
            if before or after:
                found.append((call, before, after))
    return found


def blocks(markdown: str) -> list[str]:
    """The source's blocks: paragraphs, list items, headings (front matter, links' targets
    and attribute lists left out, as the reader never sees them)."""
    text = ATTRIBUTES.sub("", LINK.sub(r"\1", FRONT_MATTER.sub("", markdown)))
    found: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            found.append([])
        elif BLOCK_START.match(line.lstrip()) or not found:
            found.append([line])
        else:
            found[-1].append(line)
    return ["\n".join(lines) for lines in found if lines]


class BlockText(HTMLParser):
    """The text of each innermost block element (paragraph, list item, cell, heading), as
    lists of words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[list[str]] = []
        self.blocks: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.open.append([])

    def handle_endtag(self, tag):
        if tag in BLOCKS and self.open:
            self.blocks.append(words(" ".join(self.open.pop())))

    def handle_data(self, data):
        if self.open:
            self.open[-1].append(data)


def block_words(html: str) -> list[list[str]]:
    parser = BlockText()
    parser.feed(html)
    return parser.blocks


def find(sequence: list[str], within: list[str], start: int = 0) -> int:
    """Where `sequence` starts in `within` at or after `start`, or -1."""
    for i in range(start, len(within) - len(sequence) + 1):
        if within[i : i + len(sequence)] == sequence:
            return i
    return -1


def in_one_block(before: list[str], after: list[str], html_blocks: list[list[str]]) -> bool:
    """Whether one block holds the words before the call, then something (the call's
    output), then the words after it."""
    for block in html_blocks:
        start = find(before, block) if before else 0
        if start < 0:
            continue
        end = start + len(before)
        if not after or find(after, block, end + 1) > end:
            return True
    return False


def prose_pages() -> list[tuple[Path, str]]:
    """Each hand-written page and the address of its built page under the site folder."""
    pages = []
    for source in sorted(paths.DOCS.glob("*.md")):
        stem, _, lang = source.stem.partition(".")
        folder = Path(lang) if lang else Path()
        built = folder / "index.html" if stem == "index" else folder / stem / "index.html"
        pages.append((source, built.as_posix()))
    return pages


def test_a_call_is_found_with_the_words_around_it_in_its_own_block():
    markdown = (
        "---\ntitle: x\n---\n- **A.** one two by\n  {{ deadline() }}. It cannot\n- B {{ x() }}\n"
    )
    assert calls_in_sentences(markdown) == [
        ("{{ deadline() }}", ["A", "one", "two", "by"], ["It", "cannot"]),
        ("{{ x() }}", ["B"], []),
    ]


def test_words_split_across_blocks_are_caught():
    split = "<ul><li>companies to be using AI by</li></ul><ol><li>It cannot be compared</li></ol>"
    whole = "<ul><li>companies to be using AI by <a>2030</a>. It cannot be compared</li></ul>"
    before, after = ["using", "AI", "by"], ["It", "cannot"]
    assert not in_one_block(before, after, block_words(split))
    assert in_one_block(before, after, block_words(whole))


@pytest.mark.parametrize(("source", "built"), prose_pages(), ids=lambda v: str(v)[-30:])
def test_every_macro_in_a_sentence_renders_inside_it(site, source, built):
    calls = calls_in_sentences(source.read_text(encoding="utf-8"))
    html = (site / built).read_text(encoding="utf-8")
    assert "\ue000" not in html and "briefing-fragment" not in html
    html_blocks = block_words(html)
    broken = [call for call, before, after in calls if not in_one_block(before, after, html_blocks)]
    assert not broken, f"{source.name}: these calls' output left their sentence: {broken}"
