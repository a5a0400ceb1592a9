"""Progress of the slow steps: live bars on a terminal, nothing at all otherwise.

Logs, pipes and CI get only the build's one-line summaries; a person at a
terminal sees what the build is doing (checks, figures, formulas, documents).
The bars go to stderr and vanish when the build ends, so stdout stays the same.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator


def wants_live_display(stream=None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """`with progress.task("checks", 307) as advance: ... advance()`; quiet unless `live`."""

    def __init__(self, live: bool = False):
        self._bars = None
        if live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            self._bars = Bars(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                              TimeElapsedColumn(), console=Console(stderr=True), transient=True,
                              # no refresh thread: the build forks workers, and a fork copies a
                              # thread's held locks but not the thread; each step redraws instead
                              auto_refresh=False,
                              # printed lines go above the bars when both share the terminal, else stay on stdout
                              redirect_stdout=sys.stdout.isatty(), redirect_stderr=False)

    def __enter__(self) -> Progress:
        if self._bars:
            self._bars.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bars:
            self._bars.stop()

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        if not self._bars or total <= 0:
            yield lambda n=1: None
            return
        task_id = self._bars.add_task(label, total=total)
        self._bars.refresh()  # show the step at once, however short it turns out

        def advance(n: int = 1) -> None:
            self._bars.advance(task_id, n)
            self._bars.refresh()

        try:
            yield advance
        finally:
            self._bars.remove_task(task_id)


QUIET = Progress(live=False)
