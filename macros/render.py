"""View models: typed records -> plain dicts for the Jinja templates, per language."""

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import i18n, paths
from .load import load


@cache
def templates() -> Environment:
    # Own environment with autoescape: data never reaches HTML unescaped.
    env = Environment(
        loader=FileSystemLoader(paths.TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = i18n.label
    return env


def figure_view(fig, lang: str) -> dict:
    data = load()
    unit = data["units"][fig.unit]
    return {
        "id": fig.id,
        "label": i18n.text(fig, "label", lang),
        "value": i18n.value(fig, unit, lang),
        "kind": i18n.text(data["figure_kinds"][fig.kind], "label", lang),
        "scope": i18n.text(fig, "scope", lang),
        "place": i18n.text(data["places"][fig.geo], "label", lang),
        "source": data["sources"][fig.source_id],
        "quote": fig.quote,
    }


HOME_FIGURES = (
    "ai-training-target-300000",
    "france-ai-investment-109bn",
    "eu-ai-investment-200bn",
    "france-ai-adoption-all",
    "eu-ai-adoption-target-2030",
    "denmark-ai-adoption-all",
)


def home_figures(lang: str) -> str:
    figures = [figure_view(load()["figures"][i], lang) for i in HOME_FIGURES]
    return templates().get_template("figure_cards.html").render(figures=figures, lang=lang)
