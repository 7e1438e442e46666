"""What a build hands its other processes: the context pickled once, or the problems of an
invalid package (live preview only); the validator's project rules, run in its pool."""

import pickle
from dataclasses import dataclass

from ..check import rules
from ..check.validate import Rules
from ..data.context import Context
from ..outputs.pool import Pool, wait


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


def rules_in(pool: Pool, parts: int = 2) -> Rules:
    """The validator's project rules run in `parts` jobs of the build's pool, while the
    build's process types the cells (check/validate.py): at the benchmark's M, the rules take
    3.2 s and the typing 1.4 s, one after the other in one process. The problems are the
    same: the validator sorts them."""

    def start(pkg, today):
        jobs = [pool.submit(rules.problems, pkg, today, part, parts) for part in range(parts)]
        return lambda: [found for job in jobs for found in wait(job, "validation")]

    return start
