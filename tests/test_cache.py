"""The cache of outputs that are pure functions of their inputs (macros/data/cache.py): a
changed input or changed code is made again, an unchanged one is not, and a build from the
cache gives the same bytes as one without it. Every test has its own cache folder."""

import csv
import io
import shutil

from conftest import BASE
from test_stages import CONFIG

from macros.data.cache import Cache
from macros.data.context import Context
from macros.pages import cards, charts


def counted(calls: list, value):
    def make():
        calls.append(value)
        return value

    return make


def test_a_changed_input_or_code_is_made_again_and_an_unchanged_one_is_not(tmp_path):
    cache, calls = Cache(tmp_path, code="code-1"), []
    assert cache.get("chart", ("a", 1), counted(calls, "first")) == "first"
    assert cache.get("chart", ("a", 1), counted(calls, "again")) == "first"
    assert cache.get("chart", ("a", 2), counted(calls, "second")) == "second"
    assert cache.get("card", ("a", 1), counted(calls, "card")) == "card"  # another kind
    assert Cache(tmp_path, code="code-2").get("chart", ("a", 1), counted(calls, "new")) == "new"
    assert calls == ["first", "second", "card", "new"]


def test_an_unreadable_entry_is_made_again(tmp_path):
    cache, calls = Cache(tmp_path, code="c"), []
    cache.get("chart", ("x",), counted(calls, "made"))
    (entry,) = (tmp_path / "chart").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.get("chart", ("x",), counted(calls, "remade")) == "remade"
    assert calls == ["made", "remade"]


def test_no_output_is_kept_by_code_that_changed_or_without_a_code_key(tmp_path):
    """A process whose code changed since it started keeps nothing (outputs/code.py)."""
    calls, still = [], [True]
    cache = Cache(tmp_path, code="c", unchanged=lambda: still[0])
    still[0] = False
    assert cache.get("chart", ("x",), counted(calls, "made by old code")) == "made by old code"
    still[0] = True
    assert cache.get("chart", ("x",), counted(calls, "made again")) == "made again"
    none = Cache(tmp_path, code=None)
    assert none.get("chart", ("y",), counted(calls, "a")) == "a"
    assert none.get("chart", ("y",), counted(calls, "b")) == "b"
    assert calls == ["made by old code", "made again", "a", "b"]


def opened(package, cache_folder) -> Context:
    ctx = Context.open(package, CONFIG)
    ctx.products.cache.give(Cache(cache_folder, code="test"))
    return ctx


def edit_value(package, figure_id: str, old: str, new: str) -> None:
    def edit(row):
        assert row["value"] == old
        row["value"] = new
        row["quote"] = row["quote"].replace(old, new, 1)

    rewrite(package, "figures", figure_id, edit)


def rewrite(package, table: str, row_id: str, edit) -> None:
    """`edit` applied to one row of a table of the package, the others kept as they are."""
    path = package.parent / "data" / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    (row,) = [r for r in rows if r["id"] == row_id]
    edit(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_an_edited_figure_redraws_its_chart_and_card_and_never_serves_a_stale_one(tmp_path):
    shutil.copytree(BASE, tmp_path / "pkg")
    package, folder = tmp_path / "pkg" / "datapackage.json", tmp_path / "cache"
    before = opened(package, folder)
    chart_files, card_files = charts.files(before), cards.files(before)
    entries = sorted(p.name for p in folder.rglob("*.pickle"))
    # The same inputs: every file from the cache, the same bytes.
    again = opened(package, folder)
    assert charts.files(again) == chart_files and cards.files(again) == card_files
    assert sorted(p.name for p in folder.rglob("*.pickle")) == entries
    # One figure of one chart changes: that chart and its card are drawn again, the others not.
    edit_value(package, "france-ai-adoption-tpe", "8", "9")
    after = opened(package, folder)
    redrawn, redrawn_cards = charts.files(after), cards.files(after)
    changed = {p for p in chart_files if redrawn[p] != chart_files[p]}
    assert changed == {charts.path("ai-adoption-rate", lang, ext)
                       for lang in ("fr", "en") for ext in charts.FORMATS}  # fmt: skip
    assert ",9," in redrawn[charts.path("ai-adoption-rate", "en", "csv")].decode()
    assert {p for p in card_files if redrawn_cards[p] != card_files[p]} == {
        cards.path("chart-ai-adoption-rate", lang) for lang in ("fr", "en")
    }
    # What the cache gives is what a build without it makes.
    fresh = opened(package, tmp_path / "empty")
    assert charts.files(fresh) == redrawn and cards.files(fresh) == redrawn_cards


def test_an_edited_template_is_compiled_again_never_served_stale(tmp_path, monkeypatch):
    """The templates' compiled code is kept between builds (.cache/templates/): a build after
    an edit renders the edited template, and one with other options compiles its own."""
    from jinja2 import Environment, FileSystemLoader

    from macros.data.cache import template_cache

    folder, cache = tmp_path / "templates", tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    folder.mkdir()
    page = folder / "page.html"

    def build(**options) -> str:  # every build makes its environment anew, as the site's do
        env = Environment(loader=FileSystemLoader(folder), **options)
        env.bytecode_cache = template_cache(env)
        return env.get_template("page.html").render(name="Numeum")

    page.write_text("<p>{{ name }}</p>", encoding="utf-8")
    assert build() == "<p>Numeum</p>"
    (compiled,) = (cache / "templates").iterdir()
    assert len(list(compiled.iterdir())) == 1  # compiled once, kept
    assert build() == "<p>Numeum</p>"
    page.write_text("<h1>{{ name }}</h1>", encoding="utf-8")
    assert build() == "<h1>Numeum</h1>"
    page.write_text("{% if name %}\n<b>{{ name }}</b>{% endif %}", encoding="utf-8")
    assert build() == "\n<b>Numeum</b>"
    assert build(trim_blocks=True) == "<b>Numeum</b>"  # the options' own compiled code
    assert build() == "\n<b>Numeum</b>"
    assert len(list((cache / "templates").iterdir())) == 2


def test_a_calendar_is_written_again_only_when_one_of_its_events_changed(tmp_path, monkeypatch):
    """The calendars come from the cache when they list the same events (an edit elsewhere,
    here an organisation's description); an edited event title writes that language's calendar
    again; and the cache's bytes are those of a calendar written without it."""
    from macros.publish import calendar

    shutil.copytree(BASE, tmp_path / "pkg")
    package, folder = tmp_path / "pkg" / "datapackage.json", tmp_path / "cache"
    written = []
    real = calendar._written
    monkeypatch.setattr(calendar, "_written", lambda *a: written.append(a[0][0]) or real(*a))

    def calendars() -> dict[str, bytes]:
        ctx = opened(package, folder)
        return {lang: calendar.icalendar(ctx, lang) for lang in ("fr", "en")}

    first = calendars()
    assert [w.rsplit("//", 1)[1] for w in written] == ["FR", "EN"]
    replace_cell(package, "organisations", "numeum", "description_en", "Edited, in no calendar.")
    assert calendars() == first and len(written) == 2
    replace_cell(package, "announcements", "eu-200bn-ai-investment", "title_en", "Edited title")
    edited = calendars()
    assert written[2:] == [written[1]]  # English only: the French title is unchanged
    assert edited["fr"] == first["fr"] and b"Edited title" in edited["en"]
    fresh = opened(package, tmp_path / "empty")
    assert {lang: calendar.icalendar(fresh, lang) for lang in ("fr", "en")} == edited


def replace_cell(package, table: str, row_id: str, column: str, value: str) -> None:
    rewrite(package, table, row_id, lambda row: row.update({column: value}))
