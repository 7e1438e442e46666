"""One embeddable page per chart and language (embed/<chart>/ under each language's
root): the chart, its title, its sources and a link back, without the site's navigation,
search or scripts, under the same Content-Security-Policy; it fits an iframe from 320 to
600 pixels wide and makes no request to another host."""

from ..data.context import Context
from . import charts, render, security
from .page import Page


def page(ctx: Context, chart_id: str, lang: str) -> str:
    here = ctx.urls.site_path(lang, charts.embed_path(chart_id))
    view = Page(ctx, lang, here)
    html = render.render(
        "embed.html",
        view,
        chart=render.chart(chart_id, view),
        site_name=ctx.config.site_name(lang),
        home=view.absolute(ctx.urls.page("home", lang)),
    )
    return security.add_csp(ctx.languages[lang].typeset_html(html))


def files(ctx: Context) -> dict[str, bytes]:
    return {
        ctx.urls.site_path(lang, charts.embed_path(i)) + "index.html": page(ctx, i, lang).encode()
        for lang in ctx.languages
        for i in (c.id for c in ctx.editorial.charts)
    }
