"""The site's other languages: each a plain MkDocs build of its own configuration
(mkdocs.<lang>.yml, which inherits mkdocs.yml), run in a worker of the build's pool
(outputs/pool.py) beside the default language's build, from the context that build read:
the package is validated and read once.

`build` loads the language's configuration with MkDocs' `load_config` and runs MkDocs'
`build` command function on it: the one MkDocs function this project calls outside its
plugin's events (ARCHITECTURE.md), pinned by tests/test_languages.py. Each builds into
<site>/<lang>/, which it empties first, unless the build is dirty (`mkdocs serve --dirty`,
which `make serve` runs: then only the pages an edit changed are rendered, rendered.py); the
default build waits for it, and moves the published files into the site after it (plugin.py).
"""

import importlib
import logging

from ..outputs.pool import chaos
from ..outputs.publishing import unpacked
from .config import language, languages


def warm(code_identity=None) -> None:
    """A worker's start: the code key of the process that started it taken, if this worker
    found the same files (outputs/code.py: not hashed again); MkDocs and the code of every
    job imported."""
    import mkdocs.commands.build  # noqa: F401

    from ..outputs import code

    code.adopt(code_identity)

    from ..outputs import publishing  # noqa: F401
    from . import plugin  # noqa: F401


def build(lang: str, config_file: str, data: bytes, site_dir: str, site_url: str,
          command: str, generator: str, dirty: bool, last: dict) -> dict:  # fmt: skip
    """In a worker: build `lang` from the context (or the problems) pickled in `data`; in a
    dirty build, only the pages whose key is not in `last` (its page keys at the last build,
    rendered.py), returning this build's.
    `generator`: the package that runs the default build, "mkdocs" or a drop-in fork of it
    (ProperDocs), whose module of that name routes MkDocs' imports to it: every language is
    built by the same."""
    if generator != "mkdocs":
        importlib.import_module(f"{generator}.replacement")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format=f"%(levelname)-7s - [{lang}] %(message)s")
    chaos(f"language {lang}")
    # Loaded for each build: mkdocs.<lang>.yml may have changed.
    config = load_config(config_file, site_dir=site_dir, site_url=site_url)
    plugin = config.plugins["briefing"]
    plugin.follow(unpacked(data), command, dirty, lang, last)
    if dirty:
        from .plugin import quiet_dirty_warning

        quiet_dirty_warning()
    mkdocs_build(config, dirty=dirty)
    return plugin.keys.now if plugin.keys is not None else {}


def own_pages(files, config) -> None:
    """Keep this language's prose pages in `files`: docs/<page>.md for the default language,
    docs/<page>.<lang>.md for another, which then takes the place of <page>.md (its address
    and its entry in the navigation)."""
    from mkdocs.structure.files import File

    lang, default = language(config), languages(config)[0]
    kept = []
    for file in list(files.documentation_pages()):
        name = file.src_uri.removesuffix(".md")
        stem, _, suffix = name.rpartition(".")
        page_lang, name = (
            (suffix, stem) if stem and suffix in languages(config) else (default, name)
        )
        if lang != default or page_lang != lang:
            files.remove(file)
        if lang != default and page_lang == lang:
            kept.append(File.generated(config, f"{name}.md", abs_src_path=file.abs_src_path))
    # Added once every French page is gone: they share their names.
    for file in kept:
        files.append(file)
