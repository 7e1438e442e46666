"""mkdocs-macros entry point: wiring only. The work lives in the sibling modules."""

from . import i18n, load, render


def define_env(env):
    # Language is read at render time: define_env runs once per language build.
    def lang():
        return env.page.file.locale if env.page and getattr(env.page.file, "locale", None) else "fr"

    env.macro(lambda: render.home_figures(lang()), "home_figures")
    env.macro(lambda key, **p: i18n.label(key, lang(), **p), "t")
    env.variables["data"] = load.load()
