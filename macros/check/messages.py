"""Validator messages in French and English, keyed by a stable code.

The words live in the language catalogues with the rest of the interface
(format/locales/<lang>.yml, keys `problem_<code>`); a problem carries its code and
parameters and is worded in each language when it is printed.
"""

from functools import lru_cache

from ..format.language import LOCALES, read_catalogue

LANGUAGES = ("fr", "en")


@lru_cache(maxsize=4)
def _catalogue(code: str, stamp: float) -> dict[str, str]:
    # Keyed by the file's modification time: an edited catalogue is read again.
    return read_catalogue(code)


def words(lang: str) -> dict[str, str]:
    return _catalogue(lang, (LOCALES / f"{lang}.yml").stat().st_mtime)


def both(key: str, **params) -> dict[str, str]:
    """A catalogue text in each language, as a parameter of a problem's message."""
    return {lang: words(lang)[key].format(**params) for lang in LANGUAGES}


def render(code: str, **params) -> tuple[str, str]:
    """Return the (French, English) message for code, filled with params."""
    fr, en = (
        words(lang)[f"problem_{code}"].format(
            **{k: v[lang] if isinstance(v, dict) else v for k, v in params.items()}
        )
        for lang in LANGUAGES
    )
    return fr, en
