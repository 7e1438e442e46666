"""Files the build writes into docs/ before MkDocs collects them (see hooks/generate.py).

- one page per organisation and per person, in French (`<id>.md`) and English (`<id>.en.md`):
  static-i18n drops pages made by mkdocs-gen-files, so these are real files;
- the SVG charts, one per indicator and language;
- a copy of the data package under docs/data/, published at /data/.

Each page holds front matter and one macro call; the macro renders it in the page's language.
Files are written only when their content changed, so `mkdocs serve` does not loop, and
files left from deleted records are removed.
"""

from pathlib import Path

import yaml

from . import charts, i18n, paths, urls
from .load import load

GENERATED_DIRS = [paths.DOCS / d for d in urls.RECORD_DIRS.values()] + [
    paths.CHARTS,
    paths.DOCS_DATA,
]


def _page(title: str, description: str, macro: str) -> str:
    meta = yaml.safe_dump(
        {"title": title, "description": description},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return f"---\n{meta}---\n\n{{{{ {macro} }}}}\n"


def _suffix(lang: str) -> str:
    return ".md" if lang == "fr" else f".{lang}.md"


def record_files() -> dict[Path, str | bytes]:
    data, files = load(), {}
    for lang in i18n.LANGUAGES:
        for org in data["organisations"].values():
            description = i18n.text(org, "description", lang) or i18n.label(
                "org_meta", lang, name=org.name
            )
            path = paths.DOCS / urls.RECORD_DIRS["organisations"] / f"{org.id}{_suffix(lang)}"
            files[path] = _page(org.name, description, f'organisation_page("{org.id}")')
        for person in data["people"].values():
            path = paths.DOCS / urls.RECORD_DIRS["people"] / f"{person.id}{_suffix(lang)}"
            files[path] = _page(
                person.name,
                i18n.label("person_meta", lang, name=person.name),
                f'person_page("{person.id}")',
            )
        for indicator in charts.CHARTS:
            files[paths.CHARTS / f"{indicator}-{lang}.svg"] = charts.svg(indicator, lang)
    package = paths.PACKAGE.parent
    for source in [
        paths.PACKAGE,
        *sorted((package / "data").glob("*.csv")),
        *sorted((package / "schemas").glob("*.json")),
    ]:
        files[paths.DOCS_DATA / source.relative_to(package)] = source.read_bytes()
    return files


def write(files: dict[Path, str | bytes]) -> int:
    """Write what changed, delete what is no longer produced; return the number written."""
    written = 0
    for path, content in files.items():
        raw = content.encode("utf-8") if isinstance(content, str) else content
        if not path.exists() or path.read_bytes() != raw:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
            written += 1
    for folder in GENERATED_DIRS:
        for old in folder.rglob("*") if folder.exists() else []:
            if old.is_file() and old not in files:
                old.unlink()
    return written
