"""Each language is a MkDocs build of its own configuration (generator/languages.py)."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from macros.data import paths
from macros.format.language import catalogue
from macros.generator import config as build_config
from macros.generator.languages import own_pages


def configuration(lang: str, site_dir: Path):
    """A language's configuration as its build sees it, once the plugins' and hooks'
    on_config have run."""
    name = "mkdocs.yml" if lang == "fr" else f"mkdocs.{lang}.yml"
    config = load_config(str(paths.ROOT / name), site_dir=str(site_dir), site_url=ROOT_URL)
    return config.plugins.on_config(config)


ROOT_URL = "https://example.org/briefing/"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_configuration_builds_its_language(lang, tmp_path):
    config = configuration(lang, tmp_path)
    assert build_config.language(config) == lang
    assert build_config.languages(config) == ("fr", "en")
    assert build_config.config_file(config, "en").name == "mkdocs.en.yml"
    # Its own name, description and address; the other language at the same page's address.
    assert config.site_name == catalogue(lang)["site_name"]
    assert config.site_description == catalogue(lang)["site_description"]
    assert config.site_url == ROOT_URL + ("" if lang == "fr" else "en/")
    assert build_config.root_url(config) == ROOT_URL
    assert [(a["lang"], a["link"], a["name"]) for a in config.extra["alternate"]] == [
        ("fr", "/briefing/", "Français"),
        ("en", "/briefing/en/", "English"),
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", {"index.md": "index.md", "about.md": "about.md", "a.b.md": "a.b.md"}),
        ("en", {"index.md": "index.en.md", "about.md": "about.en.md"}),
    ],
)
def test_a_language_keeps_its_own_pages_at_the_shared_addresses(lang, expected, tmp_path):
    """French keeps <page>.md; English keeps <page>.en.md under <page>.md's name and address;
    files that are not pages stay in both."""
    config = configuration(lang, tmp_path / "site")
    docs = tmp_path / "docs"
    docs.mkdir()
    names = ["index.md", "index.en.md", "about.md", "about.en.md", "a.b.md", "style.css"]
    for name in names:
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    own_pages(files, config)
    pages = {f.src_uri: Path(f.abs_src_path).name for f in files.documentation_pages()}
    assert pages == expected
    assert {f.url for f in files.documentation_pages()} >= {"./", "about/"}
    assert files.get_file_from_path("style.css") is not None


def test_the_languages_are_checked_when_the_configuration_loads(tmp_path):
    """One list of languages (the plugin's), the default first, each other one with its
    mkdocs.<lang>.yml setting its theme's language: anything else stops the build at once,
    saying so in both languages."""
    from mkdocs.exceptions import PluginError

    from macros.generator.config import check_languages

    def config(listed, lang="fr", name="mkdocs.yml"):
        plugin = SimpleNamespace(config=SimpleNamespace(languages=listed))
        return SimpleNamespace(
            theme={"language": lang},
            plugins={"briefing": plugin},
            config_file_path=str(tmp_path / name),
        )

    (tmp_path / "mkdocs.en.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: en\n")
    check_languages(config(["fr", "en"]))
    check_languages(config(["fr", "en"], "en", "mkdocs.en.yml"))
    for wrong in (config(["fr", "fr"]), config(["en", "fr"]), config(["fr", "de"]), config([])):
        with pytest.raises(PluginError, match="languages"):
            check_languages(wrong)
    (tmp_path / "mkdocs.en.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: fr\n")
    with pytest.raises(PluginError, match="theme.language"):
        check_languages(config(["fr", "en"]))


@pytest.mark.slow
def test_a_failed_language_stops_the_whole_build(tmp_path):
    """English is a build of its own: when it fails (here a page of its navigation is
    missing, in strict mode), `mkdocs build` fails too, saying which language."""
    import shutil
    import subprocess
    import sys

    project = tmp_path / "project"
    project.mkdir()
    for name in paths.BUILD_FILES:
        src = (
            paths.ROOT / "tests" / "fixtures" / "base"
            if name == "datapackage"
            else paths.ROOT / name
        )
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, project / name)
    with (project / "mkdocs.en.yml").open("a", encoding="utf-8") as f:
        f.write("nav:\n  - index.md\n  - missing.md\n")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "BRIEFING_HISTORY": "off"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert "missing.md" in said and "A language build failed: en (" in said
