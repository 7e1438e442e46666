"""A validation problem and the ways to print a list of them (text table, Markdown, JSON)."""

import json
from dataclasses import dataclass

from tabulate import tabulate

from ..format.language import LANGUAGES, both_languages, in_languages
from .messages import render


@dataclass(frozen=True, order=True)
class Problem:
    """Where, which problem (its message's code) and its parameters; worded in each language
    from the catalogues when printed."""

    file: str  # path relative to the package folder, e.g. data/figures.csv
    line: int | None  # line in the file as an editor counts it (header = 1)
    column: str | None
    code: str
    # (name, value); a value worded in each language is a (("fr", …), ("en", …)) tuple
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str) -> str:
        values = {k: dict(v) if isinstance(v, tuple) else v for k, v in self.params}
        return render(self.code, **values)[LANGUAGES.index(lang)]

    @property
    def message_fr(self) -> str:
        return self.message("fr")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "code": self.code,
                "message_fr": self.message_fr, "message_en": self.message_en}  # fmt: skip


def problem(file, line, column, code, **params) -> Problem:
    render(code, **params)  # a missing parameter fails here, where the problem is made
    frozen = tuple(
        sorted(
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else str(v))
            for k, v in params.items()
        )
    )
    return Problem(str(file), line, column, code, frozen)


HEADERS = [
    *(both_languages(f"cli_{key}") for key in ("file", "line", "column")),
    "Message (fr)",
    "Message (en)",
]


def _rows(problems):
    return [[p.file, p.line or "", p.column or "", p.message_fr, p.message_en] for p in problems]


def summary(problems, package) -> tuple[str, str]:
    if not problems:
        said = in_languages("report_valid", package=package)
    else:
        files = len({p.file for p in problems})
        said = in_languages("report_errors", n=len(problems), files=files, package=package)
    return said["fr"], said["en"]


def _table(problems) -> str:
    return tabulate(
        _rows(problems), HEADERS, tablefmt="simple_grid", maxcolwidths=[24, 6, 16, 42, 42]
    )


def _notes_heading(notices) -> tuple[str, str]:
    said = in_languages("report_notices", n=len(notices))
    return said["fr"], said["en"]


def as_text(problems, package, notices=()) -> str:
    fr, en = summary(problems, package)
    out = (_table(problems) + "\n" if problems else "") + f"{fr}\n{en}\n"
    if notices:  # after the verdict: they never change it
        nfr, nen = _notes_heading(notices)
        out += f"\n{nfr}\n{nen}\n" + _table(notices) + "\n"
    return out


def _markdown_table(problems) -> str:
    # Pipes inside cells would break the Markdown table.
    rows = [[str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in _rows(problems)]
    return tabulate(rows, HEADERS, tablefmt="github")


def as_markdown(problems, package, notices=()) -> str:
    fr, en = summary(problems, package)
    lines = [f"### {'✅' if not problems else '❌'} {en}", "", f"_{fr}_", ""]
    if problems:
        lines += [_markdown_table(problems), ""]
    if notices:
        nfr, nen = _notes_heading(notices)
        lines += [f"#### ℹ️ {nen}", "", f"_{nfr}_", "", _markdown_table(notices), ""]
    return "\n".join(lines)


def as_json(problems, package, notices=()) -> str:
    return (
        json.dumps(
            {
                "package": str(package),
                "valid": not problems,
                "count": len(problems),
                "errors": [p.as_dict() for p in problems],
                "notices": [p.as_dict() for p in notices],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
