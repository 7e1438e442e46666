"""The build context of one MkDocs build, created when the build starts and kept on its config.

The default language's build validates and reads the package; each other language's build,
started by it (languages.py), receives that context, set on its config before it starts.
`mkdocs serve` loads a new config for every rebuild: so a context kept on the config lives
exactly as long as one build.
"""

import dataclasses
import logging
import pickle
import sys
from dataclasses import dataclass

from mkdocs.exceptions import Abort

from ..check.report import as_text
from ..check.validate import checked
from ..data.context import Context
from ..data.products import Products
from ..data.releases import FIXES, NO_HISTORY, read_history
from ..format.language import both_languages
from .config import history_wanted, package_path, site_config

log = logging.getLogger("mkdocs.briefing")
ATTRIBUTE = "briefing_context"


@dataclass(frozen=True)
class Invalid:
    """The package of this build did not validate (live preview only)."""

    package: str
    problems: list


# The MkDocs command of this process, told by the on_startup hook (not read from sys.argv,
# where options may come before it).
COMMAND = {"name": "build"}


def serving() -> bool:
    return COMMAND["name"] == "serve"


def start(config) -> Context | Invalid:
    """Validate the package and read it, once per build (a language build started by the
    default one already has the context on its config).

    An invalid package stops `mkdocs build` before anything is written. Under `mkdocs serve`
    the build goes on without data: every page shows the problems (hooks.py) until the
    package is fixed, and the terminal prints them.
    """
    existing = getattr(config, ATTRIBUTE, None)
    if existing is not None:
        return existing
    package = package_path()
    problems, records = checked(package)
    if problems:
        message = both_languages("notice_invalid")
        if not serving():
            log.error("\n" + as_text(problems, package))
            raise Abort(f"{message} ({both_languages('notice_not_built')}): {package}")
        # Printed, not logged: MkDocs' strict mode would turn a logged error into an abort,
        # and the preview would then hang on the last request instead of showing the problems.
        print(f"\n{as_text(problems, package)}\n{message}: {package}\n", file=sys.stderr)
        context = Invalid(str(package), problems)
        setattr(config, ATTRIBUTE, context)
        return context
    history = read_history(package) if history_wanted() else NO_HISTORY
    context = Context.open(package, site_config(config), history, records)
    versions = context.versions
    if versions.releases:
        print(
            f"Versions: {', '.join(r.version for r in versions.releases)}"
            + (" + unreleased changes" if versions.unreleased else ""),
            file=sys.stderr,
        )
    elif history.notice:
        # Printed, not logged (MkDocs' strict mode aborts on a logged warning): building
        # without history is normal in a shallow clone, and the data page says the same.
        listed = ", ".join(r.version for r in history.records)
        fix = FIXES[history.notice]
        notice = both_languages(
            f"notice_{history.notice}", tuple(context.languages), versions=listed, fix=fix
        )
        print(f"Versions: {notice}", file=sys.stderr)
    setattr(config, ATTRIBUTE, context)
    return context


def packed(build: "Context | Invalid") -> bytes:
    """The context as the other processes of the build receive it, pickled once for all of
    them: the data, without what this process made for its pages."""
    if isinstance(build, Context):
        build = dataclasses.replace(build, products=Products())
    return pickle.dumps(build, protocol=pickle.HIGHEST_PROTOCOL)


def hand(config, context: "Context | Invalid") -> None:
    """Give a language build the context its default language's build read."""
    setattr(config, ATTRIBUTE, context)


def current(config) -> Context | Invalid | None:
    """This build's context (None before it starts)."""
    return getattr(config, ATTRIBUTE, None)
