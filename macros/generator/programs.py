"""The programs the browser tests, the workbook tests and `make pdf` drive, found on this
machine instead of assumed at one path: Chromium (or Chrome), LibreOffice, and a Python that
can import LibreOffice's `uno` bridge.

Each lookup tries an override variable first (it alone, when set: an explicit choice is never
replaced silently), then the names on PATH, then the macOS application folder, and says what
it tried when it finds nothing.
"""

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APPLICATIONS = Path("/Applications")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_APPS = (
    "Chromium.app/Contents/MacOS/Chromium",
    "Google Chrome.app/Contents/MacOS/Google Chrome",
)
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_APPS = ("LibreOffice.app/Contents/MacOS/soffice",)
# Debian's python3-uno installs the bridge for the system Python; macOS's LibreOffice ships
# its own Python beside it.
UNO_PYTHONS = ("/usr/bin/python3",)
UNO_PYTHON_APPS = ("LibreOffice.app/Contents/Resources/python",)


@dataclass(frozen=True)
class Found:
    """What a lookup found (path, or None) and everything it tried, in order."""

    what: str
    variable: str
    path: str | None
    tried: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.path is not None

    def problem(self) -> str:
        """One line: what is missing, what was tried, how to point at it."""
        return f"{self.what} not found (tried {', '.join(self.tried)}): set {self.variable}=/path/to/it"


class NotFound(RuntimeError):
    pass


def _lookup(what, variable, names, paths, environ, usable=os.path.exists) -> Found:
    """The override alone when set, else the first usable of names on PATH, then of paths."""
    environ = os.environ if environ is None else environ
    if environ.get(variable):
        path = environ[variable]
        return Found(what, variable, path if usable(path) else None, (f"{variable}={path}",))
    tried, search = [], environ.get("PATH", "")
    candidates = [(name, shutil.which(name, path=search)) for name in names]
    for label, path in [*candidates, *((path, path) for path in paths)]:
        tried.append(label)
        if path and usable(path):
            return Found(what, variable, path, tuple(tried))
    return Found(what, variable, None, tuple(tried))


def _apps(applications: Path, apps: tuple[str, ...]) -> list[str]:
    return [str(applications / app) for app in apps]


def find_chromium(
    environ: Mapping[str, str] | None = None, applications: Path = APPLICATIONS
) -> Found:
    apps = _apps(applications, CHROMIUM_APPS)
    return _lookup("Chromium", "CHROMIUM", CHROMIUM_NAMES, apps, environ)


def find_soffice(
    environ: Mapping[str, str] | None = None, applications: Path = APPLICATIONS
) -> Found:
    apps = _apps(applications, SOFFICE_APPS)
    return _lookup("LibreOffice", "SOFFICE", SOFFICE_NAMES, apps, environ)


def _imports_uno(python: str) -> bool:
    if not os.access(python, os.X_OK):
        return False
    done = subprocess.run([python, "-c", "import uno"], capture_output=True)
    return done.returncode == 0


def find_uno_python(
    environ: Mapping[str, str] | None = None, applications: Path = APPLICATIONS
) -> Found:
    """A Python that imports `uno` (absolute paths only: the Python first on PATH is often
    a virtual environment's or pyenv's, which never has the bridge)."""
    paths = [*UNO_PYTHONS, *_apps(applications, UNO_PYTHON_APPS)]
    bridge = "LibreOffice's Python bridge (uno)"
    return _lookup(bridge, "UNO_PYTHON", (), paths, environ, usable=_imports_uno)


def require(found: Found) -> str:
    """The path found, or NotFound carrying the one-line problem."""
    if not found:
        raise NotFound(found.problem())
    return found.path
