"""Full-text search with Pagefind: once the pages are written, its binary (the pagefind-bin
wheel) indexes each language's pages into the language's own /pagefind/ (the root's for the
default language, /en/pagefind/ for English), chunked, so a query fetches only the chunks it
needs. Each language has two bundles, the record pages' and every other page's, indexed one
after another: Pagefind holds a whole index in memory. Each bundle is written into a folder of its own and
renamed into place whole: a preview serves its pages while the indexes are made (plugin.py),
and a search never loads half of one. Only the page's content is indexed (our own
element, marked data-pagefind-body, around the page's HTML), accents folded; the Search page
(templates/search.html) queries its language's bundle.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

from ..data.listings import RECORD_PAGES
from ..format.language import both_languages


def mark_content(html: str) -> str:
    """A page's own content, in an element of ours, is what gets indexed: not the theme's
    navigation, header or footer, and without depending on the theme's markup."""
    return f'<div class="bf-content" data-pagefind-body>\n{html}\n</div>'


# The record pages (one per organisation and person) are indexed into a bundle of their own,
# which the Search page merges with the main one: Pagefind holds a whole index in memory, and
# two halves never need as much as the whole (at the benchmark's L, 0.22 GB and 0.85 GB
# instead of 1.07 GB for one language).
RECORDS_BUNDLE = "pagefind-records"
BUNDLES = ("pagefind", RECORDS_BUNDLE)


def _staging(site: Path, bundle: str) -> Path:
    return site / f".{bundle}.partial"


def index(site: Path, others: tuple[str, ...] = ()) -> None:
    """Index the pages of the language built in `site`, leaving out the folders of the
    `others` languages built inside it (the default language's site holds them): the record
    pages into /pagefind-records/, every other page into /pagefind/, one after the other."""
    records = {page.folder for page in RECORD_PAGES.values()}
    skip = {
        *others,
        "pagefind",
        RECORDS_BUNDLE,
        *records,
        *(_staging(site, b).name for b in BUNDLES),
    }
    # Pagefind's glob has no negation: every top-level entry of the site but those.
    entries = sorted(p for p in site.iterdir() if p.name not in skip)
    rest = [f"{p.name}/**/*.html" if p.is_dir() else p.name for p in entries]
    _run(site, "pagefind", rest)
    _run(site, RECORDS_BUNDLE, [f"{folder}/**/*.html" for folder in sorted(records)])


def index_site(site: Path, others: tuple[str, ...]) -> None:
    """Every language's indexes, one bundle after the other: `others` are built inside
    `site`, the default language's."""
    for lang in others:
        index(site / lang)
    index(site, others)


def say_current(job) -> None:
    """In a preview, once its search indexes are made (or failed), the terminal says so."""
    failed = job.exception()
    if failed is None:
        print(both_languages("notice_search_current"), file=sys.stderr, flush=True)
    else:
        print(f"{both_languages('notice_indexing_failed')}:\n{failed}", file=sys.stderr)


def _run(site: Path, bundle: str, globs: list[str]) -> None:
    staging, final = _staging(site, bundle), site / bundle
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
        "--output-path", str(staging), "--glob", "{" + ",".join(globs) + "}",
        # Not words of the page: the theme's "¶" permalinks, and the labels of tables and
        # lists of facts, which Pagefind would glue to the values in its excerpts
        # ("KindTraining provider").
        "--exclude-selectors", ".headerlink, thead, dt",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        failed = both_languages("notice_indexing_failed")
        raise Abort(f"{failed}:\n{done.stderr[-2000:]}")
    # Pagefind lists the languages in hash-map order, which changes from run to run: sorted,
    # identical input gives identical bytes (its other files are named by their content).
    entry = staging / "pagefind-entry.json"
    if not entry.exists():  # a site without record pages has no records bundle
        shutil.rmtree(staging, ignore_errors=True)
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)  # a --dirty build's last bundle
    os.replace(staging, final)
