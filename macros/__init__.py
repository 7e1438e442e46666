"""mkdocs-macros entry point: wiring only. The work lives in the sibling modules."""

from . import i18n, render
from .views import Ctx


def define_env(env):
    # The language is read at render time: define_env runs once per language build.
    def ctx() -> Ctx:
        page = env.page
        lang = getattr(page.file, "locale", None) or env.conf["theme"]["language"]
        conf = env.conf
        return Ctx(
            lang=lang,
            here=page.url,
            site_url=conf["site_url"] or "",
            repo_url=conf["repo_url"] or "",
        )

    for name in (
        "home_figures",
        "latest_announcements",
        "chart_block",
        "all_charts",
        "key_figures",
        "targets",
        "timeline",
        "organisations",
        "organisation_page",
        "people",
        "person_page",
        "sources",
        "dictionary",
        "data_page",
    ):
        function = getattr(render, name)
        env.macro(lambda *args, _f=function, **kw: _f(*args, ctx=ctx(), **kw), name)
    env.macro(lambda key, **params: i18n.label(key, ctx().lang, **params), "t")
