import shutil
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"


def apply_case(case: dict, target: Path) -> Path:
    """Copy the valid base package into target and break it as the case says."""
    shutil.copytree(BASE, target)
    for op in case["ops"]:
        ((kind, arg),) = op.items()
        if kind == "delete":
            (target / arg).unlink()
            continue
        path = target / arg["file"]
        if kind == "replace":
            text = path.read_text(encoding="utf-8")
            assert arg["old"] in text, f"fixture is stale: {arg['old']!r} not in {arg['file']}"
            path.write_text(text.replace(arg["old"], arg["new"], 1), encoding="utf-8")
        elif kind == "append":
            with path.open("a", encoding="utf-8") as f:
                f.write(arg["text"])
        elif kind == "replace_bytes":
            raw = path.read_bytes()
            old, new = bytes.fromhex(arg["old"]), bytes.fromhex(arg["new"])
            assert old in raw
            path.write_bytes(raw.replace(old, new, 1))
        elif kind == "prepend_bytes":
            path.write_bytes(bytes.fromhex(arg["hex"]) + path.read_bytes())
        else:
            raise ValueError(kind)
    return target / "datapackage.json"


@pytest.fixture
def broken(tmp_path):
    def make(name: str) -> Path:
        case = yaml.safe_load((FIXTURES / "broken" / f"{name}.yml").read_text(encoding="utf-8"))
        return apply_case(case, tmp_path / name)

    return make
