"""The setup itself: what `make test` finds missing, the install it chooses on each kind of
machine, and the one-line messages, against a fake PATH. Nothing is really installed: the
package managers here are scripts that log their arguments."""

import os
import platform
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data import paths
from macros.generator.programs import find_chromium, find_soffice, require
from tests.prerequisites import NEEDS, NO_INSTALL, Machine, _distro, main, plan, table

# A program of the fake PATH per need, and what the fake installer must create to bring it.
PROGRAMS = {
    "Chromium": ["chromium"],
    "Java": ["java"],
    "Node.js and npm": ["node", "npm"],
    "LibreOffice Calc and its Python bridge": ["soffice"],
}
NEED = {need.name: need for need in NEEDS}


def executable(path: Path, body: str = "exit 0") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def fake_machine(tmp_path: Path, lacking: str | None, *tools: str, **kind) -> Machine:
    """A PATH with every program but the lacking need's, plus the given tools (apt-get, sudo,
    brew); a Python with `uno` named by UNO_PYTHON."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, programs in PROGRAMS.items():
        for program in programs if name != lacking else ():
            executable(bin_dir / program)
    for tool in tools:
        executable(bin_dir / tool)
    environ = {"PATH": str(bin_dir), "UNO_PYTHON": str(executable(tmp_path / "uno-python"))}
    defaults = {"system": "Linux", "distro": "debian", "root": True}
    return Machine(environ, applications=tmp_path / "Applications", **{**defaults, **kind})


@pytest.mark.parametrize("lacking", list(PROGRAMS))
def test_each_missing_program_is_found_missing_alone(tmp_path, lacking):
    machine = fake_machine(tmp_path, lacking)
    assert [need.name for need in NEEDS if not need.present(machine)] == [lacking]


def test_a_machine_with_everything_needs_nothing(tmp_path, capsys):
    assert main(fake_machine(tmp_path, None)) == 0
    assert capsys.readouterr().err == ""


def test_libreoffice_without_its_python_bridge_is_missing(tmp_path):
    machine = fake_machine(tmp_path, None)
    environ = {**machine.environ, "UNO_PYTHON": str(executable(tmp_path / "no-uno", "exit 1"))}
    broken = Machine(environ, "Linux", "debian", True, machine.applications)
    assert [n.name for n in NEEDS if not n.present(broken)] == [
        "LibreOffice Calc and its Python bridge"
    ]


@pytest.mark.parametrize("lacking", list(PROGRAMS))
def test_debian_as_root_installs_the_need_with_apt_get(tmp_path, lacking):
    machine = fake_machine(tmp_path, lacking, "apt-get")
    packages = list(NEED[lacking].apt)
    assert plan(machine, [NEED[lacking]]).commands == [
        ["apt-get", "-qq", "update"],
        ["apt-get", "-qq", "install", "-y", *packages],
    ]


def test_ubuntu_takes_its_own_chromium_package(tmp_path):
    machine = fake_machine(tmp_path, "Chromium", "apt-get", distro="ubuntu")
    install = ["apt-get", "-qq", "install", "-y", "chromium-browser"]
    assert plan(machine, [NEED["Chromium"]]).commands[-1] == install


def test_debian_without_root_goes_through_sudo(tmp_path):
    machine = fake_machine(tmp_path, "Java", "apt-get", "sudo", root=False)
    assert plan(machine, [NEED["Java"]]).commands[-1] == [
        "sudo", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-qq", "install", "-y", "default-jre-headless",
    ]  # fmt: skip


def test_without_root_or_sudo_it_says_the_command_in_one_line(tmp_path, capsys):
    machine = fake_machine(tmp_path, "Java", "apt-get", root=False)
    assert main(machine) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "make test: missing Java (the Nu Html Checker), not installed (not root and no sudo): "
        "run `as root: apt-get update && apt-get install -y default-jre-headless`"
    )


def test_macos_installs_with_homebrew(tmp_path):
    machine = fake_machine(tmp_path, None, "brew", system="Darwin", distro="", root=False)
    assert plan(machine, [NEED["Node.js and npm"]]).commands == [["brew", "install", "node"]]
    assert plan(machine, list(NEEDS)).commands == [
        ["brew", "install", "node"],
        ["brew", "install", "--cask", "google-chrome", "temurin", "libreoffice"],
    ]


def test_macos_without_homebrew_says_so(tmp_path, capsys):
    machine = fake_machine(tmp_path, "Chromium", system="Darwin", distro="", root=False)
    assert main(machine) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "no Homebrew: install it from https://brew.sh" in line
    assert line.endswith("run `brew install --cask google-chrome`")


def test_the_variable_turns_the_install_off(tmp_path, capsys):
    machine = fake_machine(tmp_path, "LibreOffice Calc and its Python bridge", "apt-get")
    off = Machine(
        {**machine.environ, NO_INSTALL: "1"}, "Linux", "debian", True, machine.applications
    )
    assert plan(off, [NEED["LibreOffice Calc and its Python bridge"]]).commands == []
    assert main(off) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "make test: missing LibreOffice Calc and its Python bridge (the curation workbook tests), "
        f"not installed ({NO_INSTALL}=1 is set): run "
        "`apt-get update && apt-get install -y libreoffice-calc-nogui python3-uno`"
    )


def _fake_installer(bin_dir: Path, log: Path, brings: list[str]) -> None:
    """apt-get and brew that log their arguments and, on install, create the programs."""
    create = "; ".join(
        f"printf '#!/bin/sh\\n' > {bin_dir / p}; /bin/chmod +x {bin_dir / p}" for p in brings
    )
    body = f'echo "$(basename "$0") $*" >> {log}\ncase " $* " in *" install "*) {create};; esac'
    for tool in ("apt-get", "brew"):
        executable(bin_dir / tool, body)
    # sudo, and the env it runs, pass the command on.
    executable(bin_dir / "sudo", 'exec "$@"')
    executable(
        bin_dir / "env", 'while case "$1" in *=*) true;; *) false;; esac; do shift; done; exec "$@"'
    )


@pytest.mark.parametrize("lacking", ["Chromium", "Node.js and npm"])
def test_make_test_prints_each_command_runs_it_and_checks_again(tmp_path, lacking):
    machine = fake_machine(tmp_path, lacking)
    log = tmp_path / "installer.log"
    _fake_installer(tmp_path / "bin", log, PROGRAMS[lacking])
    done = subprocess.run([sys.executable, "-m", "tests.prerequisites"], cwd=paths.ROOT,
                          env={**machine.environ, "PYTHONPATH": str(paths.ROOT)},
                          capture_output=True, text=True)  # fmt: skip
    this = Machine(machine.environ, platform.system(), _distro(), os.geteuid() == 0)
    expected = plan(this, [NEED[lacking]]).commands
    assert expected, "this machine's kind has an installer in the fake PATH"
    printed = [line for line in done.stderr.splitlines() if line.startswith("+ ")]
    assert printed == [f"+ {' '.join(c)}" for c in expected]
    # What the installers were asked, sudo and env aside.
    asked = [line.split(" ", 1)[1] for line in log.read_text().splitlines()]
    assert "install" in asked[-1].split() and asked[-1].endswith(" ".join(expected[-1][-1:]))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == f"make test: installed {lacking}"


def test_an_install_that_fails_says_what_to_run(tmp_path):
    machine = fake_machine(tmp_path, "Java")
    executable(tmp_path / "bin" / "apt-get", "exit 100")
    executable(tmp_path / "bin" / "brew", "exit 1")
    done = subprocess.run([sys.executable, "-m", "tests.prerequisites"], cwd=paths.ROOT,
                          env={**machine.environ, "PYTHONPATH": str(paths.ROOT)},
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith("make test: missing Java (the Nu Html Checker), not installed (`")
    assert "exited with" in last and "Traceback" not in done.stderr


# --- the lookups ------------------------------------------------------------------------------


def test_chromium_is_looked_up_on_path_under_each_name(tmp_path):
    for name in ("chromium", "chromium-browser", "google-chrome"):
        bin_dir = tmp_path / name
        path = executable(bin_dir / name)
        assert find_chromium({"PATH": str(bin_dir)}, tmp_path / "none").path == str(path)


def test_chromium_is_found_in_the_macos_applications_folder(tmp_path):
    app = executable(tmp_path / "Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    assert find_chromium({"PATH": ""}, tmp_path / "Applications").path == str(app)


def test_the_variable_overrides_the_lookup_and_is_never_replaced(tmp_path):
    executable(tmp_path / "bin" / "chromium")
    chosen = executable(tmp_path / "mine" / "chrome")
    environ = {"PATH": str(tmp_path / "bin"), "CHROMIUM": str(chosen)}
    assert find_chromium(environ, tmp_path).path == str(chosen)
    gone = find_chromium({**environ, "CHROMIUM": str(tmp_path / "gone")}, tmp_path)
    assert not gone and gone.tried == (f"CHROMIUM={tmp_path / 'gone'}",)


def test_nothing_found_names_what_was_tried(tmp_path):
    found = find_soffice({"PATH": str(tmp_path)}, tmp_path / "Applications")
    with pytest.raises(RuntimeError) as raised:
        require(found)
    message = str(raised.value)
    assert message.startswith("LibreOffice not found (tried soffice, libreoffice, ")
    assert str(tmp_path / "Applications/LibreOffice.app/Contents/MacOS/soffice") in message
    assert message.endswith("set SOFFICE=/path/to/it")


def test_the_readme_lists_every_prerequisite():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert table() in readme


def test_make_serve_asks_for_node_only(tmp_path, capsys):
    """`make site` and `make serve` need Node (npm installs sql.js), not the test browsers."""
    machine = fake_machine(tmp_path, "Chromium")
    assert main(machine, only="node") == 0
    assert capsys.readouterr().err == ""
    (tmp_path / "no-node").mkdir()
    machine = fake_machine(tmp_path / "no-node", "Node.js and npm")
    off = Machine({**machine.environ, NO_INSTALL: "1"}, machine.system, machine.distro, True)
    assert main(off, only="node") == 1
    err = capsys.readouterr().err
    assert "Node.js and npm" in err and "Chromium" not in err and "install -y nodejs npm" in err
