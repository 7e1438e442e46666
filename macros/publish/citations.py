"""The dataset's citations: BibTeX and CSL-JSON (for Zotero and reference managers)."""

from ..data.context import Context
from .dataset import dates, publisher_name


def bibtex(ctx: Context) -> str:
    # BibTeX reads "&" as a table column separator: escape it.
    pkg = {k: v.replace("&", r"\&") if isinstance(v, str) else v for k, v in ctx.descriptor.items()}
    publisher = publisher_name(ctx).replace("&", r"\&")
    _, modified = dates(ctx)
    return (
        f"@misc{{{pkg['name'].replace('-', '_')}_{pkg['version'].replace('.', '_')},\n"
        f"  title = {{{{{pkg['title']}}} / {{{pkg['title_en']}}}}},\n"
        f"  author = {{{{{publisher}}}}},\n"
        f"  year = {{{modified.year}}},\n"
        f"  version = {{{pkg['version']}}},\n"
        f"  howpublished = {{\\url{{{ctx.config.base}data/}}}},\n"
        f"  note = {{{pkg['licenses'][0]['title']}}}\n"
        "}\n"
    )


def csl_json(ctx: Context) -> list[dict]:
    pkg = ctx.descriptor
    _, modified = dates(ctx)
    return [
        {
            "id": f"{pkg['name']}-{pkg['version']}",
            "type": "dataset",
            "title": pkg["title"],
            "title-short": pkg["title_en"],
            "author": [{"literal": publisher_name(ctx)}],
            "issued": {"date-parts": [[modified.year, modified.month, modified.day]]},
            "version": pkg["version"],
            "URL": ctx.config.base + "data/",
            "license": pkg["licenses"][0]["title"],
        }
    ]
