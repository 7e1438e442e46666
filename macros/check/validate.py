"""Validate a data package in three steps: raw.py (files readable at all), frictionless (types,
constraints, keys), then rules.py (project rules). Returns located, bilingual problems."""

import re
from datetime import date
from pathlib import Path

from . import rules
from .raw import RawPackage, read_package
from .report import Problem, problem

CONSTRAINT = re.compile(r'constraint "(?P<constraint>\w+)" is "(?P<value>.*)"', re.S)


def _translate(error, table, rel: str) -> Problem:
    """Turn one frictionless error into a bilingual Problem located by line."""
    row_number = getattr(error, "row_number", None)
    line = (
        table.lines[row_number - 2]
        if table and row_number and 0 <= row_number - 2 < len(table.lines)
        else None
    )
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", "")
    note = getattr(error, "note", "") or ""
    if error.type == "type-error":
        return problem(
            rel, line, column, "type-error", cell=cell, type=getattr(error, "field_type", "")
        )
    if error.type == "constraint-error" and (m := CONSTRAINT.search(note)):
        constraint, value = m["constraint"], m["value"]
        if constraint == "required":
            return problem(rel, line, column, "required")
        if constraint in ("pattern", "minimum", "enum"):
            return problem(rel, line, column, constraint, cell=cell, value=value)
        if constraint == "maxLength":
            return problem(rel, line, column, "maxLength", length=len(str(cell)), value=value)
        return problem(
            rel, line, column, "constraint", cell=cell, constraint=constraint, value=value
        )
    if error.type in ("unique-error", "primary-key"):
        cells = getattr(error, "cells", None) or [cell]
        return problem(rel, line, column or "id", "unique", cell=", ".join(map(str, cells)))
    if error.type == "foreign-key":
        names = getattr(error, "field_names", []) or []
        cells = [str(c) for c in getattr(error, "field_cells", []) or []]
        target = error.reference_name if hasattr(error, "reference_name") else ""
        return problem(
            rel, line, ", ".join(names), "foreign-key", cell=", ".join(cells), target=target
        )
    if error.type == "blank-row":
        return problem(rel, line, None, "blank-row")
    return problem(rel, line, column, "frictionless", note=note or error.message, type=error.type)


def run_frictionless(path: Path, pkg: RawPackage) -> list[Problem]:
    from frictionless import Package, system

    problems = []
    try:
        with system.use_context(trusted=False):
            report = Package(str(path)).validate()
    except Exception as exc:  # frictionless raises on descriptors it cannot load
        return [problem(path.name, None, None, "package-shape", detail=str(exc))]
    for error in report.errors:
        problems.append(problem(path.name, None, None, "package-shape", detail=error.message))
    for task in report.tasks:
        table = pkg.tables.get(task.name)
        rel = table.path if table else task.place
        for error in task.errors:
            problems.append(_translate(error, table, rel))
    return problems


def validate(path: Path, today: date | None = None) -> list[Problem]:
    try:
        return _validate(path, today)
    except Exception as exc:  # a case the stages above missed: still an answer, not a traceback
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return [problem(path.name, None, None, "internal-error", detail=detail)]


def _validate(path: Path, today: date | None) -> list[Problem]:
    pkg, problems = read_package(path)
    if pkg is None or problems:
        return sorted(set(problems), key=_order)
    problems = run_frictionless(path, pkg)
    if any(p.code == "package-shape" for p in problems):
        # The project rules read a well-formed descriptor and schemas: fix those first.
        return sorted(set(problems), key=_order)
    # A cell flagged by a project rule keeps only the project's (more specific) message.
    project = list(rules.run(pkg, today))
    flagged = {(p.file, p.line, p.column) for p in project}
    problems = [p for p in problems if (p.file, p.line, p.column) not in flagged] + project
    return sorted(set(problems), key=_order)


def _order(p: Problem):
    return (p.file, p.line or 0, p.column or "", p.code, p.message_en)
