"""Generated pages: one per organisation and person, and parts 2..n of each listing.

They are MkDocs files added during each language's build (never written into docs/): in-memory
files (`File.generated`) with the page's title and description as front matter and a
placeholder body that the hook replaces with HTML rendered by Jinja.
"""

import json
from dataclasses import dataclass
from html import escape

from mkdocs.structure.files import File, InclusionLevel

from ..data.context import Context
from ..data.listings import LISTINGS, RECORD_PAGES
from ..pages import render
from ..pages.page import Page

BODY = "<!-- briefing-page -->\n"


@dataclass(frozen=True)
class Generated:
    """What a generated page shows: a record page or a part of a listing."""

    kind: str  # "record" or "part"
    name: str  # resource or listing name
    key: str | int  # record id or part number
    path: str  # URL path without the language prefix, e.g. "organisation/numeum/"

    def render(self, page: Page) -> str:
        """The page's HTML."""
        if self.kind == "record":
            return render.record_page(self.name, self.key, page)
        return render.listing_part_page(self.name, self.key, page)

    def meta(self, page: Page) -> dict:
        # Its HTML comes from Jinja, not from macros in Markdown.
        fixed = {"render_macros": False}
        if self.kind == "part":
            title = render.part_title(self.name, self.key, page)
            description = title
        else:
            record = page.data[self.name][self.key]
            title = record.name
            if self.name == "organisations":
                description = page.fmt.text(record, "description") or page.t(
                    "org_meta", name=record.name
                )
            else:
                description = page.t("person_meta", name=record.name)
        # Escaped here: the theme prints page titles and descriptions into <title>, <meta>
        # attributes and the header as they are, without escaping them.
        return {"title": escape(title), "description": escape(description)} | fixed


def generated(context: Context) -> list[Generated]:
    out = []
    for resource, page in RECORD_PAGES.items():
        for record_id in context.data[resource]:
            out.append(Generated("record", resource, record_id, f"{page.folder}/{record_id}/"))
    for name, listing in LISTINGS.items():
        for n in range(2, context.parts.count(name) + 1):
            out.append(Generated("part", name, n, f"{listing.path}{n}/"))
    return out


def add_files(context: Context, files, config, lang: str) -> dict[str, Generated]:
    """Add this language's generated pages to `files`; return them by source path."""
    added = {}
    for made in generated(context):
        page = Page(context, lang, context.urls.site_path(lang, made.path))
        src_uri = made.path.rstrip("/") + ".md"
        # JSON is YAML, and far faster to write than PyYAML's dump.
        front = json.dumps(made.meta(page), ensure_ascii=False)
        content = f"---\n{front}\n---\n\n{BODY}"
        files.append(
            File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        )
        added[src_uri] = made
    return added
