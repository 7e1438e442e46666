"""Real-browser tests: Playwright driving the machine's Chromium (found by programs.find_chromium;
`make test` installs it where it is missing)."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# One page of each type, in both languages.
PAGES = [
    "",
    "briefing/",
    "search/",
    "figures/",
    "targets/",
    "commitments/",
    "charts/",
    "timeline/",
    "organisations/",
    "organisation/numeum/",
    "people/",
    "person/veronique-torner/",
    "sources/",
    "data/",
    "sql/",
    "data-dictionary/",
    "figures/2/",
    "about/",
]
PAGES = PAGES + [f"en/{p}" for p in PAGES]


def watch(page, server):
    """Record console errors, page errors and requests to any other host."""
    seen = {"errors": [], "foreign": []}
    local = urlsplit(server).netloc
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on(
        "request",
        lambda r: urlsplit(r.url).netloc not in (local, "") and seen["foreign"].append(r.url),
    )
    page.on("response", lambda r: r.status >= 400 and seen["errors"].append(f"{r.status} {r.url}"))
    # CSP violations also show as console errors; this records them explicitly.
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


# At a phone's width, every rule but the contrast of colours, checked at the desktop's: the
# theme's colours do not change with the width, and it is axe's slowest rule by far on the
# long tables (the data dictionary).
PHONE_RULES = {"color-contrast": {"enabled": False}}


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_accessible(page, server, path):
    """At desktop width, then at a phone's, in the same page (the layout follows the width):
    tables that scroll sideways must stay reachable."""
    seen = watch(page, server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + path, wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == ("en" if path.startswith("en/") else "fr")
    assert "default-src 'self'" in page.locator(
        'meta[http-equiv="Content-Security-Policy"]'
    ).get_attribute("content")
    axe = Axe()
    for width, rules in ((1280, {}), (390, PHONE_RULES)):
        page.set_viewport_size({"width": width, "height": 900})
        # The theme's scripts follow the new width (a code block that now scrolls becomes
        # focusable) in its resize observers: two frames later, the page is the phone's.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        results = axe.run(page, options={"resultTypes": ["violations"], "rules": rules})
        serious = [
            v for v in results.response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{width}px: {results.generate_report()}"
        assert seen["errors"] == []
        assert seen["foreign"] == []
        assert page.evaluate("window.__csp") == []


@pytest.mark.parametrize(
    ("start", "switch_to", "expected"),
    [
        ("figures/", "English", "en/figures/"),
        ("en/organisation/numeum/", "Français", "organisation/numeum/"),
    ],
)
def test_language_switcher_keeps_the_page(page, server, start, switch_to, expected):
    page.goto(server + start)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=switch_to).click()
    expect(page).to_have_url(server + expected)


def search(page, server, root: str, query: str) -> list[str]:
    """The result and sub-result links of a query on a language's Search page."""
    page.goto(server + root + "search/")
    return results(page, query)


def results(page, query: str) -> list[str]:
    """The result and sub-result links of a query typed into the Search page open in `page`
    (in place of the last one)."""
    box = page.locator(".pagefind-ui__search-input")
    expect(box).to_be_visible()
    box.fill(query)
    message = page.locator(".pagefind-ui__message").filter(has_text=query)
    message.wait_for(timeout=20000)
    links = page.locator(".pagefind-ui__result-link")
    if not re.search(r"\b0\b|aucun|pas de r|no result", message.inner_text(), re.I):
        links.first.wait_for(timeout=20000)
        page.wait_for_timeout(300)  # the rest of the first batch of results
    return [
        urlsplit(h).path for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    ]


@pytest.mark.parametrize(
    ("root", "query", "href"),
    [
        ("", "Numeum", "organisation/numeum/"),
        ("en/", "Numeum", "en/organisation/numeum/"),
        ("en/", "Garance Pineau", "en/person/garance-pineau/"),
        # Accents folded: "competence" finds "Compétence".
        ("", "competence", "organisation/les-acteurs-de-la-competence/"),
        ("en/", "competence", "en/organisation/les-acteurs-de-la-competence/"),
        # A word found only in a quotation, a description, a summary.
        ("", "microcosme", "timeline/"),
        ("en/", "reconversion", "en/organisation/france-travail/"),
        ("en/", "productivity", "en/organisation/ordre-des-avocats/"),
        ("en/", "extensively", "en/timeline/"),
    ],
)
def test_search_finds_words_in_the_pages_of_its_language(page, server, root, query, href):
    errors = watch(page, server)
    found = search(page, server, root, query)
    assert "/" + href in found, found
    # Only this language's pages.
    assert all(p.startswith("/en/") == (root == "en/") for p in found), found
    assert not errors["errors"] and not errors["foreign"]
    assert page.evaluate("window.__csp") == []


def test_a_record_s_name_finds_its_own_page_first(page, server, built):
    """Search indexes each record once, on its own page: a query for an organisation's or a
    person's name answers with that record's page first, not with the pages that list it."""
    sample = [("organisations", "organisation")] * 3 + [("people", "person")] * 3
    picked = {}
    for resource, folder in sample:
        records = [r for r in built.data[resource].values() if r.id not in picked]
        # Deterministic and spread out: every third record.
        rec = records[(len(picked) * 3) % len(records)]
        picked[rec.id] = (folder, rec.name)
    for root in ("", "en/"):
        page.goto(server + root + "search/")
        for record_id, (folder, name) in picked.items():
            found = results(page, name)
            assert found and found[0] == f"/{root}{folder}/{record_id}/", (name, found[:3])


def test_search_excerpts_quote_values_without_their_labels(page, server):
    """Table headers and the labels of lists of facts are not indexed: an excerpt never
    glues a label to the value after it ("KindTraining provider")."""
    search(page, server, "en/", "training")
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert excerpts
    labels = ("Kind", "Founded", "Figure", "Value", "Scope", "Place", "Date", "Source")
    glued = [e for e in excerpts if re.search(rf"\b(?:{'|'.join(labels)})[A-Z]", e)]
    assert glued == []


@pytest.mark.parametrize(("root", "query"), [("", "companies"), ("en/", "entreprises")])
def test_search_does_not_answer_with_the_other_language(page, server, root, query):
    found = search(page, server, root, query)
    assert all(p.startswith("/en/") == (root == "en/") for p in found), found


@pytest.mark.parametrize("width", [1280, 390])
def test_commitment_filters_hide_rows_and_keep_the_choice_in_the_address(browser, server, width):
    """At a phone's width too, where each row is a block (a display that beats [hidden]
    unless the stylesheet says otherwise)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + "en/commitments/?status=past-deadline&h=kept")
    rows = page.locator("table.bf-commitments tbody tr")
    expect(page.locator("form.bf-filter")).to_be_visible()
    expect(page.locator("#filter-status")).to_have_value("past-deadline")
    expect(page.locator("tr#talent-drain-observatory-first-results")).to_be_visible()
    expect(page.locator("tr#eu-75-percent-companies-using-ai-2030")).to_be_hidden()
    expect(page.locator("#status-upcoming")).to_be_hidden()
    expect(page.locator('table[data-status-group="upcoming"]')).to_be_hidden()
    expect(page.locator(".bf-filter__count")).to_have_text(
        f"Commitments shown: 1 of {rows.count()}"
    )
    page.locator("#filter-status").select_option("")
    page.locator("#filter-organisation").select_option("numeum")
    expect(page.locator("tr#train-300000-people-a-year")).to_be_visible()
    expect(page.locator("tr#talent-drain-observatory-first-results")).to_be_hidden()
    assert page.evaluate("window.location.search") == "?h=kept&organisation=numeum"
    context.close()


def test_without_javascript_the_whole_commitments_table_shows(browser, server, built):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "commitments/?status=upcoming")
        expect(page.locator("form.bf-filter")).to_be_hidden()
        rows = page.locator("table.bf-commitments tbody tr")
        assert rows.count() == len(built.data["commitments"])
        for i in range(rows.count()):
            expect(rows.nth(i)).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "width"),
    [("en/embed/ai-adoption-rate/", 600), ("embed/ai-investment/", 320)],
)
def test_an_embedded_chart_fits_its_iframe(page, server, path, width):
    errors = watch(page, server)
    page.set_content(
        f'<iframe src="{server}{path}" title="chart" width="{width}" height="600"></iframe>'
    )
    frame = page.frame_locator("iframe")
    chart = frame.locator("img.bf-embed__chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    # The whole chart within the frame's width: no sideways scrolling.
    inner = page.frames[1]
    assert inner.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    box = chart.bounding_box()
    assert box["width"] <= width
    expect(frame.locator(".bf-embed__source a[target=_top]").first).to_be_visible()
    assert not errors["errors"] and not errors["foreign"]
    assert inner.evaluate("window.__csp || []") == []
