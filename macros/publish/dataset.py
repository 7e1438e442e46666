"""The dataset as a whole: its publisher, its release dates, and the schema.org Dataset that
search engines read from the data page."""

from ..data.context import Context
from .downloads import downloads


def publisher_name(ctx: Context) -> str:
    return ctx.config.site_name(ctx.config.default)


def dates(ctx: Context) -> tuple:
    """issued (first release), modified (latest release)."""
    return ctx.changelog[-1]["date"], ctx.changelog[0]["date"]


def schema_org(ctx: Context) -> dict:
    """The schema.org Dataset that search engines read from the data page."""
    pkg, base = ctx.descriptor, ctx.config.base
    issued, modified = dates(ctx)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": pkg["title"],
        "alternateName": pkg["title_en"],
        "description": f"{pkg['description']} / {pkg['description_en']}",
        "url": base + "data/",
        "version": pkg["version"],
        "datePublished": issued.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": list(ctx.languages),
        "keywords": pkg["keywords"],
        "license": pkg["licenses"][0]["path"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": publisher_name(ctx)},
        "spatialCoverage": {"@type": "Place", "name": "France"},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": d.media_type,
                "contentUrl": base + d.path,
                "contentSize": str(d.size),
            }
            for d in downloads(ctx)
            if not d.path.startswith("data/schemas/")
        ],
    }
