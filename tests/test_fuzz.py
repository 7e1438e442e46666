"""Fuzzing the validator: whatever the files hold, it answers with located problems.

Random bytes in a CSV, random edits of datapackage.json and of a schema, truncated files,
other encodings, huge cells and wide rows. `make test` runs a bounded number of inputs
(profile "ci", derandomised); `make fuzz` runs many more (profile "fuzz").
"""

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from conftest import BASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.check.cli import main
from macros.check.raw import RESOURCES
from macros.check.validate import validate

settings.register_profile(
    "ci", max_examples=12, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RESOURCE = st.sampled_from(RESOURCES)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


@contextmanager
def package():
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "package"
        shutil.copytree(BASE, target)
        yield target


def answers_with_located_problems(path: Path, capsys=None) -> None:
    """What a contributor gets: exit 0 or 1, a table, every problem naming its file."""
    problems = validate(path)
    assert all(p.file and p.message_fr and p.message_en for p in problems)
    assert "internal-error" not in {p.code for p in problems}, problems
    assert main([str(path)]) in (0, 1)


def csv_path(target: Path, name: str) -> Path:
    return target / "data" / f"{name}.csv"


@given(name=RESOURCE, data=st.binary(max_size=2000))
def test_random_bytes_in_a_csv(name, data):
    with package() as target:
        csv_path(target, name).write_bytes(data)
        answers_with_located_problems(target / "datapackage.json")


@given(
    name=RESOURCE,
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), min_size=1, max_size=6),
)  # fmt: skip
def test_random_edits_of_a_csv(name, edits):
    """Bytes replaced here and there: a broken quote, a stray comma, an invalid sequence."""
    with package() as target:
        path = csv_path(target, name)
        raw = bytearray(path.read_bytes())
        for offset, chunk in edits:
            at = offset % (len(raw) + 1)
            raw[at : at + len(chunk)] = chunk
        path.write_bytes(bytes(raw))
        answers_with_located_problems(target / "datapackage.json")


@given(name=RESOURCE, cut=st.floats(0, 1), encoding=st.sampled_from(["latin-1", "utf-16", "cp1252", "utf-8-sig", None]))  # fmt: skip
def test_truncated_or_reencoded_csv(name, cut, encoding):
    with package() as target:
        path = csv_path(target, name)
        text = path.read_text(encoding="utf-8")
        text = text[: int(len(text) * cut)]
        if encoding:
            path.write_bytes(text.encode(encoding, errors="replace"))
        else:
            path.write_text(text, encoding="utf-8")
        answers_with_located_problems(target / "datapackage.json")


@given(name=RESOURCE, size=st.integers(1, 2_000_000), width=st.integers(1, 3000))
def test_huge_cells_and_wide_rows(name, size, width):
    with package() as target:
        path = csv_path(target, name)
        header = path.read_text(encoding="utf-8").splitlines()[0]
        columns = header.count(",") + 1
        huge = ",".join(["x" * size] + ["y"] * (columns - 1))
        wide = ",".join(["z"] * width)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"{huge}\n{wide}\n")
        answers_with_located_problems(target / "datapackage.json")


def _mutate(doc, path: list, value, delete: bool):
    """Replace (or delete) the node at path (indices taken modulo each container's size)."""
    node = doc
    for i, step in enumerate(path):
        if not isinstance(node, dict | list) or not node:
            break
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = keys[step % len(keys)]
        if i == len(path) - 1 or not isinstance(node[key], dict | list):
            if delete:
                del node[key]
            else:
                node[key] = value
            return doc
        node = node[key]
    return value if not path else doc


@given(
    path=st.lists(st.integers(0, 50), max_size=5), value=JSON, delete=st.booleans(),
    target_file=st.sampled_from(["datapackage.json", *[f"schemas/{r}.json" for r in RESOURCES]]),
)  # fmt: skip
def test_random_mutations_of_the_descriptor_and_schemas(path, value, delete, target_file):
    with package() as target:
        file = target / target_file
        doc = json.loads(file.read_text(encoding="utf-8"))
        file.write_text(json.dumps(_mutate(doc, path, value, delete)), encoding="utf-8")
        answers_with_located_problems(target / "datapackage.json")


@given(
    target_file=st.sampled_from(["datapackage.json", "schemas/figures.json"]), cut=st.floats(0, 1)
)
def test_truncated_json(target_file, cut):
    with package() as target:
        file = target / target_file
        text = file.read_text(encoding="utf-8")
        file.write_text(text[: int(len(text) * cut)], encoding="utf-8")
        answers_with_located_problems(target / "datapackage.json")
