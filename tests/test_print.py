"""Print: the stylesheet of every page, and the one-page briefing printed to PDF by headless
Chromium (`make pdf`), one A4 page per language with its text and fonts embedded."""

import re

import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from macros.generator.pdf import print_briefings
from macros.generator.programs import find_chromium, require

pytestmark = [pytest.mark.browser, pytest.mark.slow]
A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def pdfs(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return dict(
        zip(
            ("fr", "en"),
            print_briefings(site, ("fr", "en"), out, require(find_chromium())),
            strict=True,
        )
    )


def digits(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f,]", "", text)


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Le briefing en une page"), ("en", "The briefing on one page")]
)
def test_the_briefing_prints_on_one_a4_page_with_text_and_fonts(pdfs, built, lang, title):
    reader = PdfReader(pdfs[lang])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
    text = reader.pages[0].extract_text()
    assert title in text
    # The headline figure, as the data has it, and the latest announcement's title.
    headline = built.data["figures"]["ai-training-target-300000"]
    assert str(int(headline.value)) in digits(text)
    latest = max(
        (a for a in built.data["announcements"].values() if not a.planned),
        key=lambda a: (a.date, a.id),
    )
    assert digits(latest[f"title_{lang}"]) in digits(text)
    fonts = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a composite font describes itself in its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        fonts[str(font["/BaseFont"])] = any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
    assert fonts and all(fonts.values()), fonts


@pytest.fixture(scope="module")
def printed(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require(find_chromium()))
        page = browser.new_page()
        page.emulate_media(media="print")
        yield page, server
        browser.close()


def test_print_shows_the_text_and_where_links_lead(printed):
    page, server = printed
    page.goto(server + "en/figures/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".bf-report", ".bf-cite"):
        shown = page.eval_on_selector_all(
            selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, selector
    link = page.locator(".md-content a[href^='../sources/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after.startswith('" <' + server + "en/sources/")
    assert page.locator("tr").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    # The one-page briefing keeps its sheet free of addresses.
    page.goto(server + "en/briefing/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    after = page.locator(".bf-onepage a").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert after in ("none", "normal")
