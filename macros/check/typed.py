"""The package's cells typed once, by frictionless's own field readers, from the rows raw.py
read: every Table Schema type and option (year, trueValues, decimalChar, groupChar,
missingValues) read and constrained as frictionless reads them, numbers as Decimals that keep
their written precision. The keys (primary key, unique fields, foreign keys) are checked on
the typed values. The records it returns are the ones the build uses: the package is read
once, whether it is valid or not.
"""

import re
from functools import cache

from ..data.records import Record, Records, cell_readers
from .raw import RawPackage, Table
from .report import Problem, problem

CONSTRAINT = re.compile(r'constraint "(?P<constraint>\w+)" is "(?P<value>.*)"', re.S)
# A date written as a year or a month alone: the message says what to write instead.
PARTIAL_DATE = {"year": re.compile(r"\d{4}"), "month": re.compile(r"\d{4}-\d{2}")}


def _cell_problem(rel: str, line: int, field: dict, cell: str, notes: dict, names) -> Problem:
    """One cell's type or constraint failure, worded as the validator words frictionless's."""
    column = field["name"]
    if "type" in notes:
        if field.get("type") == "date" and (partial := _partial_date(cell, column, names)):
            code, params = partial
            return problem(rel, line, column, code, **params)
        return problem(rel, line, column, "type-error", cell=cell, type=field.get("type", "string"))
    constraint, note = next(iter(notes.items()))
    value = m["value"] if (m := CONSTRAINT.search(note)) else ""
    if constraint == "required":
        return problem(rel, line, column, "required")
    if constraint in ("pattern", "minimum", "enum"):
        return problem(rel, line, column, constraint, cell=cell, value=value)
    if constraint == "maxLength":
        return problem(rel, line, column, "maxLength", length=len(cell), value=value)
    return problem(rel, line, column, "constraint", cell=cell, constraint=constraint, value=value)


def _partial_date(cell: str, column: str, names) -> tuple | None:
    """A year ("2024") or a month ("2024-06") written where a date goes: the problem that
    says to write its first day, with the precision in the column beside it if there is one."""
    for precision, shape in PARTIAL_DATE.items():
        if shape.fullmatch(cell.strip()):
            first_day = (cell.strip() + "-01-01")[:10]
            beside = f"{column}_precision"
            if beside in names:
                return ("date-" + precision, {"cell": cell, "date": first_day, "field": beside})
            return ("date-partial", {"cell": cell, "date": first_day})
    return None


def _fields(names) -> list[str]:
    return [names] if isinstance(names, str) else list(names)


def _shown(values) -> str:
    return ", ".join("" if v is None else str(v) for v in values)


def _typed_table(table: Table) -> tuple[list[tuple[int, Record]], list[Problem]]:
    fields = {f["name"]: f for f in table.schema.get("fields", [])}
    readers = cell_readers(table.schema)
    rows, problems = [], []
    for line, row in table.rows:
        if not any(row.values()):
            problems.append(problem(table.path, line, None, "blank-row"))
            continue
        record = Record()
        for name, read in readers:
            cell = row.get(name, "")
            value, notes = read(cell)
            record[name] = value
            if notes:
                problems.append(_cell_problem(table.path, line, fields[name], cell, notes, fields))
        rows.append((line, record))
    return rows, problems


def _unique(table: Table, rows) -> list[Problem]:
    """The primary key and each unique field: a value seen before is a problem on its row."""
    keys = []
    if primary := table.schema.get("primaryKey"):
        keys.append(_fields(primary))
    keys += [
        [f["name"]]
        for f in table.schema.get("fields", [])
        if f.get("constraints", {}).get("unique")
    ]
    problems = []
    for names in {tuple(k): None for k in keys}:
        seen = set()
        for line, record in rows:
            value = tuple(record[n] for n in names)
            if all(v is None for v in value):
                continue
            if value in seen:
                problems.append(
                    problem(table.path, line, ", ".join(names), "unique", cell=_shown(value))
                )
            seen.add(value)
    return problems


def _foreign_keys(table: Table, typed: dict, known) -> list[Problem]:
    """`known(target, fields)`: the set of values those fields take in that resource."""
    problems = []
    for key in table.schema.get("foreignKeys", []):
        names = _fields(key["fields"])
        reference = key.get("reference", {})
        target = reference.get("resource") or table.name  # "": the table itself
        if target not in typed:
            continue  # a missing resource is raw.py's problem
        values = known(target, tuple(_fields(reference.get("fields", names))))
        for line, record in typed[table.name]:
            value = tuple(record.get(n) for n in names)
            if any(v is None for v in value) or value in values:
                continue
            problems.append(
                problem(
                    table.path,
                    line,
                    ", ".join(names),
                    "foreign-key",
                    cell=_shown(value),
                    target=target,
                )
            )
    return problems


def type_package(pkg: RawPackage) -> tuple[Records, list[Problem]]:
    """{resource: {id: typed record}} and the problems of types, constraints and keys."""
    typed, problems = {}, []
    for name, table in pkg.tables.items():
        typed[name], found = _typed_table(table)
        problems += found

    # The values a key refers to, once per resource and fields (many keys share a code list).
    @cache
    def known(target: str, names: tuple) -> set:
        return {tuple(r.get(n) for n in names) for _, r in typed[target]}

    for name, table in pkg.tables.items():
        problems += _unique(table, typed[name])
        problems += _foreign_keys(table, typed, known)
    records = {name: {r.get("id"): r for _, r in rows} for name, rows in typed.items()}
    return records, problems
