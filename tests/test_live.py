"""The live package, grown by a new source: the worked example of CONTRIBUTING.md (a fictional
press release with records of every kind, tests/fixtures/new-source) is added to a copy of
datapackage/, which must validate, pass its quotations and build into a site where invariants
hold for every record: a page for each organisation and person, each figure and announcement
on its listing, counts equal to the rows behind them, the editorial choices in their order,
no broken link.

Nothing here names a record of the live data: whatever a valid data change does, these tests
still hold (the pages' finer behaviour is tested on the frozen fixture package). So data is
compared with the text a reader sees (an escaped "&", the French no-break spaces), never with
the markup; an id is matched whole ("#a" is not "#a-2"); no count, order or id of today's data
is assumed; and the examples' ids never collide with the live ones (tests/test_examples.py).
"""

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import made_once, mkdocs_build

from macros.check.quotes import verify
from macros.check.validate import validate
from macros.data import paths
from macros.data.context import Context
from macros.pages import charts
from macros.pages.page import Page
from macros.pages.views.figures import targets
from tests.html_text import broken_links
from tests.new_source import EXAMPLE, SERIES, SERIES_SOURCES, SOURCE_ID, live_copy_with_new_source

pytestmark = pytest.mark.slow

LANGS = {"fr": "", "en": "en/"}
COUNT = re.compile(r'href="[^"]*#status-([a-z-]+)">([\d\s\u00a0\u202f]+)')
TOTAL = re.compile(r'<p class="bf-commitment-counts"><a href="[^"]*">([\d\s\u00a0\u202f]+)')
INDEXED = "data-pagefind-body>"  # the element search indexes: the page's own content
SVG_TEXT = "{http://www.w3.org/2000/svg}text"
CARD = re.compile(r'<p class="bf-card__label"><a href="[^"]*#([^"]+)"')  # a key figure's link


@pytest.fixture(scope="module")
def grown(tmp_path_factory, worker_id) -> Path:
    """The live package with the example source added, as a curator would add it."""
    folder = made_once(
        tmp_path_factory,
        worker_id,
        "live",
        lambda live: live_copy_with_new_source(paths.PACKAGE.parent, live / "p"),
    )
    return folder / "p" / "datapackage.json"


@pytest.fixture(scope="module")
def ctx(grown, site_config) -> Context:
    return Context.open(grown, site_config)


@pytest.fixture(scope="module")
def grown_site(grown, tmp_path_factory, worker_id) -> Path:
    def build(out: Path) -> None:
        done = mkdocs_build(out, grown)
        assert done.returncode == 0, done.stderr[-3000:]

    return made_once(tmp_path_factory, worker_id, "grown-site", build)


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


class Text(HTMLParser):
    """The text of an HTML page or fragment as a reader sees it (entities decoded), outside
    scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipped = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipped += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipped:
            self.skipped -= 1

    def handle_data(self, data):
        if not self.skipped:
            self.parts.append(data)


def plain(text: str) -> str:
    """Text with every run of spaces (the French typography's no-break ones too) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def text(html: str) -> str:
    """What a reader reads in this HTML, spaces made plain: data compares with this, never
    with the markup ("Procter & Gamble" is "Procter &amp; Gamble" there)."""
    parser = Text()
    parser.feed(html)
    parser.close()
    return plain("".join(parser.parts))


def own_content(html: str) -> str:
    """The page's own content: the element search indexes, to the end of the page."""
    return html[html.index(INDEXED) + len(INDEXED) :]


def links_to(html: str, record_id: str) -> bool:
    """Whether the HTML links to the record's anchor: the whole id, not one it starts."""
    return f'#{record_id}"' in html


def test_a_new_source_of_every_kind_of_record_validates(grown):
    assert validate(grown) == []
    # Its quotations are in its text (a fictional one, kept with the example).
    assert verify(grown, EXAMPLE / "texts", source=SOURCE_ID) == []
    for source in SERIES_SOURCES:
        assert verify(grown, SERIES / "texts", source=source) == []


def test_the_example_adds_a_record_of_every_kind(grown, ctx):
    cited = Counter(resource for resource, _ in ctx.index("citing", SOURCE_ID))
    for resource in ("figures", "announcements", "commitments", "organisations", "people"):
        assert cited[resource], resource
    assert cited["roles"] and cited["relations"]
    added = {
        name: {row["id"] for row in csv.DictReader(path.open(encoding="utf-8"))}
        for name, path in (
            (p.stem, p) for ex in (EXAMPLE, SERIES) for p in (ex / "data").glob("*.csv")
        )
    }
    for name in ("indicators", "featured_figures", "charts", "preferred_figures", "places"):
        assert added[name] <= set(ctx.data[name]), name


def test_every_organisation_and_person_has_its_page_in_both_languages(grown_site, ctx):
    for lang, prefix in LANGS.items():
        for folder, resource in (("organisation", "organisations"), ("person", "people")):
            for rec in ctx.data[resource].values():
                html = read(grown_site, f"{prefix}{folder}/{rec.id}")
                assert f'<html lang="{lang}"' in html
                assert plain(rec.name) in text(own_content(html)), (lang, rec.id, rec.name)


def test_every_figure_and_announcement_is_on_its_listing_in_both_languages(grown_site, ctx):
    for lang, prefix in LANGS.items():
        for listing, resource in (("figures", "figures"), ("timeline", "announcements")):
            for rec in ctx.data[resource].values():
                part = ctx.parts.part_of(listing, rec.id)
                where = f"{prefix}{listing}" + ("" if part == 1 else f"/{part}")
                html = read(grown_site, where)
                assert f'id="{rec.id}"' in html, (lang, resource, rec.id)
                # In the part search indexes, in the page's language.
                assert html.count(INDEXED) == 1
                assert f'id="{rec.id}"' in html[html.index(INDEXED) :]


def test_home_page_counts_are_the_rows_behind_them(grown_site, ctx):
    statuses = Counter(c.status for c in ctx.data["commitments"].values())
    for prefix in LANGS.values():
        home = read(grown_site, prefix.rstrip("/"))
        assert number(TOTAL.search(home)[1]) == len(ctx.data["commitments"])
        shown = {status: number(n) for status, n in COUNT.findall(home)}
        assert shown == {s: n for s, n in statuses.items() if n}


def test_featured_figures_open_the_home_page_in_their_order(grown_site, ctx):
    featured = ctx.editorial.figures
    assert featured[0] is ctx.editorial.headline and featured[0].kind == "target"
    for prefix in LANGS.values():
        home = read(grown_site, prefix.rstrip("/"))
        # The key figures' cards (the prose above them may name any figure, in any order).
        cards = home[home.index('<div class="bf-cards">') :]
        cards = cards[: cards.index("</div>")]
        assert CARD.findall(cards) == [f.id for f in featured], prefix


def test_every_chart_has_its_files_embed_and_card(grown_site, ctx):
    for chart in ctx.editorial.charts:
        for lang, prefix in LANGS.items():
            for ext in ("svg", "png", "csv"):
                assert (grown_site / "charts" / f"{chart.id}-{lang}.{ext}").stat().st_size > 0
            embed = read(grown_site, f"{prefix}embed/{chart.id}")
            assert f'charts/{chart.id}-{lang}.svg"' in embed
            assert (grown_site / "cards" / f"chart-{chart.id}-{lang}.png").is_file()
    for fig in ctx.editorial.cards:
        assert (grown_site / "cards" / f"figure-{fig.id}-en.png").is_file()


def test_downloads_hold_every_row(grown_site, ctx):
    for name, records in ctx.data.items():
        path = grown_site / "data" / "csv" / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            assert sum(1 for _ in csv.DictReader(f)) == len(records), name


def test_targets_are_compared_only_within_indicator_place_and_segment(ctx):
    page = Page(ctx, "en", "en/targets/")
    figs = [f for f in ctx.data["figures"].values() if f.kind == "target"]
    for view in targets(figs, page):
        target = ctx.data["figures"][view["target"]["id"]]
        for m in view["measures"]:
            other = ctx.data["figures"][m["id"]]
            same = (other.indicator_id, other.geo, other.segment)
            assert same == (target.indicator_id, target.geo, target.segment)


def test_sources_keep_their_language_on_pages_in_another(grown_site, ctx):
    for src in ctx.data["sources"].values():
        part = ctx.parts.part_of("sources", src.id)
        html = read(grown_site, "en/sources" + ("" if part == 1 else f"/{part}"))
        if src.language != "en":
            assert f'<h2 id="{src.id}" lang="{src.language}">' in html


def test_no_broken_link_or_anchor(grown_site):
    assert broken_links(grown_site) == []


# --- series, disagreements and parts, on every page of the grown site ----------------------


def listing_page(site: Path, ctx, prefix: str, fig_id: str) -> str:
    part = ctx.parts.part_of("figures", fig_id)
    return read(site, f"{prefix}figures" + ("" if part == 1 else f"/{part}"))


def section(html: str, fig_id: str) -> str:
    """A figure's own article on its listing page."""
    start = html.index(f'<article class="bf-figure" id="{fig_id}"')
    return html[start : html.index("</article>", start)]


def test_each_series_is_drawn_over_time_with_its_points_in_order(grown_site, ctx):
    over_time = [c for c in ctx.editorial.charts if charts.layout(ctx, c.id).over_time]
    assert over_time  # the example charts yearly rates
    for chart in over_time:
        lay = charts.layout(ctx, chart.id)
        for g in lay.groups:
            # In order; two sources that agree give two points of one period.
            settled = [f.period for f in g.figures if not (d := ctx.index.disagreement(f.id))
                       or d.preferred]  # fmt: skip
            assert settled == sorted(settled), g.key
        for lang in LANGS:
            table = (grown_site / "charts" / f"{chart.id}-{lang}.csv").read_text(encoding="utf-8")
            rows = list(csv.DictReader(table.splitlines()))
            svg = ET.parse(grown_site / "charts" / f"{chart.id}-{lang}.svg").getroot()
            texts = {plain("".join(t.itertext())) for t in svg.iter(SVG_TEXT)}
            for row in rows:
                if row["period"]:  # each point's period is a label of the time axis, as the
                    fig = ctx.data["figures"][row["figure_id"]]  # pages write it
                    label = ctx.languages[lang].day(fig.period, fig.period_precision)
                    assert plain(label) in texts, (chart.id, row["figure_id"], label)


def test_every_chart_csv_is_what_is_drawn_and_compares_only_what_it_declares(grown_site, ctx):
    for chart in ctx.editorial.charts:
        lay = charts.layout(ctx, chart.id)
        for lang in LANGS:
            path = grown_site / "charts" / f"{chart.id}-{lang}.csv"
            rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
            assert [(r["role"], r["figure_id"]) for r in rows] == [
                (role, f.id) for role, f in lay.marks()
            ]
        drawn = [f for _, f in lay.marks() if not f.part_of]
        for flag, col in (("compares_places", "geo"), ("compares_segments", "segment"),
                          ("compares_actors", "organisation_id")):  # fmt: skip
            assert len({f[col] for f in drawn}) == 1 or chart[flag], (chart.id, flag)
        if not lay.over_time:  # bars never set two periods side by side
            assert len({f.period for f in drawn if f.kind != "target"} - {None}) <= 1, chart.id


def test_a_part_is_drawn_inside_its_whole_never_as_a_rival(grown_site, ctx):
    parts = [f for f in ctx.data["figures"].values() if f.part_of]
    assert parts
    for part in parts:
        for chart in ctx.editorial.charts:
            marks = charts.layout(ctx, chart.id).marks()
            roles = [role for role, f in marks if f.id == part.id]
            assert roles in ([], ["part"]), (chart.id, part.id)
            if roles:  # right after its whole (or after the whole's other parts)
                at = [f.id for _, f in marks].index(part.id)
                start = max(n for n, (role, _) in enumerate(marks[:at]) if role != "part")
                assert marks[start][1].id == part.part_of, (chart.id, part.id)
                assert all(f.part_of == part.part_of for _, f in marks[start + 1 : at])
        for prefix in LANGS.values():
            whole = section(listing_page(grown_site, ctx, prefix, part.part_of), part.part_of)
            assert links_to(whole, part.id)  # the whole names its part
            own = section(listing_page(grown_site, ctx, prefix, part.id), part.id)
            assert links_to(own, part.part_of)


def test_a_disagreement_shows_on_every_page_that_shows_either_figure(grown_site, ctx):
    groups = ctx.index("disagreements", None)
    assert {g.preferred is None for g in groups} == {True, False}  # settled and open ones
    for group in groups:
        for fig in group.figures:
            for prefix in LANGS.values():
                # The figure's section on its indicator's listing: every value, quotation, and
                # who gives each.
                own = section(listing_page(grown_site, ctx, prefix, fig.id), fig.id)
                assert 'class="bf-differs"' in own
                for other in group.figures:
                    assert links_to(own, other.id), (prefix, fig.id, other.id)
                    assert plain(other.quote[:40]) in text(own), (prefix, fig.id, other.id)
                # The figures page's list of every disagreement.
                first = read(grown_site, f"{prefix}figures")
                differ = first[: first.index('id="tous-les-chiffres"' if not prefix
                                             else 'id="every-figure"')]  # fmt: skip
                assert links_to(differ, fig.id), (prefix, fig.id)
            doc = json.loads((grown_site / "api" / "v1" / "figures" / f"{fig.id}.json").read_text())
            others = {o.id for o in group.figures} - {fig.id}
            assert {f["id"] for f in doc["sources_differ"]["figures"]} == others
            assert doc["sources_differ"]["preferred_figure_id"] == group.preferred
            assert set(doc["figure"]["differs_from"].split()) <= others
    # The measurements a target is compared with carry the disagreement too: on the targets
    # page (every part of it), each one's row gives the other sources' values and who gives them.
    figs, checked = [f for f in ctx.data["figures"].values() if f.kind == "target"], 0
    for lang, prefix in LANGS.items():
        for view in targets(figs, Page(ctx, lang, f"{prefix}targets/")):
            target = view["target"]["id"]
            part = ctx.parts.part_of("targets", target)
            html = read(grown_site, f"{prefix}targets" + ("" if part == 1 else f"/{part}"))
            start = html.index(f'<h2 id="{target}"')
            end = html.find("<h2 ", start + 1)
            rows = re.findall(r"<tr>.*?</tr>", html[start : end if end > 0 else None], re.S)
            for m in view["measures"]:
                if not m["differs"]:
                    continue
                (row,) = [r for r in rows if links_to(r, m["id"])]
                for d in m["differs"]["figures"]:
                    if not d["this"]:
                        assert plain(f"{d['value']} ({d['who']})") in text(row), (target, d["id"])
                        checked += 1
    assert checked  # the series example's target is compared with a disputed measurement
    # In the downloads: the computed column names the other sources' figures.
    path = grown_site / "data" / "csv" / "figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        differs = {row["id"]: row["differs_from"] for row in csv.DictReader(f)}
    for group in groups:
        for fig in group.figures:
            assert differs[fig.id], fig.id


@pytest.mark.node
def test_the_pages_that_compare_sources_are_valid_html(grown_site, ctx):
    """The markup of disagreements, parts and series (the frozen test site has none of them)
    through the Nu Html Checker: each listing part that holds one, the targets, the charts."""
    from test_html import known, vnu

    shown = {f.id for g in ctx.index("disagreements", None) for f in g.figures}
    shown |= {f.id for f in ctx.data["figures"].values() if f.part_of}
    parts = {ctx.parts.part_of("figures", i) for i in shown}
    pages = []
    for prefix in LANGS.values():
        pages += [grown_site / f"{prefix}figures" / ("" if p == 1 else str(p)) / "index.html"
                  for p in parts]  # fmt: skip
        pages += [grown_site / f"{prefix}{page}" / "index.html" for page in ("targets", "charts")]
        pages += [grown_site / f"{prefix}embed" / c.id / "index.html" for c in ctx.editorial.charts]
    ours = [m for m in vnu(pages) if not known(m)]
    assert not ours, [(m["url"].split("site")[-1], m.get("lastLine"), m["message"]) for m in ours]
