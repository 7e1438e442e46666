"""The build's only concurrency: the standard library's process pool.

A build hands whole jobs to it (the publisher's files, another language's build, a search
index) and waits for each with a bound: a worker that fails raises its error where the build
waits, one that never ends stops the build after `WAIT_S`. Workers are started with `spawn`,
never a fork (`mkdocs serve` runs server and watcher threads). Under `mkdocs serve` the pool
lives across rebuilds, so that its workers' imports are paid once; a code edit restarts the
whole preview (generator/plugin.py), its pool with it: no worker ever runs old code.

BRIEFING_CHAOS=<seed> delays every job and every step named by `chaos()` at random (up to
CHAOS_S), so that the tests can show the build's outputs never depend on timing.
"""

import functools
import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as Timeout
from typing import TypeVar

from ..data.cache import WAIT_S  # every wait's bound

T = TypeVar("T")
CHAOS_S = 0.4


class TookTooLong(Exception):
    """A job did not end within its bound."""


def chaos(step: str) -> None:
    """Under BRIEFING_CHAOS, a random delay at this step (the seed, the process and the step
    choose it): nothing may depend on which process gets where first."""
    seed = os.environ.get("BRIEFING_CHAOS")
    if seed:
        rng = random.Random(f"{seed}:{os.getpid()}:{step}:{time.monotonic_ns()}")
        time.sleep(rng.uniform(0, CHAOS_S))


def _start(initializer: Callable[[], None] | None) -> None:
    """A worker's start. Ctrl-C in a terminal reaches every process of the preview: the
    workers leave it to the build's process, which stops them (`close`), rather than each
    printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


def _job(function: Callable[..., T], args: tuple) -> T:
    chaos(getattr(function, "__qualname__", "job"))
    return function(*args)


class Pool:
    """A few worker processes (as many as the machine has cores, at most `size`)."""

    def __init__(self, size: int = 2, initializer: Callable[[], None] | None = None):
        """`initializer`: what each worker runs when it starts (its imports). The workers
        start now, so that their start overlaps what the build does meanwhile."""
        workers = max(1, min(size, os.cpu_count() or 1))
        spawn = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=spawn,
            initializer=functools.partial(_start, initializer),
        )
        for _ in range(workers):  # the pool starts a worker for a job no worker is free for
            self._executor.submit(int)

    def submit(self, function: Callable[..., T], *args) -> "Future[T]":
        """Start `function(*args)` in a worker; its arguments and result are pickled."""
        return self._executor.submit(_job, function, args)

    def close(self) -> None:
        """Stop the workers once their jobs end (a job is bounded by its own wait)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def wait(future: "Future[T]", what: str, timeout: float = WAIT_S) -> T:
    """The job's result, or its error; TookTooLong after `timeout` seconds."""
    try:
        return future.result(timeout=timeout)
    except Timeout:
        raise TookTooLong(f"{what}: {timeout:.0f} s") from None
