"""Site URLs of pages and records, and links relative to the page being rendered."""

import posixpath

from .config import SiteConfig
from .listings import LISTINGS, RECORD_PAGES, Parts

# Hand-written pages; listings add theirs (listings.py).
PAGES = {
    "home": "",
    "briefing": "briefing/",
    "charts": "charts/",
    "dictionary": "data-dictionary/",
    "data": "data/",
    "about": "about/",
} | {name: listing.path for name, listing in LISTINGS.items()}


class Urls:
    """Paths from the site root, for one site configuration and one build's parts."""

    def __init__(self, config: SiteConfig, parts: Parts):
        self.config, self.parts = config, parts

    def site_path(self, lang: str, path: str) -> str:
        """The default language at the root, the others under /<lang>/."""
        return self.config.prefix(lang) + path

    def absolute(self, path: str) -> str:
        return self.config.base + path

    def page(self, name: str, lang: str, anchor: str = "", part: int = 1) -> str:
        """A page's path; part 2 and beyond of a long listing live at <page>/<n>/."""
        path = PAGES[name] + (f"{part}/" if part > 1 else "")
        return self.site_path(lang, path) + (f"#{anchor}" if anchor else "")

    def listed(self, listing: str, record_id: str, lang: str) -> str:
        """Where a record is listed: its anchor on the part that holds it."""
        part = self.parts.part_of(listing, record_id)
        return self.page(listing, lang, record_id, part=part)

    def figure(self, fig_id: str, lang: str) -> str:
        return self.listed("figures", fig_id, lang)

    def announcement(self, ann_id: str, lang: str) -> str:
        return self.listed("timeline", ann_id, lang)

    def source(self, source_id: str, lang: str) -> str:
        return self.listed("sources", source_id, lang)

    def record(self, resource: str, record_id: str, lang: str) -> str:
        return self.site_path(lang, f"{RECORD_PAGES[resource].folder}/{record_id}/")


def relative(target: str, here: str) -> str:
    """Link from the page at `here` (a directory URL such as 'en/figures/') to `target`.

    Both are paths from the site root. Plain string work: posixpath.relpath resolves absolute
    paths on every call, and a large build makes hundreds of thousands of links.
    """
    path, _, anchor = target.partition("#")
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    start = [p for p in here_dir.split("/") if p]
    parts = path.split("/")
    name = parts.pop()  # "" for a directory
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    rel = "../" * (len(start) - common) + "".join(p + "/" for p in parts[common:]) + name
    return (rel or "./") + (f"#{anchor}" if anchor else "")
