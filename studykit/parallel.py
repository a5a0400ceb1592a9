"""Run independent pieces of a build in parallel processes, results in input order.

Workers are forked, so they inherit the build's state (catalog, figures,
typeset formulas) without pickling it; only the items and results travel.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_function: Callable | None = None  # set before the workers fork; they inherit it


def _apply(item):
    return _function(item)


def parallel_map(function: Callable[[T], R], items: Iterable[T], jobs: int, chunksize: int = 1) -> list[R]:
    """`function` may be a closure: it reaches the workers by fork, not by pickling."""
    global _function
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    _function = function
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context) as pool:
            return list(pool.map(_apply, items, chunksize=chunksize))
    finally:
        _function = None
