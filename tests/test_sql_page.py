"""The SQL page in a real browser: every example query gives the rows Python's sqlite3 gives on
the published file, a bad query says why in the page's language, a link reproduces a query,
a runaway query stops while the page stays responsive, and without JavaScript the page says
what it needs and links the files."""

import csv
import io
import sqlite3
from urllib.parse import quote

import pytest
from conftest import BASE
from playwright.sync_api import expect
from test_browser import watch

from macros.data.records import read_descriptor

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NAME = read_descriptor(BASE / "datapackage.json")["name"]
# The database loads, sql.js compiles and a query runs well within this on a loaded machine.
WAIT_MS = 60_000


def examples() -> list[dict]:
    with open(BASE / "data" / "example_queries.csv", encoding="utf-8", newline="") as f:
        return sorted(csv.DictReader(f), key=lambda q: int(q["rank"]))


def expected(site, sql: str) -> tuple[list[str], list[list[str]]]:
    """What sqlite3 gives, written as the page writes values (JavaScript's String())."""
    con = sqlite3.connect(f"file:{site / 'data' / f'{NAME}.sqlite'}?mode=ro", uri=True)
    try:
        cursor = con.execute(sql)
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()

    def js(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return columns, [[js(v) for v in row] for row in rows]


def shown(page) -> tuple[list[str], list[list[str]]]:
    table = page.locator("#bf-sql-result table")
    columns = table.locator("thead th").all_text_contents()
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent))"
    )
    return columns, rows


def done(page) -> str:
    """The status once the query has ended (a result or a failure)."""
    page.wait_for_function(
        "() => { const run = document.getElementById('bf-sql-run');"
        " return !run.disabled && document.getElementById('bf-sql-stop').disabled; }",
        timeout=WAIT_MS,
    )
    return page.locator("#bf-sql-status").text_content()


def ready(page, server, path: str):
    seen = watch(page, server)
    page.goto(server + path)
    page.wait_for_function("() => !document.getElementById('bf-sql-run').disabled", timeout=WAIT_MS)
    return seen


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_example_gives_the_rows_sqlite_gives(page, server, site, lang):
    seen = ready(page, server, lang + "sql/")
    queries = examples()
    assert queries and page.locator("a.bf-sql__example").count() == len(queries)
    for i, query in enumerate(queries):
        page.locator("a.bf-sql__example").nth(i).click()
        status = done(page)
        columns, rows = expected(site, query["sql"])
        if rows:
            assert shown(page) == (columns, rows), query["id"]
        else:
            assert page.locator("#bf-sql-result table tbody tr").count() == 0
        assert str(len(rows)) in status or not rows, (query["id"], status)
        # The address keeps the query.
        assert page.evaluate("new URLSearchParams(location.search).get('q')") == query["sql"]
    assert seen["errors"] == [] and seen["foreign"] == []
    assert page.evaluate("window.__csp") == []


@pytest.mark.parametrize(
    ("lang", "query", "said"),
    [
        ("", "SELEC 1", "erreur de syntaxe près de « SELEC »"),
        ("en/", "SELEC 1", "syntax error near “SELEC”"),
        ("", "SELECT * FROM nowhere", "aucune table ne s’appelle « nowhere »"),
        ("en/", "SELECT nope FROM figures", "there is no column called “nope”"),
        ("en/", "DELETE FROM figures", "only read queries (SELECT, WITH) are allowed"),
        ("", "SELECT 1; SELECT 2", "une seule instruction à la fois"),
    ],
)
def test_a_bad_query_says_why_in_the_pages_language(page, server, lang, query, said):
    ready(page, server, lang + "sql/")
    page.fill("#bf-sql-query", query)
    page.click("#bf-sql-run")
    status = done(page)
    assert said in status.replace("\u202f", " ").replace("\xa0", " ")
    assert page.locator("#bf-sql-status.bf-sql__status--failed").count() == 1
    assert page.locator("#bf-sql-result table").count() == 0


def test_a_link_with_a_query_reproduces_its_result_and_its_csv(page, server, site):
    sql = "SELECT id, value, unit FROM figures WHERE value > 50 ORDER BY value DESC, id"
    ready(page, server, "en/sql/?q=" + quote(sql, safe=""))
    done(page)
    assert page.locator("#bf-sql-query").input_value() == sql
    columns, rows = expected(site, sql)
    assert rows and shown(page) == (columns, rows)
    with page.expect_download() as download:
        page.click("#bf-sql-csv")
    text = download.value.path().read_bytes().decode("utf-8")
    assert text.endswith("\r\n")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed == [columns, *[["" if v == "NULL" else v for v in row] for row in rows]]


def test_a_long_result_shows_its_first_rows_and_says_so_and_the_csv_holds_them_all(page, server):
    ready(page, server, "en/sql/")
    page.fill(
        "#bf-sql-query",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 600) SELECT x FROM n",
    )
    page.click("#bf-sql-run")
    status = done(page)
    assert status.startswith("600 rows") and "the first 500 are shown" in status
    assert page.locator("#bf-sql-result tbody tr").count() == 500
    with page.expect_download() as download:
        page.click("#bf-sql-csv")
    lines = download.value.path().read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "x" and lines[600] == "600" and lines[601] == ""


def test_a_runaway_query_stops_and_the_page_stays_responsive(page, server):
    ready(page, server, "sql/")
    page.fill(
        "#bf-sql-query",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
    )
    page.click("#bf-sql-run")
    expect(page.locator("#bf-sql-stop")).to_be_enabled()
    # The main thread answers while the worker counts.
    page.locator("#bf-sql-query").press("End")
    assert page.evaluate("document.activeElement.id") == "bf-sql-query"
    page.click("#bf-sql-stop")
    assert done(page) == "Requête arrêtée."
    page.fill("#bf-sql-query", "SELECT count(*) AS n FROM figures")
    page.locator("#bf-sql-query").press("Control+Enter")
    done(page)
    assert page.locator("#bf-sql-result tbody td").text_content().isdigit()


def test_without_javascript_the_page_says_what_it_needs_and_links_the_files(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "en/sql/")
        assert page.locator("#bf-sql-form").is_hidden()
        text = page.locator("#bf-sql").inner_text()
        assert "needs JavaScript and WebAssembly" in text
        link = page.locator("#bf-sql a[download]").first
        assert link.get_attribute("href").endswith(f"data/{NAME}.sqlite")
        # The examples and the tables read without it.
        assert page.locator("pre code.language-sql").count() == len(examples())
        assert page.locator("details#table-figures").count() == 1
    finally:
        context.close()


def test_only_the_sql_page_loads_the_explorer(site):
    pages = [p for p in site.rglob("*.html") if p.parent.name != "sql"]
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "explorer." not in html and "sqljs" not in html, path


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_result_and_a_failure_are_accessible_at_both_widths(page, server, lang):
    from axe_playwright_python.sync_playwright import Axe

    ready(page, server, lang + "sql/")
    page.locator("a.bf-sql__example").first.click()
    done(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, options={"resultTypes": ["violations"]})
        serious = [
            v for v in results.response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{width}px: {results.generate_report()}"
    page.fill("#bf-sql-query", "SELEC")
    page.locator("#bf-sql-query").press("Control+Enter")
    done(page)
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert not [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
