"""The validator against the real package and against every broken fixture."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.check.cli import main
from macros.check.validate import validate
from macros.data import paths

BROKEN = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yml"))


def test_real_package_is_valid_for_the_project_validator():
    assert validate(paths.PACKAGE) == []


def test_real_package_is_valid_for_stock_frictionless():
    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(cli), "validate", str(paths.PACKAGE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_base_fixture_is_valid():
    assert validate(Path(__file__).parent / "fixtures" / "base" / "datapackage.json") == []


@pytest.mark.parametrize("case_file", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_package_fails_with_located_message(case_file, broken, capsys):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    package = broken(case_file.stem)
    assert main([str(package), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    for want in case["expect"]:
        matches = [
            e
            for e in report["errors"]
            if e["code"] == want["code"]
            and e["file"] == want["file"]
            and ("line" not in want or e["line"] == want["line"])
            and ("column" not in want or e["column"] == want["column"])
        ]
        assert matches, f"expected {want}, got {report['errors']}"
        for e in matches:
            assert e["message_fr"] and e["message_en"] and e["message_fr"] != e["message_en"]


def test_text_output_is_a_table_with_summary(broken, capsys):
    assert main([str(broken("foreign-key"))]) == 1
    out = capsys.readouterr().out
    assert "data/roles.csv" in out and "organisation_id" in out and "medeff" in out
    assert "1 erreur(s) dans 1 fichier(s)" in out and "1 error(s) in 1 file(s)" in out


def test_markdown_output_for_job_summary(broken, capsys):
    assert main([str(broken("kebab-id")), "--markdown"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^\| data/people.csv +\| +8 +\| id +\| .*kebab-case", out, re.M)


def test_cli_exit_codes_without_traceback(tmp_path):
    def run(*args):
        command = [sys.executable, "-m", "macros.check", *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=paths.ROOT)

    ok = run(str(paths.PACKAGE))
    assert ok.returncode == 0 and "Package is valid" in ok.stdout
    missing = run(str(tmp_path / "nope.json"))
    assert (
        missing.returncode == 1
        and "Traceback" not in missing.stderr
        and "File not found" in missing.stdout
    )
    usage = run("--no-such-option")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
