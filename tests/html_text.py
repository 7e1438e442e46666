"""Reading built pages: internal links and anchors, and the English text of a page."""

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# A space (plain, no-break or narrow no-break) before : ; ? ! is French typography.
FRENCH_SPACING = re.compile(r"\S{0,20}[ \u00a0\u202f][:;?!](?!\S*//)\S{0,20}")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "img", "script"):
                self.links.append(attrs[key])


def _parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, link) for every internal link or anchor of the site that leads nowhere."""
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            base = PurePosixPath(page.relative_to(site).as_posix()).parent
            if parts.path.startswith("/"):  # root-relative, as in 404.html
                target = site / unquote(parts.path).lstrip("/")
            else:
                target = site / base / unquote(parts.path) if parts.path else page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append((str(page.relative_to(site)), link))
    return broken


class EnglishText(HTMLParser):
    """The text of <body> outside elements in another language, code, scripts and styles."""

    SKIP = {"script", "style", "pre", "code", "textarea"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self, lang: str = "en"):
        super().__init__()
        self.lang = lang
        self.stack: list[bool] = []  # True: text inside is skipped
        self.parts: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        skipped = (self.stack and self.stack[-1]) or tag in self.SKIP
        self.stack.append(bool(skipped or (lang and not lang.startswith(self.lang))))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_body and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def english_text(html: str, lang: str = "en") -> str:
    """The body's text in `lang` (English unless said otherwise)."""
    parser = EnglishText(lang)
    parser.feed(html)
    return "".join(parser.parts)
