"""Site URLs of pages and records, and links relative to the page being rendered."""

import posixpath

PAGES = {
    "home": "",
    "figures": "figures/",
    "targets": "targets/",
    "charts": "charts/",
    "timeline": "timeline/",
    "organisations": "organisations/",
    "people": "people/",
    "sources": "sources/",
    "dictionary": "data-dictionary/",
    "about": "about/",
}
# Record pages: one folder per kind, written by the build hook (see pages.py).
RECORD_DIRS = {"organisations": "organisation", "people": "person"}


def site_path(lang: str, path: str) -> str:
    """Path from the site root: French at the root, other languages under /<lang>/."""
    return path if lang == "fr" else f"{lang}/{path}"


def page(name: str, lang: str, anchor: str = "", part: int = 1) -> str:
    """A page's path; part 2 and beyond of a long listing live at <page>/<n>/."""
    path = PAGES[name] + (f"{part}/" if part > 1 else "")
    return site_path(lang, path) + (f"#{anchor}" if anchor else "")


def record(resource: str, id: str, lang: str) -> str:
    return site_path(lang, f"{RECORD_DIRS[resource]}/{id}/")


def relative(target: str, here: str) -> str:
    """Link from the page at `here` (a directory URL such as 'en/figures/') to `target`."""
    path, _, anchor = target.partition("#")
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(path or ".", here_dir or ".")
    is_dir = path == "" or path.endswith("/")
    rel = "./" if rel == "." else rel + ("/" if is_dir and not rel.endswith("/") else "")
    return rel + (f"#{anchor}" if anchor else "")
