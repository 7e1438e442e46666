"""Languages and identity of the site, read from mkdocs.yml by the build layer and passed down.

Nothing else in the code names a language or the site: the default language and the
languages' order come from here, the site's name in each language from its catalogue.
"""

from dataclasses import dataclass, field

from ..format.language import catalogue


@dataclass(frozen=True)
class SiteConfig:
    languages: tuple[str, ...]  # the default language first
    # language -> site name; by default, each language's catalogue's
    site_names: dict[str, str] = field(default_factory=dict)
    site_url: str = "/"
    repo_url: str = ""  # empty: no "report an error" links

    @property
    def default(self) -> str:
        return self.languages[0]

    @property
    def base(self) -> str:
        """The site's address, ending in '/'."""
        return self.site_url.rstrip("/") + "/"

    def prefix(self, lang: str) -> str:
        """Where a language lives: the default at the root, the others under '<lang>/'."""
        if lang not in self.languages:
            raise KeyError(f"unknown language {lang!r}: the site has {self.languages}")
        return "" if lang == self.default else f"{lang}/"

    def site_name(self, lang: str) -> str:
        return self.site_names.get(lang) or catalogue(lang)["site_name"]
