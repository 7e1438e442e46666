"""A draft changelog entry in French and English, written from a diff for the maintainer to
edit: one line per resource that changed, naming the records and fields."""

from datetime import date

from ..data.changes import Changes

SHOWN = 8  # ids named per kind of change; the rest are counted

WORDS = {
    "fr": {
        "added": ("ajouté", "ajoutés"),
        "changed": ("modifié", "modifiés"),
        "removed": ("retiré", "retirés"),
        "fields_added": "champs ajoutés",
        "fields_removed": "champs retirés",
        "new_resource": "nouvelle ressource",
        "removed_resource": "ressource retirée",
        "colon": " : ",
        "more": "et {n} autres",
    },
    "en": {
        "added": ("added", "added"),
        "changed": ("changed", "changed"),
        "removed": ("removed", "removed"),
        "fields_added": "fields added",
        "fields_removed": "fields removed",
        "new_resource": "new resource",
        "removed_resource": "resource removed",
        "colon": ": ",
        "more": "and {n} more",
    },
}


def _ids(ids: list[str], w: dict) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown + (f", {w['more'].format(n=len(ids) - SHOWN)}" if len(ids) > SHOWN else "")


def line(name: str, r, lang: str) -> str:
    w = WORDS[lang]
    parts = []
    if r.status == "added":
        parts.append(w["new_resource"])
    if r.status == "removed":
        parts.append(w["removed_resource"])
    for key in ("fields_added", "fields_removed"):
        if getattr(r, key):
            parts.append(f"{w[key]} ({', '.join(getattr(r, key))})")
    for kind in ("added", "changed", "removed"):
        ids = list(getattr(r, kind))
        if kind == "changed":  # with the fields that changed
            ids = [f"{rid} [{', '.join(fields)}]" for rid, fields in r.changed.items()]
        if ids and not (kind == "removed" and r.status == "removed"):
            one, many = w[kind]
            parts.append(f"{len(ids)} {one if len(ids) == 1 else many} ({_ids(ids, w)})")
    return f"`{name}`{w['colon']}{'; '.join(parts)}."


def entry(version: str, day: date, changes: Changes) -> str:
    """The Markdown of the entry, in the changelog's format (data/changelog.py)."""
    lines = [f"## {version} - {day.isoformat()}", ""]
    changed = {n: r for n, r in changes.resources.items() if r.status != "unchanged"}
    for name, r in changed.items():
        for lang in ("fr", "en"):
            lines.append(f"- [{lang}] {line(name, r, lang)}")
    return "\n".join(lines) + "\n"
