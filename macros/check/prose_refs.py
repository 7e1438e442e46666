"""Records the prose pages name: `figure_value("…")`, `figure_deadline("…")` and
`event_date("…")` in docs/*.md. Checked when the package is the project's own, so that
renaming or removing such a record is a located problem before the build, not an error in it.
"""

import re
from datetime import date

from ..data import paths
from .raw import RawPackage
from .report import problem

MACRO = re.compile(r"\b(figure_value|figure_deadline|event_date)\(\s*[\"']([^\"']+)[\"']")
RESOURCE = {"figure_value": "figures", "figure_deadline": "figures", "event_date": "announcements"}


def prose_records(pkg: RawPackage, today: date):
    if pkg.base.resolve() != paths.PACKAGE.parent.resolve() or not paths.DOCS.is_dir():
        return
    ids = {
        name: {row["id"] for _, row in table.rows}
        for name in set(RESOURCE.values())
        if (table := pkg.tables.get(name))
    }
    for page in sorted(paths.DOCS.glob("*.md")):
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for m in MACRO.finditer(line):
                resource = RESOURCE[m[1]]
                if m[2] not in ids.get(resource, set()):
                    where = f"docs/{page.name}"
                    yield problem(
                        where, n, None, "prose-unknown-record", id=m[2], resource=resource
                    )
