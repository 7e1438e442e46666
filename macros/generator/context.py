"""What a build hands its other processes: the context pickled once, or the problems of an
invalid package (live preview only)."""

import dataclasses
import pickle
from dataclasses import dataclass

from ..data.context import Context
from ..data.products import Products


@dataclass(frozen=True)
class Invalid:
    """The package of this build did not validate (live preview only)."""

    package: str
    problems: list


def packed(build: "Context | Invalid") -> bytes:
    """The context as the other processes of the build receive it, pickled once for all of
    them: the data, without what this process made for its pages."""
    if isinstance(build, Context):
        build = dataclasses.replace(build, products=Products())
    return pickle.dumps(build, protocol=pickle.HIGHEST_PROTOCOL)
