"""CHANGELOG.md of the package, read into entries (newest first)."""

import re
from datetime import date
from pathlib import Path


def read_changelog(path: Path) -> list[dict]:
    return parse_changelog(path.read_text(encoding="utf-8"))


def parse_changelog(text: str) -> list[dict]:
    """[{version, date, items: {lang: [...]}}], newest first.

    Each change is written once per language, as "- [fr] ..." and "- [en] ..." (continuation
    lines indented).
    """
    entries, current, last = [], None, None
    for line in text.splitlines():
        if m := re.match(r"^## (\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2})\s*$", line):
            current = {"version": m[1], "date": date.fromisoformat(m[2]), "items": {}}
            entries.append(current)
        elif current and (m := re.match(r"^- \[([a-z]{2})\] (.*)$", line)):
            last = current["items"].setdefault(m[1], [])
            last.append(m[2].strip())
        elif current and last and line.startswith("  "):
            last[-1] += " " + line.strip()
    return entries
