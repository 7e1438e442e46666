"""Unit tests for project rules that need more than one fixture to pin down."""

from datetime import date

from conftest import FRENCH_PHONE

from macros.check import rules as checks
from macros.check.raw import RawPackage, Table


def package(name, header, rows, schema=None):
    fields = schema or [{"name": h, "type": "string"} for h in header]
    table = Table(
        name,
        f"data/{name}.csv",
        {"fields": fields},
        header,
        [(i + 2, dict(zip(header, r, strict=True))) for i, r in enumerate(rows)],
    )
    return RawPackage(None, {"resources": []}, {name: table})


def codes(rule, pkg, today=date(2026, 1, 1)):
    return [(p.line, p.column, p.code) for p in rule(pkg, today)]


def test_planned_rows_may_lie_in_the_future():
    pkg = package(
        "announcements",
        ["id", "date", "planned"],
        [["a", "2030-01-01", "true"], ["b", "2030-01-01", "false"]],
    )
    assert codes(checks.future_dates, pkg) == [(3, "date", "future-date")]


def test_deadlines_may_lie_in_the_future():
    pkg = package("figures", ["id", "deadline"], [["a", "2030-01-01"]])
    assert codes(checks.future_dates, pkg) == []


def test_year_precision_needs_first_of_january():
    pkg = package(
        "organisations",
        ["id", "founded", "founded_precision"],
        [["a", "1991-01-01", "year"], ["b", "1991-06-01", "year"], ["c", "1991-06-01", "month"]],
    )
    assert codes(checks.precisions, pkg) == [(3, "founded", "precision-date")]


def test_twin_rule_works_both_ways():
    pkg = package(
        "indicators",
        ["id", "label_fr", "label_en"],
        [["a", "x", ""], ["b", "", "y"], ["c", "", ""]],
    )
    assert codes(checks.text_twins, pkg) == [
        (2, "label_en", "twin-missing"),
        (3, "label_fr", "twin-missing"),
    ]


def test_contact_data_spares_postcodes_and_years_but_finds_phones():
    rows = [
        ["a", "75007"],
        ["b", "Création : 1991, 190 000 entreprises"],
        ["c", f"Tél. : {FRENCH_PHONE}"],
        ["d", "+44 20 7946 0018"],
        ["e", "ecrire à presse@example.org"],
    ]
    pkg = package("organisations", ["id", "text"], rows)
    assert codes(checks.contact_data, pkg) == [
        (4, "text", "phone"),
        (5, "text", "phone"),
        (6, "text", "email"),
    ]


def test_contact_data_ignores_non_text_fields():
    schema = [{"name": "id", "type": "string"}, {"name": "value", "type": "number"}]
    pkg = package("figures", ["id", "value"], [["a", FRENCH_PHONE.replace(" ", "")]], schema)
    assert codes(checks.contact_data, pkg) == []


def multi(**tables):
    """A RawPackage of several tables: name=(header, rows)."""
    out = {}
    for name, (header, rows) in tables.items():
        out |= package(name, header, rows).tables
    return RawPackage(None, {"resources": []}, out)


PROSE = ["id", "value", "date", "summary_fr", "summary_en", "figure_id", "quote"]


def test_prose_numbers_come_from_the_values_or_the_quote():
    pkg = package(
        "announcements",
        PROSE,
        [
            # From the value (in billions), the date and the quote, in both writing styles.
            ["ok", "109000000000", "2025-02-12", "109 Md€ le 12 février 2025, 300 000", "€109B on 12 February 2025, 300,000", "", "former 300 000 Français"],
            ["decimal", "21.96", "", "21,96 %", "21.96%", "", "x"],
            # 14 is nowhere in the row; the id of a linked record does not count.
            ["extra", "", "", "14 délégations", "14 delegations", "a-14", "x"],
            ["month", "", "2025-02-12", "en mars 2025", "in February 2025", "", "x"],
        ],
    )  # fmt: skip
    assert codes(checks.prose_numbers, pkg) == [
        (4, "summary_en", "prose-number"),
        (4, "summary_fr", "prose-number"),
        (5, "summary_fr", "prose-month"),
    ]


def test_prose_months_may_come_from_a_numeric_date_in_the_quote():
    pkg = package(
        "announcements",
        PROSE,
        [["a", "", "", "le 11 février 2025", "on 11 February 2025", "", "le 11/02/2025, un"]],
    )
    assert codes(checks.prose_numbers, pkg) == []


def test_by_dates_are_the_day_of_the_reporting_source():
    sources = (
        ["id", "interviewed", "published", "created", "part_of"],
        [["interview", "2025-02-12", "", "", ""], ["card", "", "", "", "interview"]],
    )
    anns = (
        ["id", "date", "date_precision", "source_id"],
        [
            ["a", "2025-02-12", "by", "interview"],
            ["b", "2025-02-01", "by", "interview"],  # a guessed day
            ["c", "2025-02-12", "by", "card"],  # a card printed under the interview
            ["d", "2025-02-01", "month", "interview"],
        ],
    )
    pkg = multi(sources=sources, announcements=anns)
    assert codes(checks.by_dates, pkg) == [(3, "date", "by-date")]


def test_cells_a_spreadsheet_would_run_are_refused():
    pkg = package(
        "organisations",
        ["id", "description_en"],
        [
            ["a", '=HYPERLINK("http://evil.example/x","clic")'],
            ["b", "+1+2"],
            ["c", "- 5 %"],
            ["d", "@SUM(A1)"],
            ["e", "\tcmd"],
            ["f", "  =1+1"],  # after spaces too
            ["g", "＝1+1"],  # full-width equals
            ["h", "Prix = 5 €, +3 %, -2 %"],  # inside the text is fine
        ],
    )
    found = codes(checks.hostile_text, pkg)
    assert [line for line, _, code in found if code == "formula"] == list(range(2, 9))
    assert [(line, code) for line, _, code in found if code != "formula"] == [(6, "control-char")]


def test_hidden_characters_are_refused():
    schema = [
        {"name": "id", "type": "string", "constraints": {"pattern": "^[a-z]+$"}},
        {"name": "name", "type": "string"},
        {"name": "quote", "type": "string"},
    ]
    pkg = package(
        "people",
        ["id", "name", "quote"],
        [
            ["a\u200bb", "Zero\u200bwidth in a name is allowed", "x"],
            ["c", "Right-to-left \u202eoverride", "x"],
            ["d", "Isolate \u2066x\u2069", "x"],
            ["e", "Bell \x07", "Line one\nline two"],  # a line break in a quotation is fine
        ],
        schema,
    )
    assert codes(checks.hostile_text, pkg) == [
        (2, "id", "zero-width-id"),
        (3, "name", "bidi-char"),
        (4, "name", "bidi-char"),
        (5, "name", "control-char"),
    ]


def test_only_plain_web_addresses_are_links():
    schema = [{"name": "id", "type": "string"}, {"name": "url", "type": "string", "format": "uri"}]
    urls = [
        "https://example.org/a?b=c#d",
        "http://example.org/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://user:secret@example.org/",
        "ftp://example.org/file",
        "https:///no-host",
        "https://example.org/a b",
        "https://[::1",
    ]
    pkg = package("sources", ["id", "url"], [[str(i), u] for i, u in enumerate(urls)], schema)
    assert [line for line, _, _ in codes(checks.url_cells, pkg)] == list(range(4, 11))


def test_by_dates_follow_part_of_without_going_round_in_circles():
    sources = (
        ["id", "interviewed", "published", "created", "part_of"],
        [["a", "", "", "", "b"], ["b", "", "", "", "a"]],
    )
    anns = (["id", "date", "date_precision", "source_id"], [["x", "2025-02-12", "by", "a"]])
    pkg = multi(sources=sources, announcements=anns)
    assert codes(checks.by_dates, pkg) == [(2, "date", "by-date")]


def test_a_prose_page_naming_a_missing_record_is_located(tmp_path, monkeypatch):
    """Only for the project's own package: its docs/ pages name figures and announcements."""
    from pathlib import Path

    from macros.check import prose_refs

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        'Titre\n\n{{ figure_value("kept") }} et {{ event_date("gone") }}.\n', encoding="utf-8"
    )
    pkg = package("figures", ["id"], [["kept"]])
    pkg.tables |= package("announcements", ["id"], [["other"]]).tables
    pkg.base = tmp_path / "datapackage"
    monkeypatch.setattr(prose_refs.paths, "DOCS", docs)
    monkeypatch.setattr(prose_refs.paths, "PACKAGE", pkg.base / "datapackage.json")
    found = [(p.file, p.line, p.code) for p in prose_refs.prose_records(pkg, date(2026, 1, 1))]
    assert found == [("docs/index.md", 3, "prose-unknown-record")]
    # Any other package (a fixture, a copy) is not the one the pages are written for.
    pkg.base = Path("/elsewhere")
    assert list(prose_refs.prose_records(pkg, date(2026, 1, 1))) == []


def test_values_and_dates_are_read_as_quotations_write_them():
    from decimal import Decimal

    from macros.check.written import stated_values, states_day, states_month

    stated = stated_values(
        "entre 70 et 80 milliards d’euros ; 21,96 % ; dix propositions ; +8 points"
    )
    assert {Decimal(70 * 10**9), Decimal(80 * 10**9), Decimal("21.96"), 10, 8} <= stated
    assert Decimal(9) not in stated
    assert states_day("les 10 et 11/02/2025", date(2025, 2, 10))
    assert states_day("le 1er juillet 2025", date(2025, 7, 1))
    assert states_day("on July 1, 2025", date(2025, 7, 1))
    assert not states_day("le 11/02/2025", date(2025, 2, 13))
    assert states_month("Création : juin 2021", date(2021, 6, 1))
    assert states_month("le 27/10/1998", date(1998, 10, 1))
    assert not states_month("juin 2022", date(2021, 6, 1))


def test_release_records_are_checked(tmp_path):
    import json

    from macros.check.release_records import release_records

    records = tmp_path / "releases"
    records.mkdir()
    good = {
        "version": "1.0.0", "date": "2026-01-01",
        "package": {"datapackage.json": "a" * 40}, "files": {"data/v1.0.0/x.csv": "b" * 64},
    }  # fmt: skip
    (records / "1.0.0.json").write_text(json.dumps(good), encoding="utf-8")
    (records / "1.1.0.json").write_text(json.dumps(good | {"version": "1.1.0"}), encoding="utf-8")
    (records / "2.0.0.json").write_text(json.dumps(good), encoding="utf-8")  # misnamed
    (records / "3.0.0.json").write_text("{not json", encoding="utf-8")
    bad_sum = good | {"version": "4.0.0", "files": {"x": "nope"}}
    (records / "4.0.0.json").write_text(json.dumps(bad_sum), encoding="utf-8")
    pkg = package("figures", ["id"], [])
    pkg.base = tmp_path
    found = [(p.file, p.code) for p in release_records(pkg, date(2026, 1, 1))]
    assert found == [
        ("releases/2.0.0.json", "release-record"),
        ("releases/3.0.0.json", "release-record"),
        ("releases/4.0.0.json", "release-record"),
    ]


def test_contact_data_finds_numbers_and_addresses_in_their_column_not_dates():
    """Each found in its own column of the row; a date (eight digits) or a bare count is no
    phone; an international number (with +) is one."""
    header = ["id", "quote", "note", "count"]
    international = "+44 20 7946 0000"  # Ofcom's range kept for drama
    pkg = package(
        "figures",
        header,
        [
            ["a", "Publié le 11/02/2025 (12.03.2024)", "", "1234567890"],
            ["b", f"Appelez le {FRENCH_PHONE}.", "écrire à x@example.org", ""],
            ["c", "le 11/02/2025", f"ou {international}", ""],
        ],
    )
    assert sorted(codes(checks.contact_data, pkg)) == [
        (3, "note", "email"),
        (3, "quote", "phone"),
        (4, "note", "phone"),
    ]
