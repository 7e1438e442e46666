"""Validator messages in French and English, keyed by a stable code.

The words live in the language catalogues with the rest of the interface
(format/locales/<lang>.yml, keys `problem_<code>`); a problem carries its code and
parameters and is worded in each language when it is printed.
"""

from ..format.language import in_languages


def render(code: str, **params) -> tuple[str, str]:
    """Return the (French, English) message for code, filled with params."""
    said = in_languages(f"problem_{code}", **params)
    return said["fr"], said["en"]
