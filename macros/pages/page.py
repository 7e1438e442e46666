"""What a view needs to know about the page being rendered: the build, the language, the URL."""

from dataclasses import dataclass
from urllib.parse import urlencode

from ..data.context import Context
from ..data.urls import relative
from ..format.language import Language


@dataclass(frozen=True)
class Page:
    build: Context
    lang: str
    here: str  # URL of the current page, e.g. "en/figures/"

    @property
    def data(self):
        return self.build.data

    @property
    def urls(self):
        return self.build.urls

    @property
    def fmt(self) -> Language:
        return self.build.languages[self.lang]

    def link(self, target: str) -> str:
        """A path from the site root, made relative to this page (works under any base path)."""
        return relative(target, self.here)

    def absolute(self, target: str) -> str:
        return self.build.urls.absolute(target)

    def t(self, key: str, **params) -> str:
        return self.fmt.t(key, **params)

    def c(self, key: str) -> str:
        """A label followed by a colon, spaced as the language wants ('Source :' / 'Source:')."""
        return self.fmt.colon(self.fmt.t(key))

    def label(self, code_list: str, code) -> str:
        return self.build.label(code_list, code, self.lang)

    def report(self, record_id: str, kind: str) -> str:
        """Link to the "report an error" issue form, prefilled with the record's id."""
        repo = self.build.config.repo_url
        if not repo:
            return ""
        query = urlencode(
            {
                "template": "report-error.yml",
                "record_id": record_id,
                "record_kind": kind,
                "title": f"[{kind}] {record_id}",
            }
        )
        return f"{repo.rstrip('/')}/issues/new?{query}"
