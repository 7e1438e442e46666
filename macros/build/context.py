"""The build context of one MkDocs build, created when the build starts and kept on its config.

static-i18n runs every plugin once per language by calling MkDocs' build again with the same
config object, and `mkdocs serve` loads a new config for every rebuild: so a context kept on the
config lives exactly as long as one build, every language included.
"""

import logging

from mkdocs.exceptions import Abort

from ..check.validate import validate
from ..check.report import as_text
from ..data.context import Context
from .config import package_path, site_config

log = logging.getLogger("mkdocs.briefing")
ATTRIBUTE = "briefing_context"


def start(config) -> Context:
    """Validate the package and read it, once per build; later language passes reuse it.

    An invalid package stops the build before anything is written: `mkdocs serve` then keeps
    serving the last good site and prints the problems.
    """
    existing = getattr(config, ATTRIBUTE, None)
    if existing is not None:
        return existing
    package = package_path()
    problems = validate(package)
    if problems:
        log.error("\n" + as_text(problems))
        raise Abort(
            f"Paquet de données invalide, site non construit / Invalid data package, site not built: {package}"
        )
    context = Context.open(package, site_config(config))
    setattr(config, ATTRIBUTE, context)
    return context


def current(config) -> Context:
    return getattr(config, ATTRIBUTE)


def language(config) -> str:
    """The language of this pass of the build (static-i18n builds one language at a time)."""
    return config.plugins["i18n"].current_language
