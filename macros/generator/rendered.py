"""What a preview's last build rendered, so that the next one renders only the pages an edit
changed (`mkdocs serve --dirty`, which `make serve` runs).

MkDocs' dirty build renders a page only if its file is modified: a file whose source is newer
than its output, or that has no output, or whose content a plugin gives (`File.generated`
with `content`). Our pages' sources say little of what they show (a record page's comes from
the data; a prose page's macros read the data), so the plugin decides, never the file's date:
- every prose page is rendered at every build (its output is removed first: a handful);
- a generated page is rendered unless its key is the one it had at the last build and its
  output is still there. Then its file's source is `UNCHANGED`, a file older than every
  output, and MkDocs leaves the page as it is.

A page's key hashes what its HTML is made of: its view model (the plain values its template
reads, pages/render.py), its title and description, its preview card, its address and
language, and the site's key: the code, templates and catalogues the build runs with
(outputs/code.py), the site's settings, the MkDocs configuration files, the theme's
overrides and the navigation (every prose page's title). A value a key cannot name the same
way twice (a set, an object without a stable form) only changes the key: the page is then
rendered, never kept stale.
"""

import hashlib
import pickle
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from ..data.writing import remove
from ..outputs import code
from ..pages import cards

UNCHANGED = Path(__file__).with_name("unchanged.md")


def site_key(context, config, prose_files) -> str | None:
    """What every page of this language is made with besides its own view; None if this
    process runs old code (then every page is rendered)."""
    build = code.build_key(context)
    if build is None:
        return None
    digest = hashlib.sha256()
    for part in (build, repr(context.config), context.version, str(context.released)):
        digest.update(part.encode() + b"\0")
    root, overrides = Path(config.config_file_path).parent, config.theme.custom_dir
    theme = Path(overrides).rglob("*") if overrides else ()
    for path in sorted({*root.glob("mkdocs*.yml"), *theme}):
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for file in sorted(prose_files, key=lambda f: f.src_uri):
        digest.update(file.src_uri.encode() + b"\0" + _title(file).encode() + b"\0")
    return digest.hexdigest()


def _title(file) -> str:
    """A prose page's entry in the navigation: its front matter's title, or else (its first
    heading) the whole source."""
    source = Path(file.abs_src_path).read_text(encoding="utf-8")
    _, meta = get_data(source)
    return str(meta["title"]) if "title" in meta else source


def page_key(site: str, path: str, lang: str, meta: dict, card: dict, view: dict) -> str:
    try:
        data = pickle.dumps((site, path, lang, meta, card, view), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        # A view holding what pickle cannot write (a function, a generator): a key no build
        # gives twice, so the page is rendered every time.
        return "unkeyed-" + secrets.token_hex(16)
    return hashlib.sha256(data).hexdigest()


@dataclass
class Keys:
    """One language's page keys in a dirty build: the last build's and this build's, by source
    path, each with the page's output file."""

    site: str  # site_key
    site_dir: Path  # this language's
    last: dict[str, tuple[str, str]]
    now: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The pages to render whose view and key were made to compare them: made once.
    known: dict[str, tuple[dict, str]] = field(default_factory=dict)

    def key(self, page, meta: dict, view: dict) -> str:
        card = cards.card_for(page.build, page.here, page.lang)
        return page_key(self.site, page.here, page.lang, meta, card, view)

    def forget_gone(self, pages) -> None:
        """The outputs of pages the last build had and this one has not (a record deleted)."""
        forget({uri: out for uri, out in self.last.items() if uri not in pages}, self.site_dir)


def forget(keys: dict[str, tuple[str, str]], site_dir: Path) -> None:
    """The outputs of these pages gone: a dirty build leaves every file it does not write."""
    for _, output in keys.values():
        remove(Path(output), site_dir)
