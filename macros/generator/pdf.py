"""`make pdf`: the one-page briefing of each language printed to PDF by headless Chromium,
from the built site, into <site>/data/briefing-<lang>.pdf (A4, the page's print stylesheet).

`python -m macros.generator.pdf SITE_DIR`; the browser is the machine's Chromium or Chrome, found
by programs.find_chromium (CHROMIUM overrides it; Playwright's own download is not needed).
"""

import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..data import paths
from ..format.language import both_languages
from .config import load_site_config
from .programs import find_chromium


def pdf_path(lang: str) -> str:
    """Where a language's PDF is published, from the site root."""
    return f"data/briefing-{lang}.pdf"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_briefings(site: Path, languages: tuple[str, ...], out: Path, chromium: str) -> list[Path]:
    """Each language's /briefing/ page (the default language's at the root) printed to
    out/briefing-<lang>.pdf."""
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    made = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            for i, lang in enumerate(languages):
                page = browser.new_page()
                page.goto(base + ("" if i == 0 else f"{lang}/") + "briefing/")
                page.wait_for_load_state("networkidle")
                target = out / Path(pdf_path(lang)).name
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
                made.append(target)
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return made


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not (site / "briefing" / "index.html").exists():
        print(both_languages("notice_no_site", path=site), file=sys.stderr)
        return 2
    chromium = find_chromium()
    if not chromium:
        print(
            both_languages("notice_no_chromium", tried=", ".join(chromium.tried)), file=sys.stderr
        )
        return 2
    languages = load_site_config(paths.MKDOCS_YML).languages
    for path in print_briefings(
        site, languages, site / Path(pdf_path(languages[0])).parent, chromium.path
    ):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
