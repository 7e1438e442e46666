"""Read a data package as plain text rows, catching everything that would make tools crash.

Frictionless is only run on a package that passed these checks: a ragged row, broken quoting,
a BOM or a missing file gets one clear problem here instead of a traceback later.
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..format.language import in_languages
from .report import Problem, problem

# The resources the project rules know. A package may not add others or lack any.
ENTITIES = (
    "figures",
    "indicators",
    "announcements",
    "commitments",
    "outcomes",
    "organisations",
    "people",
    "roles",
    "relations",
    "sources",
)
CODE_LISTS = (
    "precisions",
    "places",
    "units",
    "periods",
    "qualifiers",
    "figure_kinds",
    "announcement_kinds",
    "organisation_kinds",
    "relation_types",
    "source_kinds",
    "commitment_statuses",
    "outcome_results",
    "segments",
)
# Editorial choices: what the home page, the one-page briefing and the charts feature.
EDITORIAL = ("featured_figures", "charts", "preferred_figures", "example_queries")
RESOURCES = ENTITIES + CODE_LISTS + EDITORIAL


@dataclass
class Table:
    name: str
    path: str  # relative to the package folder
    schema: dict
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line, row)


@dataclass
class RawPackage:
    base: Path
    descriptor: dict
    tables: dict[str, Table]


def _inside(base: Path, rel: str) -> Path | None:
    if not isinstance(rel, str) or "://" in rel or Path(rel).is_absolute():
        return None
    target = (base / rel).resolve()
    return target if target.is_relative_to(base.resolve()) else None


def _load_json(path: Path, label: str, code: str) -> tuple[dict | None, list[Problem]]:
    if not path.is_file():
        return None, [problem(label, None, None, "file-missing", path=label)]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [problem(label, getattr(exc, "lineno", None), None, code, detail=str(exc))]
    if not isinstance(data, dict):
        return None, [
            problem(
                label, None, None, "package-shape", detail=in_languages("detail_object_expected")
            )
        ]
    return data, []


def _schema_shape(schema: dict) -> dict | None:
    """What makes a schema unusable before any field is read, or None."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return in_languages("detail_fields_list")
    for i, f in enumerate(fields):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            return in_languages("detail_field_name", n=i + 1)
        if not isinstance(f.get("constraints", {}), dict):
            return in_languages("detail_constraints_object", name=f["name"])
        if not isinstance(f.get("type", "string"), str):
            return in_languages("detail_type_string", name=f["name"])
    return None


def _read_csv(base: Path, rel: str, schema: dict, name: str) -> tuple[Table | None, list[Problem]]:
    raw = (base / rel).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [problem(rel, 1, None, "bom")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [problem(rel, line, None, "encoding", position=exc.start)]
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, [])
        expected = [f.get("name") for f in schema.get("fields", [])]
        if header != expected:
            problems.append(
                problem(rel, 1, None, "header-mismatch", found=header, expected=expected)
            )
        table = Table(name, rel, schema, header)
        start = reader.line_num + 1
        for cells in reader:
            if cells and len(cells) != len(header):
                problems.append(
                    problem(rel, start, None, "ragged-row", found=len(cells), expected=len(header))
                )
            elif cells:
                table.rows.append((start, dict(zip(header, cells, strict=True))))
            start = reader.line_num + 1
    except csv.Error as exc:
        return None, [problem(rel, reader.line_num, None, "csv-syntax", detail=exc)]
    return table, problems


def read_package(path: Path) -> tuple[RawPackage | None, list[Problem]]:
    """Read the descriptor, schemas and CSVs. Returns (None, problems) if unusable."""
    label = path.name
    descriptor, problems = _load_json(path, label, "package-json")
    if descriptor is None:
        return None, problems
    base = path.parent
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return None, [
            problem(
                label,
                None,
                "resources",
                "package-shape",
                detail="resources: list of objects expected",
            )
        ]
    tables: dict[str, Table] = {}
    names = [r.get("name") for r in resources]
    for name in names:
        if name not in RESOURCES:
            problems.append(
                problem(
                    label,
                    None,
                    "resources",
                    "resource-unknown",
                    name=name,
                    expected=", ".join(RESOURCES),
                )
            )
    for name in RESOURCES:
        if name not in names:
            problems.append(problem(label, None, "resources", "resource-missing", name=name))
    for res in resources:
        name, rel, schema_ref = res.get("name"), res.get("path"), res.get("schema")
        if name not in RESOURCES:
            continue
        if _inside(base, rel) is None:
            problems.append(problem(label, None, f"{name}.path", "path-outside", path=rel))
            continue
        if not (base / rel).is_file():
            problems.append(problem(rel, None, None, "file-missing", path=rel))
            continue
        if isinstance(schema_ref, dict):
            schema = schema_ref
        elif _inside(base, schema_ref) is None:
            problems.append(problem(label, None, f"{name}.schema", "path-outside", path=schema_ref))
            continue
        else:
            schema, schema_problems = _load_json(base / schema_ref, schema_ref, "schema-json")
            problems += schema_problems
            if schema is None:
                continue
        if shape := _schema_shape(schema):
            where = schema_ref if isinstance(schema_ref, str) else label
            problems.append(problem(where, None, "fields", "schema-shape", detail=shape))
            continue
        table, csv_problems = _read_csv(base, rel, schema, name)
        problems += csv_problems
        if table is not None:
            tables[name] = table
    return RawPackage(base, descriptor, tables), problems
