"""The page shown instead of every page while the live preview's package is invalid."""

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..data import paths


def problems_page(problems: list, package: str) -> str:
    env = Environment(
        loader=FileSystemLoader(paths.TEMPLATES),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )
    return env.get_template("problems.html").render(problems=problems, package=package)
