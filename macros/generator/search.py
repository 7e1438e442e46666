"""Full-text search with Pagefind: after the build, its binary (the pagefind-bin wheel)
indexes the written site into /pagefind/, one chunked index per language read from each
page's <html lang>, so each language searches its own pages and a query fetches only the
chunks it needs. Only the page's content is indexed (our own element, marked
data-pagefind-body, around the page's HTML), accents folded; the Search page
(templates/search.html) queries it.
"""

import json
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

from ..format.language import both_languages


def mark_content(html: str) -> str:
    """A page's own content, in an element of ours, is what gets indexed: not the theme's
    navigation, header or footer, and without depending on the theme's markup."""
    return f'<div class="bf-content" data-pagefind-body>\n{html}\n</div>'


def index(site: Path) -> None:
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
        # The theme's "¶" permalinks are not words of the page.
        "--exclude-selectors", ".headerlink",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        failed = both_languages("notice_indexing_failed")
        raise Abort(f"{failed}:\n{done.stderr[-2000:]}")
    # Pagefind lists the languages in hash-map order, which changes from run to run: sorted,
    # identical input gives identical bytes (its other files are named by their content).
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
