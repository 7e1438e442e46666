"""French typography for text already written: the no-break spaces a French reader expects.

Contributors type ordinary spaces; the French pages show a no-break space before ":" and a
narrow one before ";", "!" and "?", inside « », and between the digit groups of "300 000", so
that a line never breaks inside them. English text is left as it is.
"""

import re

NBSP, NNBSP = "\u00a0", "\u202f"
SPACE = f"[ {NBSP}{NNBSP}]"
RULES = (
    (re.compile(f"{SPACE}+:"), f"{NBSP}:"),
    (re.compile(f"{SPACE}+([;!?])"), NNBSP + r"\1"),
    (re.compile(f"«{SPACE}+"), f"«{NNBSP}"),
    (re.compile(f"{SPACE}+»"), f"{NNBSP}»"),
    # 300 000, 1 350: groups of three digits after a space (not "10 et 11").
    (re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d])"), None),
)
# What any rule above could change: most text between two tags holds none of it, and one
# search is cheaper than the five substitutions (a large site's pages are mostly such text).
CHANGES = re.compile(r"[:;!?«»]|\d \d")
# Markup is left alone: only text between tags changes, never inside these elements.
TAG = re.compile(r"(<[^>]*>)")
VERBATIM = re.compile(r"<(/?)(script|style|pre|code|textarea)\b", re.I)


def _groups(m: re.Match) -> str:
    return m[1] + m[2].replace(" ", NNBSP)


def french(text: str) -> str:
    for pattern, replacement in RULES:
        text = pattern.sub(replacement or _groups, text)
    return text


def french_html(html: str) -> str:
    """french() on the text of an HTML fragment, outside tags and verbatim elements."""
    parts, depth = TAG.split(html), 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if m := VERBATIM.match(part):
                depth = max(0, depth + (-1 if m[1] else 1))
        elif depth == 0 and CHANGES.search(part):
            parts[i] = french(part)
    return "".join(parts)
