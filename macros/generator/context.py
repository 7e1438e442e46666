"""What a build hands its other processes: the context pickled once, or the problems of an
invalid package (live preview only)."""

import pickle
from dataclasses import dataclass

from ..data.context import Context


@dataclass(frozen=True)
class Invalid:
    """The package of this build did not validate (live preview only)."""

    package: str
    problems: list


def packed(context: "Context | Invalid") -> bytes:
    """The context as the other processes of the build receive it, pickled once for all of
    them: the data, without what this process made for its pages."""
    if isinstance(context, Context):
        return context.packed()
    return pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
