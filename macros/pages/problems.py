"""The page shown instead of every page while the live preview's package is invalid."""

from .render import templates


def problems_page(problems: list, package: str) -> str:
    # No build context exists for an invalid package: a fresh template environment.
    return templates().get_template("problems.html").render(problems=problems, package=package)
