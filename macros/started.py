"""The project's Python files as this process found them when it first imported the package
(macros/__init__.py imports this module before any other of its own): a process that lives
long keeps the modules it imported, and a file edited since is not the code it runs
(outputs/code.py)."""

from pathlib import Path

MACROS = Path(__file__).resolve().parent


def stamps() -> dict[Path, tuple[int, int]]:
    """Every Python file of the project, with its modification time and size now."""
    found = {}
    for path in MACROS.rglob("*.py"):
        try:
            stat = path.stat()
        except OSError:  # removed meanwhile
            continue
        found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


STARTED = stamps()
