"""Run independent pieces of a build in parallel processes, results in input order.

Workers are forked, so they inherit the build's state (catalog, figures,
typeset formulas) without pickling it; only the items and results travel.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_function: Callable | None = None  # set before the workers fork; they inherit it


def _apply(item):
    return _function(item)


def _worker_setup() -> None:
    """Workers leave interrupts to the build process, which stops them (quietly, by SIGTERM),
    and on Linux they get SIGKILL when the build process dies, even by `kill -9`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def parallel_map(function: Callable[[T], R], items: Iterable[T], jobs: int, chunksize: int = 1,
                 on_done: Callable[[], None] = lambda: None) -> list[R]:
    """`function` may be a closure: it reaches the workers by fork, not by pickling.
    `on_done` is called once per finished item (for progress)."""
    global _function
    items = list(items)
    results: list[R] = []
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            results.append(function(item))
            on_done()
        return results
    context = multiprocessing.get_context("fork")
    _function = function
    try:
        # leaving the block terminates the workers, also on an error or an interrupt
        with context.Pool(min(jobs, len(items)), initializer=_worker_setup) as pool:
            for result in pool.imap(_apply, items, chunksize=chunksize):
                results.append(result)
                on_done()
        return results
    finally:
        _function = None
