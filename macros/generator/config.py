"""The site configuration (languages, names, addresses) read from the MkDocs configuration.

mkdocs.yml lists the site's languages (the briefing plugin's `languages`, the default first)
and builds the default one; each other language has its own mkdocs.<lang>.yml, which inherits mkdocs.yml and
sets `theme.language`. A build's language is its theme's language.
"""

from pathlib import Path

from ..data import paths
from ..data.config import SiteConfig
from ..format.language import LANGUAGES, both_languages


def language(config) -> str:
    """The language this MkDocs build makes: its theme's."""
    return config.theme["language"]


def languages(config) -> tuple[str, ...]:
    return tuple(config.plugins["briefing"].config.languages)


def check_languages(config) -> None:
    """The plugin's languages, checked when a configuration loads: a list without repeats,
    this build's language in it (the first one for mkdocs.yml), and every other language with
    a mkdocs.<lang>.yml that sets its theme's language."""
    import yaml
    from mkdocs.exceptions import PluginError

    listed, lang = languages(config), language(config)
    wrong = []
    if set(listed) - set(LANGUAGES):
        wrong.append(f"{listed}: {', '.join(LANGUAGES)}")
    if not listed or len(set(listed)) != len(listed) or lang not in listed:
        wrong.append(f"{listed} ({lang})")
    elif Path(config.config_file_path).name == "mkdocs.yml" and lang != listed[0]:
        wrong.append(f"mkdocs.yml: {lang} != {listed[0]}")
    for other in listed[1:]:
        path = config_file(config, other)
        theme = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        if not isinstance(theme, dict) or (theme.get("theme") or {}).get("language") != other:
            wrong.append(f"{path.name}: theme.language != {other}")
    if wrong:
        raise PluginError(f"{both_languages('notice_languages')}: {'; '.join(wrong)}")


def config_file(config, lang: str) -> Path:
    """The MkDocs configuration of another language: mkdocs.<lang>.yml beside this one's."""
    return Path(config.config_file_path).with_name(f"mkdocs.{lang}.yml")


def root_url(config) -> str:
    """The site's address: a language other than the default lives under <site_url>/<lang>/."""
    url = (config.site_url or "/").rstrip("/") + "/"
    lang = language(config)
    if lang != languages(config)[0]:
        url = url.removesuffix(f"{lang}/")
    return url


def language_url(config) -> str:
    """The address of this build's language: the root, or <root>/<lang>/."""
    lang = language(config)
    root = root_url(config)
    return root if lang == languages(config)[0] else f"{root}{lang}/"


def site_config(config) -> SiteConfig:
    """From a loaded MkDocs config (each language's name comes from its catalogue)."""
    return SiteConfig(
        languages=languages(config),
        site_url=root_url(config),
        repo_url=config.repo_url or "",
    )


def load_site_config(mkdocs_yml: Path = paths.MKDOCS_YML, **overrides) -> SiteConfig:
    """Read mkdocs.yml the way MkDocs does (tests, scripts)."""
    from mkdocs.config import load_config

    config = load_config(str(mkdocs_yml))
    site = site_config(config)
    return SiteConfig(**(site.__dict__ | overrides))
