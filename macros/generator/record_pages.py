"""Generated pages: one per organisation and person, and parts 2..n of each listing.

They are MkDocs files added during each language's build (never written into docs/): in-memory
files (`File.generated`) with the page's title and description as front matter and a
placeholder body that the hook replaces with HTML rendered by Jinja from the page's view. In
a preview's dirty build, a page whose key has not changed is not rendered again (rendered.py).
"""

import json
from dataclasses import dataclass
from html import escape

from mkdocs.structure.files import File, InclusionLevel

from ..data.context import Context
from ..data.listings import LISTINGS, RECORD_PAGES
from ..pages import render
from ..pages.page import Page
from .rendered import UNCHANGED, Keys

BODY = "<!-- briefing-page -->\n"


@dataclass(frozen=True)
class Generated:
    """What a generated page shows: a record page or a part of a listing."""

    kind: str  # "record" or "part"
    name: str  # resource or listing name
    key: str | int  # record id or part number
    path: str  # URL path without the language prefix, e.g. "organisation/numeum/"

    def view(self, page: Page) -> dict:
        """The plain values the page's template reads: all its HTML is made of, besides the
        page's address, language and the build's templates and words (rendered.page_key)."""
        if self.kind == "record":
            return render.record_page_view(self.name, self.key, page)
        return render.listing_part_view(self.name, self.key, page)

    def render(self, page: Page, view: dict) -> str:
        """The page's HTML, from its view."""
        if self.kind == "record":
            return render.record_page_html(self.name, view, page)
        return render.listing_part_page(self.name, view, page)

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


def add_files(
    context: Context, files, config, lang: str, keys: Keys | None
) -> dict[str, Generated]:
    """Add this language's generated pages to `files`; return them by source path. In a
    dirty build (`keys`), a page whose key is the last build's, and whose output is still
    there, is added as unchanged (rendered.py): MkDocs does not render it again."""
    added = {}
    for made in generated(context):
        page = Page(context, lang, context.urls.site_path(lang, made.path))
        src_uri = made.path.rstrip("/") + ".md"
        added[src_uri] = made
        meta = made.meta(page)
        if keys is not None and src_uri in keys.last:
            view = made.view(page)
            key = keys.key(page, meta, view)
            kept = File.generated(config, src_uri, abs_src_path=str(UNCHANGED),
                                  inclusion=InclusionLevel.NOT_IN_NAV)  # fmt: skip
            if key == keys.last[src_uri][0] and not kept.is_modified():
                files.append(kept)
                keys.now[src_uri] = (key, kept.abs_dest_path)
                continue
            keys.known[src_uri] = (view, key)  # to render
        # JSON is YAML, and far faster to write than PyYAML's dump.
        front = json.dumps(meta, ensure_ascii=False)
        content = f"---\n{front}\n---\n\n{BODY}"
        files.append(
            File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        )
    if keys is not None:
        keys.forget_gone(added)
    return added
