"""Content problems: one line each, `path:line: message`, collected, never raised one by one."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __post_init__(self) -> None:
        # one line whatever a library's error text looks like
        object.__setattr__(self, "message", " ".join(str(self.message).split()))
        object.__setattr__(self, "line", max(1, int(self.line)))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised once, with every problem found, when content cannot be built."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} content problem(s)")
