"""How a source is cited, rendered in-process on copies of the fixture package: every
combination of a source with or without publisher, reference, date and address reads without
empty brackets or doubled punctuation in both languages, and a French source's title (or
reference) carries lang="fr" wherever an English page shows it."""

import csv
import itertools
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from conftest import TEST_CONFIG
from markupsafe import escape

from macros.data.context import Context
from macros.pages import embeds, render
from macros.pages.page import Page
from macros.pages.views.figures import citation

BASE = Path(__file__).parent / "fixtures" / "base"
CONFIG = TEST_CONFIG
HERE = {"fr": "figures/", "en": "en/figures/"}
# What the cases set in the cited source's row (an empty cell removes the part).
REFERENCE, URL = "Interview n°387590", "https://example.org/articles/387590"
DATE = "2025-02-12"
# Empty brackets or quotation marks, a stray space before a comma or a full stop, and two
# marks in a row (", ." "..", ", ,") once the tags are gone.
FAULTS = re.compile(r"\(\s*\)|“\s*”|«\s*»|\s[,.]|[,;.]\s*[,;.]|\bNone\b")
CITE = re.compile(r'<p class="bf-cite__text">(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")


def text(html: str) -> str:
    return unescape(TAG.sub("", html)).replace("\u00a0", " ").replace("\u202f", " ")


def base_source() -> dict:
    """The first source's row in the fixture package, as written."""
    with (BASE / "data" / "sources.csv").open(encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))


def package(folder: Path, *, publisher=True, reference=True, date=True, url=False) -> Path:
    """A copy of the fixture package whose first source (a French interview, cited by the
    featured figures) has only the parts asked for."""
    shutil.copytree(BASE, folder)
    path = folder / "data" / "sources.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    assert first["language"] == "fr" and first["interviewed"] and not first["published"]
    first["publisher_id"] = first["publisher_id"] if publisher else ""
    first["reference"] = REFERENCE if reference else ""
    first["interviewed"] = DATE if date else ""
    first["url"] = URL if url else ""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder / "datapackage.json"


def open_case(tmp_path, **parts) -> tuple[Context, str, object]:
    build = Context.open(package(tmp_path / "package", **parts), CONFIG)
    # The chart files are not drawn here: the pages list none.
    build.products.chart_sizes.give({})
    source_id = next(iter(build.data["sources"]))
    fig = next(f for f in build.data["figures"].values() if f.source_id == source_id)
    return build, source_id, fig


CASES = [
    dict(zip(("publisher", "reference", "date", "url"), flags, strict=True))
    for flags in itertools.product((True, False), repeat=4)
]


def case_id(case: dict) -> str:
    return "-".join(("with-" if on else "no-") + part for part, on in case.items())


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_citation_reads_without_empty_brackets(tmp_path, case):
    build, source_id, fig = open_case(tmp_path, **case)
    src = build.data["sources"][source_id]
    for lang in ("fr", "en"):
        ctx = Page(build, lang, HERE[lang])
        # The figures' listing, typeset as the build does, holds the citation to copy.
        html = ctx.fmt.typeset_html(render.listing("figures", 1, ctx))
        cites = [text(c) for c in CITE.findall(html)]
        ours = [c for c in cites if ctx.fmt.text(fig, "label") in c]
        assert ours, (lang, cites[:2])
        for cite in cites:
            assert not FAULTS.search(cite), (lang, FAULTS.search(cite), cite)
        cite = ours[0]
        assert text(src.title) in cite
        assert (REFERENCE in cite) == case["reference"]
        assert (URL in cite) == case["url"]
        publisher = build.data["organisations"][base_source()["publisher_id"]].name
        assert (publisher in cite) == case["publisher"]
        # Its date, or that the document gives none.
        undated = text(ctx.t("source_undated"))
        assert (undated in cite) == (not case["date"]), cite
        # The source's links and its entry on the sources page read the same way.
        sources = text(ctx.fmt.typeset_html(render.listing("sources", 1, ctx)))
        assert not FAULTS.search(sources), FAULTS.search(sources)
        record = render.record_page("organisations", fig.stated_by_organisation_id, ctx)
        assert not FAULTS.search(text(record))


def test_the_four_forms_of_a_citation_in_each_language(tmp_path):
    """The exact wording, for the report: reference or not, address or not; no publisher."""
    expected = {
        ("en", True, False): "” (Interview n°387590), interview given on 12 February 2025. Via",
        ("en", False, False): "”, interview given on 12 February 2025. Via",
        ("en", True, True): f"” (Interview n°387590), interview given on 12 February 2025, {URL}. Via",
        ("en", False, True): f"”, interview given on 12 February 2025, {URL}. Via",
        ("fr", True, False): " » (Interview n°387590), entretien du 12 février 2025. Via",
        ("fr", False, False): " », entretien du 12 février 2025. Via",
        ("fr", True, True): f" » (Interview n°387590), entretien du 12 février 2025, {URL}. Via",
        ("fr", False, True): f" », entretien du 12 février 2025, {URL}. Via",
    }  # fmt: skip
    for n, (reference, url) in enumerate(itertools.product((True, False), repeat=2)):
        build, _, fig = open_case(tmp_path / str(n), reference=reference, url=url)
        for lang in ("fr", "en"):
            after = citation(fig, Page(build, lang, HERE[lang]))["after"]
            assert after.startswith(expected[lang, reference, url]), after
    build, _, fig = open_case(tmp_path / "anonymous", publisher=False, date=False)
    en = citation(fig, Page(build, "en", HERE["en"]))
    fr = citation(fig, Page(build, "fr", HERE["fr"]))
    assert en["before"].endswith(". Source: “") and fr["before"].endswith(". Source : « ")
    assert en["after"].startswith("” (Interview n°387590), publication date not given. Via")
    assert fr["after"].startswith(" » (Interview n°387590), date de publication non indiquée. Via")


@pytest.mark.parametrize("reference", [True, False], ids=["with-reference", "no-reference"])
def test_a_french_source_is_marked_french_on_english_pages(tmp_path, reference):
    build, source_id, fig = open_case(tmp_path, reference=reference, url=True)
    src = build.data["sources"][source_id]
    # A link to the source shows its reference, else its title; a citation, its title.
    shown = "|".join(re.escape(escape(t)) for t in {src.reference or src.title, src.title})
    in_french = re.compile(rf'<(a|span|h2)\b[^>]*\blang="fr"[^>]*>[^<]*(?:{shown})')
    en, fr = Page(build, "en", HERE["en"]), Page(build, "fr", HERE["fr"])
    pages = {
        "citation": lambda ctx: "".join(CITE.findall(render.listing("figures", 1, ctx))),
        "figures": lambda ctx: render.listing("figures", 1, ctx),
        "organisation": lambda ctx: render.record_page(
            "organisations", fig.stated_by_organisation_id, ctx
        ),
        "sources": lambda ctx: render.listing("sources", 1, ctx),
        "charts": render.all_charts,
        "chart citation": lambda ctx: "".join(CITE.findall(render.all_charts(ctx))),
        "briefing": render.one_page_briefing,
        "embed": lambda ctx: embeds.page(build, build.editorial.charts[0].id, ctx.lang),
    }
    for name, make in pages.items():
        html = make(en)
        assert in_french.search(html), name
        # Wherever the title is shown, and the reference outside a figure's citation (where it
        # stands in brackets after the title), the element that holds it is marked.
        marked = [src.title] + (
            [src.reference] if src.reference and name not in ("citation", "figures") else []
        )
        for m in re.finditer("|".join(re.escape(escape(t)) for t in marked), html):
            opening = html.rfind("<", 0, m.start())
            assert 'lang="fr"' in html[opening : m.start()], (name, html[opening : m.end()])
        # French pages need no mark: the page is French.
        assert not in_french.search(make(fr)), name
    # On the sources page, the heading is the title in French, and so is the reference.
    sources = render.listing("sources", 1, en)
    assert f'<h2 id="{source_id}" lang="fr">{escape(src.title)}</h2>' in sources
    if reference:
        assert f'<span lang="fr">{escape(REFERENCE)}</span>' in sources
