"""Files the build writes into docs/ before MkDocs collects them (see hooks/generate.py).

- one page per organisation and per person, in French (`<id>.md`) and English (`<id>.en.md`):
  static-i18n drops pages made by mkdocs-gen-files, so these are real files;
- the SVG charts, one per indicator and language;
- the downloads (export.py), catalogue and citations (catalog.py) and calendars under
  docs/data/, the static API under docs/api/ (api.py), and the Atom feeds (feeds.py).

Each page holds front matter and one macro call; the macro renders it in the page's language.
Files are written only when their content changed, so `mkdocs serve` does not loop, and
files left from deleted records are removed.
"""

from functools import cache
from pathlib import Path

import yaml

from . import api, catalog, charts, export, feeds, i18n, parts, paths, urls
from .load import load

GENERATED_DIRS = [paths.DOCS / d for d in urls.RECORD_DIRS.values()]
GENERATED_DIRS += [paths.CHARTS, paths.DOCS_DATA, paths.DOCS_API]
# Parts 2..n of long listings: docs/<page>/<n>.md (see parts.py). listing (= page) -> macro.
LISTINGS = {
    "figures": "key_figures",
    "timeline": "timeline",
    "organisations": "organisations",
    "people": "people",
    "sources": "sources",
}
GENERATED_DIRS += [paths.DOCS / urls.PAGES[listing].rstrip("/") for listing in LISTINGS]
# static-i18n publishes "announcements.en.atom" as /en/announcements.atom.
FEEDS = {
    lang: paths.DOCS / ("announcements.atom" if lang == "fr" else f"announcements.{lang}.atom")
    for lang in i18n.LANGUAGES
}


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


def record_pages() -> dict[Path, str]:
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
            description = i18n.label("person_meta", lang, name=person.name)
            files[path] = _page(person.name, description, f'person_page("{person.id}")')
        for listing, macro in LISTINGS.items():
            total = parts.count(listing)
            title = i18n.label(f"list_{listing}", lang)
            for n in range(2, total + 1):
                path = paths.DOCS / urls.PAGES[listing].rstrip("/") / f"{n}{_suffix(lang)}"
                part_title = i18n.label("part_title", lang, title=title, part=n, count=total)
                files[path] = _page(part_title, part_title, f"{macro}(part={n})")
    return files


def data_files(site_url: str) -> dict[Path, bytes]:
    """Charts, downloads, catalogue, citations, calendars, feeds and API documents."""
    files = {}
    for lang in i18n.LANGUAGES:
        for indicator in charts.CHARTS:
            files[paths.CHARTS / f"{indicator}-{lang}.svg"] = charts.svg(indicator, lang)
        files[paths.DOCS_DATA / f"calendar-{lang}.ics"] = feeds.icalendar(lang, site_url)
        files[FEEDS[lang]] = feeds.atom(lang, site_url)
    files[paths.DOCS_DATA / "datapackage.json"] = export.json_bytes(export.package_descriptor())
    for d in export.downloads():
        files[paths.DOCS / d.path] = d.content
    files[paths.DOCS_DATA / "SHA256SUMS"] = export.sha256sums()
    files[paths.DOCS_DATA / "catalog.ttl"] = catalog.turtle(site_url)
    files[paths.DOCS_DATA / "catalog.jsonld"] = catalog.jsonld(site_url)
    files[paths.DOCS_DATA / "citation.bib"] = catalog.bibtex(site_url).encode("utf-8")
    files[paths.DOCS_DATA / "citation.json"] = export.json_bytes(catalog.csl_json(site_url))
    for rel, content in api.files(site_url).items():
        files[paths.DOCS / rel] = content
    return files


@cache
def all_files(site_url: str) -> dict[Path, str | bytes]:
    # Cached: the build runs once per language and the content does not depend on it.
    return record_pages() | data_files(site_url)


def write(files: dict[Path, str | bytes]) -> int:
    """Write what changed, delete what is no longer produced; return the number written."""
    written = 0
    for path, content in files.items():
        raw = content.encode("utf-8") if isinstance(content, str) else content
        if not path.exists() or path.read_bytes() != raw:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
            written += 1
    stale = [
        p for folder in GENERATED_DIRS if folder.exists() for p in folder.rglob("*") if p.is_file()
    ]
    for old in stale + [p for p in FEEDS.values() if p.exists()]:
        if old not in files:
            old.unlink()
    return written
