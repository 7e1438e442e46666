"""The site configuration (languages, names, addresses) read from the MkDocs configuration."""

import os
from pathlib import Path

from ..data import paths
from ..data.config import SiteConfig


def site_config(config) -> SiteConfig:
    """From a loaded MkDocs config: mkdocs-static-i18n's languages, the default one first."""
    languages = config.plugins["i18n"].config.languages
    ordered = sorted(languages, key=lambda lang: not lang.default)
    return SiteConfig(
        languages=tuple(lang.locale for lang in ordered),
        site_names={lang.locale: lang.site_name or config.site_name for lang in ordered},
        site_url=config.site_url or "/",
        repo_url=config.repo_url or "",
    )


def load_site_config(mkdocs_yml: Path = paths.MKDOCS_YML, **overrides) -> SiteConfig:
    """Read mkdocs.yml the way MkDocs does (tests, scripts)."""
    from mkdocs.config import load_config

    config = load_config(str(mkdocs_yml))
    site = site_config(config)
    return SiteConfig(**(site.__dict__ | overrides))


def package_path() -> Path:
    """The package this build reads: BRIEFING_PACKAGE (benchmark, tests) or the project's own.

    Read when a build starts, never at import time.
    """
    return Path(os.environ.get("BRIEFING_PACKAGE") or paths.PACKAGE).resolve()


def history_wanted() -> bool:
    """Whether the build reads the package's releases from git (BRIEFING_HISTORY=off: no,
    for test builds of fixture packages that sit in this repository)."""
    return os.environ.get("BRIEFING_HISTORY", "on") != "off"
