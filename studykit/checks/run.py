"""Run every question's `check` code in supervised child processes.

A check is Python that recomputes what the answer states and asserts it. It
runs in `checks.worker` (a fresh interpreter, supervised from outside by
machinery.supervise: a time limit per check, a memory limit, capped output,
no network), so a check cannot touch the build's state, and whatever it does
is reported at its line, never a hang. A check that passed is remembered in
the build cache, keyed by its code, the question text it reads and (when it
calls figure_data) the figure scripts.
"""
from __future__ import annotations

from pathlib import Path

from ..content.model import Question
from ..content.problems import Problem
from ..content.segments import python_blocks
from ..machinery.cache import BuildCache
from ..machinery.progress import QUIET, Progress
from ..machinery.supervise import Limits, Outcome, run_jobs
from ..render.figures import folder_digest

WORKER = "studykit.checks.worker"


def run_checks(questions: list[Question], limits: Limits = Limits(),
               figure_sources: dict[str, Path] | None = None, jobs: int = 1,
               cache: BuildCache | None = None, progress: Progress = QUIET) -> list[Problem]:
    """`figure_sources` lets a check load a figure script's data with `figure_data(name)`,
    so a check tests the very numbers a figure draws."""
    checked = [q for q in questions if q.check.strip()]
    if not checked:
        return []
    cache = cache or BuildCache(None)
    figures_digest = folder_digest((figure_sources or {}).values())
    # children work in a scratch directory: they get absolute paths
    figure_paths = {name: str(Path(path).resolve()) for name, path in (figure_sources or {}).items()}
    all_jobs = [
        {
            "id": q.id,
            "code": q.check,
            "figures": figure_paths,
            "namespace": {
                "question": q.question,
                "answer": q.answer,
                "explanation": q.explanation,
                "python_blocks": python_blocks(q.answer, q.explanation),
            },
        }
        for q in checked
    ]
    keys = {job["id"]: cache.key("check", {k: v for k, v in job.items() if k != "figures"},
                                 figures_digest if "figure_data" in job["code"] else "")
            for job in all_jobs}
    results: dict[str, Outcome] = {job["id"]: Outcome({"ok": True}) for job in all_jobs
                                   if cache.get(keys[job["id"]]) is not None}
    payload = [job for job in all_jobs if job["id"] not in results]
    with progress.task("checks", len(payload)) as advance:
        outcomes = run_jobs(WORKER, payload, limits, workers=jobs, on_done=advance)
    for job, outcome in zip(payload, outcomes):
        results[job["id"]] = outcome
        if outcome.result and outcome.result.get("ok") and not outcome.failure:
            cache.put(keys[job["id"]], b"ok")
    return [p for q in checked for p in _problems_for(q, results[q.id])]


def _problems_for(q: Question, outcome: Outcome) -> list[Problem]:
    where = q.check_location or q.location
    result = outcome.result or {}
    if result.get("ok") and not outcome.failure:
        return []
    # check code sits in a block scalar, so its line 1 is the line after `check: |`
    line = where.line + result["line"] if result.get("line") else where.line
    if outcome.failure:
        return [Problem(where.path, line, f"check of '{q.id}' {outcome.failure}")]
    return [Problem(where.path, line, f"check of '{q.id}' failed: {result['error']}")]
