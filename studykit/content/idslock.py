"""content/ids.lock: every question id ever released. FIRM.

One id a line. An id that leaves the content stays in the file, marked
`retired`, so it is never reused (a reused id would inherit someone's review
history for a different question).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

LOCK_NAME = "ids.lock"
HEADER = """\
# Every question id ever released, one a line. Never delete a line: when a
# question is removed, write ` retired` after its id. Retired ids are never reused.
# Add new ids with: python build.py --update-ids-lock
"""


@dataclass
class IdsLock:
    path: Path
    released: dict[str, int] = field(default_factory=dict)  # id -> line
    retired: set[str] = field(default_factory=set)


def read_lock(content_dir: Path, shown_path: str) -> tuple[IdsLock, list[Problem]]:
    lock = IdsLock(content_dir / LOCK_NAME)
    problems: list[Problem] = []
    if not lock.path.exists():
        return lock, problems
    for number, raw in enumerate(lock.path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        if len(line) > 2 or (len(line) == 2 and line[1] != "retired"):
            problems.append(Problem(shown_path, number, "expected '<id>' or '<id> retired'"))
            continue
        if line[0] in lock.released:
            problems.append(Problem(shown_path, number, f"id '{line[0]}' is listed twice"))
            continue
        lock.released[line[0]] = number
        if len(line) == 2:
            lock.retired.add(line[0])
    return lock, problems


def lock_problems(lock: IdsLock, shown_path: str, ids_in_content: set[str]) -> list[Problem]:
    problems = []
    for qid, line in sorted(lock.released.items()):
        if qid in lock.retired and qid in ids_in_content:
            problems.append(Problem(shown_path, line, f"id '{qid}' is retired and must not be reused"))
        elif qid not in lock.retired and qid not in ids_in_content:
            problems.append(Problem(shown_path, line, f"released id '{qid}' has vanished from the content; "
                                                      "restore it or mark it retired"))
    return problems


def write_lock(lock: IdsLock, ids_in_content: set[str]) -> list[str]:
    """Add the ids that are not in the lock yet; return them."""
    new = sorted(ids_in_content - set(lock.released))
    lines = [f"{qid} retired" if qid in lock.retired else qid for qid in lock.released]
    lines = sorted(set(lines + new))
    lock.path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return new
