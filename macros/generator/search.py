"""Full-text search with Pagefind: after each language's build, its binary (the pagefind-bin
wheel) indexes that language's written pages into the language's own /pagefind/ (the root's
for the default language, /en/pagefind/ for English), chunked, so a query fetches only the
chunks it needs. The languages are indexed one after another: Pagefind holds a whole index in
memory, and one language's is half the site's. Only the page's content is indexed (our own
element, marked data-pagefind-body, around the page's HTML), accents folded; the Search page
(templates/search.html) queries its language's bundle.
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


def index(site: Path, others: tuple[str, ...] = ()) -> None:
    """Index the pages of the language built in `site`, leaving out the folders of the
    `others` languages built inside it (the default language's site holds them)."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
        # Not words of the page: the theme's "¶" permalinks, and the labels of tables and
        # lists of facts, which Pagefind would glue to the values in its excerpts
        # ("KindTraining provider").
        "--exclude-selectors", ".headerlink, thead, dt",
    ]  # fmt: skip
    if others:
        # Pagefind's glob has no negation: every top-level entry of the site but those.
        entries = sorted(p for p in site.iterdir() if p.name not in {*others, "pagefind"})
        globs = [f"{p.name}/**/*.html" if p.is_dir() else p.name for p in entries]
        command += ["--glob", "{" + ",".join(globs) + "}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        failed = both_languages("notice_indexing_failed")
        raise Abort(f"{failed}:\n{done.stderr[-2000:]}")
    # Pagefind lists the languages in hash-map order, which changes from run to run: sorted,
    # identical input gives identical bytes (its other files are named by their content).
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
