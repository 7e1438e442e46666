"""`make diff BASE=<git ref>`: what the working tree changes in the data against BASE, for a
reviewer, as Markdown in French and English: per resource the records added, changed (old
-> new per field) and removed; the commitments whose status would change; the pages
affected, as site paths; the problems the validator finds.

The same record-by-record comparison as the releases' changes.json (data/changes.py), on the
package folder at BASE (from git) and on the working tree.
"""

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..check.validate import validate
from ..data.changes import Changes, compare
from ..data.context import Context
from ..data.listings import LISTINGS
from ..data.releases import Snapshot, git, working_tree
from ..format.language import LANGUAGES, Language
from .flow import CONFIG

# Where a record of each resource shows (listings by name, "record" for its own page);
# anything else (code lists) shows in the data dictionary.
SHOWN_ON = {
    "figures": ("figures",),
    "announcements": ("timeline",),
    "commitments": ("commitments",),
    "outcomes": ("commitments",),
    "organisations": ("record", "organisations"),
    "people": ("record", "people"),
    "sources": ("sources",),
    "featured_figures": ("home", "briefing"),
    "charts": ("charts", "home"),
}


# A role or a relation shows on the record pages of the person and organisations it links.
LINKED = {
    "roles": (("people", "person_id"), ("organisations", "organisation_id")),
    "relations": (("organisations", "organisation_id"), ("organisations", "target_id")),
}


class BaseMissing(Exception):
    """BASE is not a commit of this repository, or holds no package."""


def snapshot_at(package: Path, ref: str) -> Snapshot:
    """The package folder as committed at `ref`."""
    folder = package.resolve().parent
    try:
        top = Path(git(folder, "rev-parse", "--show-toplevel").decode().strip())
        raw = git(top, "archive", "--format=tar", ref, "--", folder.relative_to(top).as_posix())
    except subprocess.CalledProcessError as exc:
        raise BaseMissing(exc.stderr.decode(errors="replace").strip()) from None
    prefix = folder.relative_to(top).as_posix() + "/"
    files = {}
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix(prefix)
            if member.isfile() and not name.startswith("releases/"):
                files[name] = tar.extractfile(member).read()
    if "datapackage.json" not in files:
        raise BaseMissing(f"{ref}: no datapackage.json")
    return Snapshot(Snapshot(ref, None, files).descriptor.get("version", ""), None, files)


def _statuses(ctx: Context) -> dict[str, str]:
    """Each commitment's status as the package states it (as of its latest release)."""
    return {c.id: c.status for c in ctx.data.get("commitments", {}).values()}


def _pages(changes: Changes, ctx: Context) -> list[str]:
    """The site paths (both languages) of the pages the changed records show on."""
    paths = set()
    for name, res in changes.resources.items():
        ids = [*res.added, *res.changed, *res.removed]
        if not ids and res.status == "unchanged":
            continue
        for lang in ctx.languages:
            if name in LINKED:  # a role or relation shows on the pages of whom it links
                for rid in ids:
                    rec = ctx.data[name].get(rid)
                    for resource, column in LINKED[name] if rec else ():
                        if rec[column] in ctx.data[resource]:
                            paths.add(ctx.urls.record(resource, rec[column], lang))
                continue
            for where in SHOWN_ON.get(name, ("dictionary",)):
                if where == "record":
                    kept = [i for i in ids if i in ctx.data[name]]  # removed: no page left
                    paths |= {ctx.urls.record(name, i, lang) for i in kept}
                elif where in LISTINGS:
                    kept = [i for i in ids if i in ctx.data.get(name, {})]
                    paths |= {ctx.urls.listed(where, i, lang).split("#")[0] for i in kept}
                    if len(kept) < len(ids):  # a removed record: the listing's first part
                        paths.add(ctx.urls.page(where, lang))
                else:
                    paths.add(ctx.urls.page(where, lang))
    return sorted("/" + p for p in paths)


def review(package: Path, base: str) -> tuple[str, bool]:
    """The Markdown report, and whether the package is valid; raises BaseMissing for a BASE
    git cannot read."""
    package = Path(package).resolve()
    old, new = snapshot_at(package, base), working_tree(package)
    changes = compare(old, new)
    problems = validate(package)
    moved, pages, label = {}, [], None
    if not problems:  # an invalid package is not read further: its problems are the report
        ctx = Context.open(package, CONFIG)
        with tempfile.TemporaryDirectory() as tmp:
            before = _statuses(Context.open(old.write(Path(tmp)), CONFIG))
        moved = {
            cid: (before.get(cid), status)
            for cid, status in _statuses(ctx).items()
            if before.get(cid) != status
        }
        pages = _pages(changes, ctx)
        label = ctx.label
    report = "\n".join(
        _section(Language.load(lang), base, changes, moved, pages, problems, lang, label)
        for lang in LANGUAGES
    )
    return report, not problems


def _section(t: Language, base, changes: Changes, moved, pages, problems, lang, label) -> str:
    out = [f"## {t.t('diff_title', base=base)}", ""]
    touched = {n: r for n, r in changes.resources.items() if r.status != "unchanged"}
    if not touched:
        out += [t.t("diff_none"), ""]
    for name, res in touched.items():
        out.append(f"### `{name}`")
        out.append("")
        for rid in res.added:
            out.append(f"- {t.t('diff_added')} `{rid}`")
        for rid, fields in res.changed.items():
            out.append(f"- {t.t('diff_changed')} `{rid}`")
            for field, (was, now) in fields.items():
                out.append(f"  - `{field}`: {_cell(was)} → {_cell(now)}")
        for rid in res.removed:
            out.append(f"- {t.t('diff_removed')} `{rid}`")
        for field in res.fields_added:
            out.append(f"- {t.t('diff_field_added')} `{field}`")
        for field in res.fields_removed:
            out.append(f"- {t.t('diff_field_removed')} `{field}`")
        out.append("")
    if moved:
        out += [f"### {t.t('diff_statuses')}", ""]
        for cid, (was, now) in sorted(moved.items()):
            was_text = label("commitment_statuses", was, lang) if was else t.t("diff_new")
            out.append(f"- `{cid}`: {was_text} → {label('commitment_statuses', now, lang)}")
        out.append("")
    if pages:
        out += [f"### {t.t('diff_pages')}", ""] + [f"- `{p}`" for p in pages] + [""]
    out += [f"### {t.t('diff_problems')}", ""]
    if problems:
        for p in problems:
            where = p.file + (f":{p.line}" if p.line else "")
            column = f" (`{p.column}`)" if p.column else ""
            out.append(f"- `{where}`{column} {p.message(lang)}")
    else:
        out.append(t.t("diff_valid"))
    out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    """A cell's old or new text, shown whole on one line (empty says so)."""
    if text in ("", None):
        return "∅"
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"
