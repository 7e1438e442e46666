"""The little Markdown changelog entries use (`code`, *emphasis*, **strong**,
[text](https://…)) as HTML, where every piece of text is escaped and the only markup is
ours, or as plain text for outputs that take no markup (catalogue, feeds, API)."""

import re

from markupsafe import Markup, escape

TOKEN = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*\s][^*]*)\*"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)"
)
TAGS = {"code": "code", "strong": "strong", "em": "em"}


def html(text: str) -> Markup:
    out, at = [], 0
    for m in TOKEN.finditer(text):
        out.append(escape(text[at : m.start()]))
        kind = m.lastgroup if m.lastgroup != "url" else "text"
        if kind == "text":
            out.append(Markup('<a href="{}">{}</a>').format(m["url"], m["text"]))
        else:
            out.append(Markup("<{0}>{1}</{0}>").format(Markup(TAGS[kind]), m[kind]))
        at = m.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def plain(text: str) -> str:
    def unmark(m: re.Match) -> str:
        if m["url"]:
            return f"{m['text']} ({m['url']})"
        return m["code"] or m["strong"] or m["em"]

    return TOKEN.sub(unmark, text)
