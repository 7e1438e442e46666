"""Validate a data package in steps: raw.py (files readable at all), the descriptor against
frictionless's profiles, typed.py (every cell typed and constrained by frictionless's own
field readers, and the keys), then rules.py (project rules). Returns located, bilingual
problems, and the typed records for the build."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..data.records import Records
from . import rules
from .comparison_rules import NOTICES
from .raw import RawPackage, read_package
from .report import Problem, problem
from .typed import type_package


def descriptor_problems(path: Path) -> list[Problem]:
    """The descriptor and its schemas against the Data Package and Table Schema profiles."""
    from frictionless import Package, system

    try:
        with system.use_context(trusted=False):
            report = Package.validate_descriptor(str(path))
    except Exception as exc:  # frictionless raises on descriptors it cannot load
        return [problem(path.name, None, None, "package-shape", detail=str(exc))]
    return [
        problem(path.name, None, None, "package-shape", detail=e.message) for e in report.errors
    ]


# Starts the project rules on a read package and returns what waits for their problems.
Rules = Callable[[RawPackage, date], Callable[[], list[Problem]]]


def _here(pkg: RawPackage, today: date) -> Callable[[], list[Problem]]:
    return lambda: rules.problems(pkg, today)


def validate(path: Path, today: date | None = None) -> list[Problem]:
    return checked(path, today)[0]


def checked(
    path: Path, today: date | None = None, project_rules: Rules = _here
) -> tuple[list[Problem], Records | None]:
    """The package's problems, and its records typed by its Table Schemas (None when it
    could not be read that far): the build uses them, so the package is read once.
    `project_rules`: where the project rules run; the build starts them in its pool, and
    they run there while this process types the cells."""
    problems, _, records = checked_with_notices(path, today, project_rules)
    return problems, records


def checked_with_notices(
    path: Path, today: date | None = None, project_rules: Rules = _here
) -> tuple[list[Problem], list[Problem], Records | None]:
    """Problems, notices (what a curator should look at, which never fails a check: sources
    that differ with no figure preferred) and the typed records."""
    try:
        return _validate(path, today or date.today(), project_rules)
    except Exception as exc:  # a case the stages above missed: still an answer, not a traceback
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return [problem(path.name, None, None, "internal-error", detail=detail)], [], None


def _validate(path: Path, today: date, project_rules: Rules):
    pkg, problems = read_package(path)
    if pkg is None or problems:
        return sorted(set(problems), key=_order), [], None
    problems = descriptor_problems(path)
    if problems:
        # The cells and the project rules need a well-formed descriptor and schemas.
        return sorted(set(problems), key=_order), [], None
    # The rules read the raw rows only: started first, they may run while the cells are typed.
    project_problems = project_rules(pkg, today)
    records, problems = type_package(pkg)
    # A cell flagged by a project rule keeps only the project's (more specific) message.
    project = project_problems()
    flagged = {(p.file, p.line, p.column) for p in project}
    problems = [p for p in problems if (p.file, p.line, p.column) not in flagged] + project
    notices = [n for rule in NOTICES for n in rule(pkg, today)]
    return sorted(set(problems), key=_order), sorted(set(notices), key=_order), records


def _order(p: Problem):
    return (p.file, p.line or 0, p.column or "", p.code, p.message_en)
