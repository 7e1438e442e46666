"""The build context: one data package read once, indexed once, for one build.

Created by the build layer at the start of each build (and by tests on fixture packages) and
passed down to every function that needs data. Nothing is cached at module level, so an
edited CSV is read again by the next build of `mkdocs serve`.
"""

import dataclasses
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..format.language import Language
from . import commitments, comparisons, paths
from .changelog import read_changelog
from .changes import Versions, versions
from .config import SiteConfig
from .editorial import Editorial
from .indexes import Index
from .listings import Parts
from .products import Products
from .records import Records, published_schema, read_descriptor, read_records
from .releases import NO_HISTORY, History, working_tree
from .urls import Urls

# Resources the package gained after its first release.
ADDED_SINCE_1_0 = ("commitments", "outcomes", "commitment_statuses", "outcome_results")
ADDED_SINCE_2_1 = ("segments", "featured_figures", "charts")
ADDED_SINCE_3_0 = ("preferred_figures",)


def descriptor_names(descriptor: dict) -> list[str]:
    return [r["name"] for r in descriptor["resources"]]


# Frozen: no field is reassigned once made. Context.open completes the records first (the
# computed fields of commitments and figures); what the build makes is in products.
@dataclass(frozen=True)
class Context:
    package: Path  # the datapackage.json read
    config: SiteConfig
    data: Records
    descriptor: dict
    index: Index
    parts: Parts
    urls: Urls
    languages: dict[str, Language]  # in the configuration's order, the default first
    changelog: list[dict]  # newest first
    versions: Versions  # the recorded releases, their diffs and each record's history
    editorial: Editorial  # featured figures and charts, from the package
    # What this build makes once and several pages or files use (products.py).
    products: Products = field(default_factory=Products)

    @classmethod
    def open(
        cls,
        package: Path,
        config: SiteConfig,
        history: History = NO_HISTORY,
        records: Records | None = None,
    ) -> "Context":
        """`history`: the package's releases (releases.read_history), read by the build layer;
        tests pass their own or none. `records`: the package's records as the validator typed
        them (check/validate.checked), or None to read them here (a release's bytes, tests)."""
        package = Path(package).resolve()
        data = read_records(package) if records is None else records
        changelog = read_changelog(paths.changelog(package))
        descriptor = read_descriptor(package)
        # Commitments get their status as of the release, and the published table its
        # computed columns: every page and download reads the same values.
        if "commitments" in descriptor_names(descriptor):
            commitments.track(data, changelog[0]["date"])
            res = next(r for r in descriptor["resources"] if r["name"] == "commitments")
            res["schema_data"] = commitments.published_schema(res["schema_data"])
        # A release from before a resource existed (regenerated from git for its permanent
        # downloads) reads as having none of it; the downloads list the release's own.
        for name in ADDED_SINCE_1_0 + ADDED_SINCE_2_1 + ADDED_SINCE_3_0:
            data.setdefault(name, {})
        for fig in data["figures"].values():
            for name in ("segment", "period", "period_precision", "part_of"):
                fig.setdefault(name, None)
        for chart in data["charts"].values():
            for name in ("geo", "compares_places", "compares_segments", "compares_actors"):
                chart.setdefault(name, None)
        # Figures whose sources differ name each other in a computed column, where the
        # schema describes it (a release from before 3.1 publishes its own columns only).
        figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
        if "computedFields" in figures["schema_data"]:
            comparisons.track(data)
            figures["schema_data"] = published_schema(figures["schema_data"], comparisons.COMPUTED)
        parts = Parts(data)
        return cls(
            package=package,
            config=config,
            data=data,
            descriptor=descriptor,
            index=Index(data),
            parts=parts,
            urls=Urls(config, parts),
            languages={code: Language.load(code) for code in config.languages},
            changelog=changelog,
            versions=versions(history, working_tree(package) if history.releases else None),
            editorial=Editorial.read(data),
        )

    def packed(self) -> bytes:
        """The context as another process of the build receives it, pickled once: the data,
        without what this process made (its products)."""
        bare = lambda: dataclasses.replace(self, products=Products())  # noqa: E731
        return self.products.packed.get(
            lambda: pickle.dumps(bare(), protocol=pickle.HIGHEST_PROTOCOL)
        )

    def fingerprint(self) -> str:
        """The SHA-256 of everything the context holds (its packed bytes): the key of the
        outputs made from the whole package (data/cache.py)."""
        return self.products.fingerprint.get(lambda: hashlib.sha256(self.packed()).hexdigest())

    @property
    def released(self):
        """The date of the latest release: every date the outputs stamp, never "now"."""
        return self.changelog[0]["date"]

    @property
    def version(self) -> str:
        return self.descriptor["version"]

    def described(self, obj: dict, key: str, lang: str) -> str:
        """A descriptor's or schema's text in a language: `title_en`, or `title` (French)."""
        return obj.get(f"{key}_{lang}") or obj[key]

    def resource(self, name: str) -> dict:
        """The descriptor's entry for a resource, with its schema read in."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def fields(self, resource: str) -> list[dict]:
        return self.resource(resource)["schema_data"]["fields"]

    def label(self, code_list: str, code, lang: str) -> str:
        """A code's label in a language ('' for no code)."""
        return self.data[code_list][code][f"label_{lang}"] or "" if code else ""
