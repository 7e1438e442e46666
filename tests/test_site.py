"""Build the real site once into a temporary folder and check what readers get."""

import re

import pytest

from tests.html_text import FRENCH_SPACING, broken_links, english_text


def spaced(text: str) -> str:
    """Text with every kind of space made plain: French pages have no-break ones."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


# An ordinary space where French wants a no-break one.
PLAIN_SPACE = re.compile(r"\S{0,20}(?: [:;?!»]|« )\S{0,20}")

pytestmark = pytest.mark.slow


def test_headline_figure_formatted_per_locale(site):
    fr = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "300\u202f000" in fr and "109\u00a0Md\u00a0€" in fr
    assert "300,000" in en and "€109B" in en


def test_every_page_has_its_language(site, built):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 2 * (10 + len(built.data["organisations"]) + len(built.data["people"]))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = "en" if page.relative_to(site).parts[0] == "en" else "fr"
        assert f'<html lang="{lang}"' in html, page


def test_no_leftover_template_syntax(site):
    # BibTeX in <pre> legitimately holds "{{"; scripts and styles are not prose either.
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        text = re.sub(r"<(script|style|pre)\b.*?</\1>", "", html, flags=re.S)
        assert "{{" not in text and "{%" not in text, page


def test_every_organisation_and_person_has_a_page_in_both_languages(site, built):
    data = built.data
    for folder, resource in (("organisation", "organisations"), ("person", "people")):
        for rec in data[resource].values():
            fr = (site / folder / rec.id / "index.html").read_text(encoding="utf-8")
            en = (site / "en" / folder / rec.id / "index.html").read_text(encoding="utf-8")
            assert rec.name in fr and rec.name in en


def test_record_pages_stay_out_of_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="organisation/numeum/"' not in home.split('class="md-content"')[0]


def test_every_figure_has_an_anchor_on_its_part_of_the_key_figures(site, built):
    for lang, prefix in (("fr", site), ("en", site / "en")):
        for fig in built.data["figures"].values():
            part = built.parts.part_of("figures", fig.id)
            page = prefix / "figures" / (f"{part}/index.html" if part > 1 else "index.html")
            html = page.read_text(encoding="utf-8")
            assert f'id="{fig.id}"' in html
            assert spaced(fig[f"label_{lang}"]) in spaced(html.replace("&#39;", "'"))


def test_long_listings_are_split_into_linked_parts(site, built):
    assert built.parts.count("figures") > 1  # 22 figures, 12 a part
    first = (site / "en" / "figures" / "index.html").read_text(encoding="utf-8")
    second = (site / "en" / "figures" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'class="bf-pager"' in first and 'href="2/"' in first
    assert 'aria-current="page">2<' in second and "<title>Key figures (2/" in second


def test_dates_show_at_their_precision(site):
    fr = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert ">juin 2021<" in fr and ">June 2021<" in en
    assert ">1991<" in fr and ">d’ici début 2026<" in fr and ">by early 2026<" in en


def test_target_without_measurement_says_so(site, built):
    fr = (site / "targets" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "targets" / "index.html").read_text(encoding="utf-8")
    assert built.languages["fr"].t("no_measurement") in fr
    assert built.languages["en"].t("no_measurement") in en
    # The EU's 2030 target is on use across the EU; the measurements are adoption in France
    # and Denmark: the source compares none of them, so neither does the page.
    assert "percentage points to go" not in en and "points de pourcentage" not in fr


def test_french_pages_use_french_spacing(site):
    """No-break spaces in French text: before : ; ? !, inside « », in 300 000."""
    fr = (site / "index.html").read_text(encoding="utf-8")
    assert "300\u202f000</a> Français" in fr and "intelligence artificielle</strong>\u00a0:" in fr
    offenders = []
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == "en":
            continue
        text = english_text(page.read_text(encoding="utf-8"), "fr")  # the body's text
        offenders += [(str(page.relative_to(site)), m) for m in PLAIN_SPACE.findall(text)]
    assert offenders == [], offenders[:20]


def test_no_third_party_requests_in_markup(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert (
                not re.search(r'(?:src|href)="(?:https?:)?//', tag)
                or 'rel="alternate"' in tag
                or 'rel="canonical"' in tag
            ), (page, tag)


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_english_pages_use_english_punctuation(site):
    """No space before : ; ? ! in English text; French quotations carry lang="fr"."""
    offenders = []
    for page in (site / "en").rglob("*.html"):
        text = english_text(page.read_text(encoding="utf-8"))
        offenders += [(str(page.relative_to(site)), m) for m in FRENCH_SPACING.findall(text)]
    assert offenders == [], offenders[:20]


@pytest.mark.parametrize(("page", "lang"), [("404.html", "fr"), ("en/404.html", "en")])
def test_404_language_links_lead_to_each_home(site, page, lang):
    html = (site / page).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert set(re.findall(r'href="([^"]*)" hreflang="(..)"', html)) == {("/en/", "en"), ("/", "fr")}


def test_each_language_has_its_sitemap_with_every_page_in_both_languages(site):
    """Each language's build writes the sitemap of its own pages, each with its hreflang
    alternates; the two sitemaps name the same pages."""
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    listed = {}
    for lang, path in (("fr", site / "sitemap.xml"), ("en", site / "en" / "sitemap.xml")):
        urls = ET.parse(path).getroot().findall("s:url", ns)
        assert urls
        pairs = set()
        for url in urls:
            loc = url.find("s:loc", ns).text
            alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
            assert alternates[lang] == loc and set(alternates) == {"fr", "en"}, loc
            pairs.add((alternates["fr"], alternates["en"]))
            # The page it names exists in both languages.
            for href in alternates.values():
                rel = href.split("://", 1)[1].split("/", 1)[1]
                assert (site / rel / "index.html").exists() or (site / rel).is_file(), href
        listed[lang] = pairs
    assert listed["fr"] == listed["en"]


def test_search_indexes_each_language_on_its_own(site):
    """Each language has its own Pagefind bundles (/pagefind/ and /pagefind-records/, and
    the same under /en/), each of that language only: the record pages in the second, every
    other page in the first, each page once."""
    import json

    for lang, root in (("fr", site), ("en", site / "en")):
        counts = {}
        for bundle in ("pagefind", "pagefind-records"):
            entry = json.loads((root / bundle / "pagefind-entry.json").read_text("utf-8"))
            assert list(entry["languages"]) == [lang]
            counts[bundle] = entry["languages"][lang]["page_count"]
        indexed = [
            p.relative_to(root).as_posix()
            for p in site.rglob("*.html")
            if "data-pagefind-body" in p.read_text(encoding="utf-8")
            and p.relative_to(site).as_posix().startswith("en/") == (lang == "en")
        ]
        records = [p for p in indexed if p.startswith(("organisation/", "person/"))]
        assert counts == {"pagefind": len(indexed) - len(records), "pagefind-records": len(records)}
        assert len(records) > 10 and len(indexed) - len(records) > 10


def test_every_page_has_a_preview_card_with_its_image(site):
    """Open Graph and Twitter tags on every page; the images exist, 1200 x 630, and their
    number does not depend on the number of records."""
    import struct

    images = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.endswith("404.html") or "/embed/" in f"/{rel}" or rel.startswith("_"):
            continue
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        tags = dict(
            re.findall(
                r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', head
            )
        )
        lang = "en" if rel.startswith("en/") else "fr"
        assert tags["og:locale"] == {"fr": "fr_FR", "en": "en_GB"}[lang], rel
        assert tags["twitter:card"] == "summary_large_image", rel
        assert tags["og:title"] and tags["og:description"] and tags["og:image:alt"], rel
        assert tags["og:url"].endswith(rel.removesuffix("index.html")), rel
        assert tags["og:image"].endswith(f"-{lang}.png"), rel
        images.add(tags["og:image"].split("/cards/", 1)[1])
    assert "home-fr.png" in images and "chart-ai-adoption-rate-en.png" in images
    cards = sorted((site / "cards").iterdir())
    assert {c.name for c in cards} >= images
    assert len(cards) == 2 * (2 + 2 + 6)  # site, home, 2 charts, 6 key figures; 2 languages
    for card in cards:
        assert struct.unpack(">II", card.read_bytes()[16:24]) == (1200, 630)


def when_cells(html: str) -> dict[str, str]:
    """Each figure row's first link text and its period-or-date cell, as plain text."""
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html, re.S):
        label = re.sub(r"<[^>]+>", "", row.split("</th>")[0])
        cells = re.findall(r"<td>((?:(?!</td>).)*bf-when(?:(?!</td>).)*)</td>", row, re.S)
        if cells:
            rows[spaced(label)] = spaced(re.sub(r"<[^>]+>", "", cells[0]))
    return rows


@pytest.mark.parametrize("page", ["figures/index.html", "organisation/medef/index.html"])
def test_a_period_covered_is_never_shown_as_a_date(site, built, page):
    """A figure's period covered, the day it was announced and its deadline are three
    things: each listed figure names which one it shows, in both languages."""
    words = {
        "fr": ("Période couverte :", "Date d’annonce :"),
        "en": ("Period covered:", "Announcement date:"),
    }
    for lang, prefix in (("fr", ""), ("en", "en/")):
        cells = when_cells((site / prefix / page).read_text(encoding="utf-8"))
        period, date = words[lang]
        listed = [f for f in built.data["figures"].values() if spaced(f[f"label_{lang}"]) in cells]
        assert listed
        for fig in listed:
            cell = cells[spaced(fig[f"label_{lang}"])]
            assert (fig.period is not None) == (period in cell), (lang, fig.id, cell)
            assert (fig.date is not None) == (date in cell), (lang, fig.id, cell)


def test_a_chart_data_table_names_the_period_it_shows(site):
    """A chart's data table puts each value's period covered, date or deadline in a column
    of its own, named, never in brackets after the value."""
    for prefix, words in (("", WHEN_FR), ("en/", WHEN_EN)):
        html = spaced((site / prefix / "charts" / "index.html").read_text(encoding="utf-8"))
        rows = re.findall(r'<td class="bf-num">([^<]*)</td><td>(.*?)</td>', html)
        assert rows and not [value for value, _ in rows if "(" in value]
        labels = [re.findall(r'class="bf-when__label">([^<]*)<', when) for _, when in rows]
        assert any(labels) and set().union(*labels) <= words, labels


WHEN_FR = {"Période couverte :", "Date d’annonce :", "Échéance :"}
WHEN_EN = {"Period covered:", "Announcement date:", "Deadline:"}
