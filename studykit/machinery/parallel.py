"""Run independent pieces of a build in parallel processes, results in input order.

Workers are forked, so they inherit the build's state (catalog, figures,
typeset formulas) without pickling it; only the items and results travel.
The pool notices a worker that dies (a crash, the OOM killer), and the build
then stops with one line naming what was being made, instead of waiting for
a result that never comes.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, TypeVar

from .supervise import die_with_parent

T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(Exception):
    """A worker process of the build died while making something."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_function: Callable | None = None  # set before the workers fork; they inherit them
_items: list = []
_state = None  # per item: 0 waiting, 1 being made, 2 made (shared with the workers)


_current: list[int] = []  # in a worker: the item it is making

# Workers are forked with these blocked, so that a stop signal reaching a worker before its
# setup waits for the worker's own handler instead of running the build's (inherited by fork).
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_GRACE = 5.0  # seconds a worker has to stop on SIGTERM before it is killed


def _apply(chunk: range) -> list:
    results = []
    for i in chunk:
        _current[:] = [i]
        _state[i] = 1
        results.append(_function(_items[i]))
        _state[i] = 2
    _current.clear()
    return results


def _stopped(signum, frame) -> None:
    """A worker stopped by the build (not the one that died) says so, so only the culprit is named."""
    for i in _current:
        _state[i] = 3
    os._exit(128 + signum)


def _worker_setup() -> None:
    """Workers leave interrupts to the build process, which stops them (quietly, by SIGTERM),
    and on Linux they get SIGKILL when the build process dies, even by `kill -9`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stopped)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    die_with_parent()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """SIGTERM, then SIGKILL for a worker still alive after the grace time, so that shutting
    the pool down (which waits for every worker) cannot hang on a worker stuck in C code or
    ignoring signals."""
    processes = [p for p in list((getattr(pool, "_processes", None) or {}).values()) if p.is_alive()]
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + _GRACE
    waiting = [p.sentinel for p in processes]
    while waiting and (left := deadline - time.monotonic()) > 0:
        ended = multiprocessing.connection.wait(waiting, timeout=left)
        waiting = [s for s in waiting if s not in ended]
    for process in processes:
        if process.sentinel in waiting:
            process.kill()


def parallel_map(function: Callable[[T], R], items: Iterable[T], jobs: int, chunksize: int = 1,
                 on_done: Callable[[], None] = lambda: None,
                 describe: Callable[[T], str] = repr) -> list[R]:
    """`function` may be a closure: it reaches the workers by fork, not by pickling.
    `on_done` is called once per finished item (for progress); `describe` names the items being
    made when a worker dies (raised as WorkerDied)."""
    global _function, _items, _state
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(function(item))
            on_done()
        return results
    context = multiprocessing.get_context("fork")
    _function, _items, _state = function, items, context.RawArray("b", len(items))
    chunks = [range(i, min(i + chunksize, len(items))) for i in range(0, len(items), chunksize)]
    pool = ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context, initializer=_worker_setup)
    try:
        futures = []
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            for chunk in chunks:  # the first submit forks the workers
                futures.append(pool.submit(_apply, chunk))
        except BrokenProcessPool:
            pass  # a worker died before everything was handed out: reported below, like any death
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for future, chunk in zip(futures, chunks):
            future.add_done_callback(lambda f, n=len(chunk): f.exception() is None and [on_done() for _ in range(n)])
        wait(futures, return_when=FIRST_EXCEPTION)
        if len(futures) < len(chunks) or any(f.done() and isinstance(f.exception(), BrokenProcessPool)
                                             for f in futures):
            _stop_workers(pool)
            pool.shutdown(wait=True)  # the other workers have been stopped and have marked their items
            making = [describe(items[i]) for i in range(len(items)) if _state[i] == 1]
            raise WorkerDied("a worker process died (killed, or out of memory) while making "
                             + (", ".join(making[:4]) + (", ..." if len(making) > 4 else "") or "an item"))
        return [result for f in futures for result in f.result()]  # a worker's exception is raised here
    finally:
        _function, _items, _state = None, [], None
        _stop_workers(pool)  # leaving stops the workers at once, also on an error or an interrupt
        pool.shutdown(wait=True, cancel_futures=True)
