"""A draft changelog entry in French and English, written from a diff for the maintainer to
edit: one line per resource that changed, naming the records and fields (the words are the
interface catalogues', format/locales/)."""

from datetime import date

from ..data.changes import Changes, ResourceChanges
from ..format.language import LANGUAGES, Language

SHOWN = 8  # ids named per kind of change; the rest are counted


def _ids(ids: list[str], lang: Language) -> str:
    shown = ", ".join(ids[:SHOWN])
    rest = len(ids) - SHOWN
    return shown + (", " + lang.t("draft_more", n=lang.number(rest)) if rest > 0 else "")


def line(name: str, r: ResourceChanges, lang: Language) -> str:
    parts = []
    if r.status in ("added", "removed"):
        parts.append(lang.t(f"draft_{'new' if r.status == 'added' else 'removed'}_resource"))
    for key in ("fields_added", "fields_removed"):
        if fields := getattr(r, key):
            parts.append(lang.t(f"draft_{key}", fields=", ".join(fields)))
    kinds = {
        "added": list(r.added),
        # with the fields that changed
        "changed": [f"{rid} [{', '.join(fields)}]" for rid, fields in r.changed.items()],
        "removed": list(r.removed) if r.status != "removed" else [],
    }
    for kind, ids in kinds.items():
        if ids:
            parts.append(lang.plural(f"draft_{kind}", len(ids), ids=_ids(ids, lang)))
    return f"{lang.colon(f'`{name}`')} {'; '.join(parts)}."


def entry(version: str, day: date, changes: Changes) -> str:
    """The Markdown of the entry, in the changelog's format (data/changelog.py)."""
    languages = [Language.load(code) for code in LANGUAGES]
    lines = [f"## {version} - {day.isoformat()}", ""]
    for name, r in changes.resources.items():
        if r.status != "unchanged":
            lines += [f"- [{lang.code}] {line(name, r, lang)}" for lang in languages]
    return "\n".join(lines) + "\n"
