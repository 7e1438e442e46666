"""MkDocs hook: write record pages, charts and data files into docs/ before files are collected."""

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

# The console script does not put the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import i18n, pages, security  # noqa: E402


def on_pre_build(config):
    # Runs once per language build (static-i18n); pages.write only touches changed files.
    pages.write(pages.all_files(config.site_url or "/"))


def on_post_template(output, template_name, config):
    # Every language build writes the root 404.html (static-i18n issue #284): keep the
    # default language's. An empty output makes MkDocs skip the file.
    if template_name == "404.html" and config.theme["language"] != i18n.LANGUAGES[0]:
        return ""
    return security.add_csp(output) if template_name.endswith(".html") else output


def on_post_page(output, page, config):
    return security.add_csp(output)


def on_template_context(context, template_name, config):
    # static-i18n leaves the 404 page's language links pointing at the last page built
    # (its issue #284): point them at each language's home instead.
    if template_name == "404.html":
        root = urlsplit(config.site_url or "/").path or "/"
        # static-i18n sets the per-page links as an attribute of `extra`, which templates read.
        for alt in getattr(config.extra, "alternate", None) or []:
            alt["link"] = root if alt["lang"] == "fr" else f"{root}{alt['lang']}/"
    return context


def on_post_build(config):
    # Material's language switcher fetches <language>/sitemap.xml; static-i18n writes one
    # sitemap (with every language's pages) at the root only. Runs after each language build.
    root = Path(config.site_dir)
    if root.name in i18n.LANGUAGES:
        root = root.parent
    for lang in i18n.LANGUAGES[1:]:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (root / name).exists() and (root / lang).is_dir():
                shutil.copyfile(root / name, root / lang / name)
