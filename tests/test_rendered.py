"""A page's key in a dirty preview (macros/generator/rendered.py): the same for the same
view, another for any change of what the page is made of, never the same twice for what it
cannot name."""

from markupsafe import Markup

from macros.generator.rendered import page_key

VIEW = {"record": {"name": "Numeum", "rows": [{"value": Markup("<b>12 %</b>"), "n": 3}]}}
ARGS = ("site-key", "en/organisation/numeum/", "en", {"title": "Numeum"}, {"image": "a.png"})


def test_the_same_page_has_the_same_key():
    copy = {"record": {"name": "Numeum", "rows": [{"value": Markup("<b>12 %</b>"), "n": 3}]}}
    assert page_key(*ARGS, VIEW) == page_key(*ARGS, copy)


def test_any_change_of_what_the_page_is_made_of_changes_its_key():
    key = page_key(*ARGS, VIEW)
    edited = {"record": {"name": "Numeum", "rows": [{"value": Markup("<b>13 %</b>"), "n": 3}]}}
    assert page_key(*ARGS, edited) != key
    for i, other in enumerate(("other-site", "organisation/numeum/", "fr", {"title": "N"},
                               {"image": "b.png"})):  # fmt: skip
        args = list(ARGS)
        args[i] = other
        assert page_key(*args, VIEW) != key, i


def test_a_view_that_cannot_be_named_is_rendered_every_time():
    view = {"rows": (n for n in range(3))}  # a generator: pickle cannot write it
    assert page_key(*ARGS, view) != page_key(*ARGS, view)
