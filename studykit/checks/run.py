"""Run every question's `check` code in a separate process with a time limit.

A check is Python that recomputes what the answer states and asserts it. It
runs in `check_worker` (a fresh interpreter), so a check cannot touch the
build's state, and a hanging or crashing check is reported, not fatal. A check
that passed is remembered in the build cache, keyed by its code, the question
text it reads and (when it calls figure_data) the figure scripts.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from ..content.model import Question
from ..content.problems import Problem
from ..content.segments import python_blocks
from ..machinery.cache import BuildCache
from ..machinery.progress import QUIET, Progress
from ..render.figures import folder_digest

TIME_LIMIT_SECONDS = 20  # per check
PROGRESS_INTERVAL_SECONDS = 0.25
# a fresh interpreter after this many checks: what checks leave behind (imports, caches) stays
# bounded however much content there is, at the price of a restart (about 0.5 s) per batch
CHECKS_PER_INTERPRETER = 250


def run_checks(questions: list[Question], time_limit: float = TIME_LIMIT_SECONDS,
               figure_sources: dict[str, Path] | None = None, jobs: int = 1,
               cache: BuildCache | None = None, progress: Progress = QUIET) -> list[Problem]:
    """`figure_sources` lets a check load a figure script's data with `figure_data(name)`,
    so a check tests the very numbers a figure draws."""
    checked = [q for q in questions if q.check.strip()]
    if not checked:
        return []
    cache = cache or BuildCache(None)
    figures_digest = folder_digest((figure_sources or {}).values())
    all_jobs = [
        {
            "id": q.id,
            "code": q.check,
            "limit": time_limit,
            "figures": {name: str(path) for name, path in (figure_sources or {}).items()},
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
    results: dict[str, dict] = {job["id"]: {"id": job["id"], "ok": True} for job in all_jobs
                                if cache.get(keys[job["id"]]) is not None}
    payload = [job for job in all_jobs if job["id"] not in results]
    workers = max(1, min(jobs, len(payload)))
    chunks = [payload[i::workers] for i in range(workers)] if payload else []
    with progress.task("checks", len(payload)) as advance, \
            ThreadPoolExecutor(max_workers=max(1, len(chunks))) as pool:  # each thread drives one worker process
        for finished in pool.map(lambda chunk: _run_chunk(chunk, time_limit, advance), chunks):
            results.update(finished)
            for job_id, result in finished.items():
                if result["ok"]:
                    cache.put(keys[job_id], b"ok")
    return [p for q in checked for p in _problems_for(q, results.get(q.id))]


def _run_chunk(pending: list[dict], time_limit: float, advance: Callable[[int], None]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    while pending:
        batch = pending[:CHECKS_PER_INTERPRETER]
        results.update(_run_worker(batch, time_limit, advance))
        unfinished = [job for job in batch if job["id"] not in results]
        if unfinished:
            # the worker died on the first check it did not report; skip it and go on
            unfinished = unfinished[1:]
        pending = unfinished + pending[CHECKS_PER_INTERPRETER:]
    return results


def _run_worker(payload: list[dict], time_limit: float, advance: Callable[[int], None]) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="checks-") as tmp:
        jobs_file, results_file = Path(tmp, "jobs.json"), Path(tmp, "results.jsonl")
        jobs_file.write_text(json.dumps(payload))
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="svg", PYTHONPATH=package_root)
        process = subprocess.Popen(
            [sys.executable, "-m", "studykit.checks.worker", str(jobs_file), str(results_file)],
            cwd=tmp, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + time_limit * len(payload) + 30
        reported = 0
        try:
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    process.wait(timeout=PROGRESS_INTERVAL_SECONDS)
                except subprocess.TimeoutExpired:
                    pass
                finished = len(_read_results(results_file))
                advance(finished - reported)
                reported = finished
        finally:
            if process.poll() is None:  # past the deadline, or the build was interrupted
                process.kill()
                process.wait()
        return _read_results(results_file)  # whatever finished is in the results file


def _read_results(path: Path) -> dict[str, dict]:
    results = {}
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            results[item["id"]] = item
    return results


def _problems_for(q: Question, result: dict | None) -> list[Problem]:
    where = q.check_location or q.location
    if result is None:
        return [Problem(where.path, where.line, f"check of '{q.id}' did not finish (crashed or hung)")]
    if result["ok"]:
        return []
    # check code sits in a block scalar, so its line 1 is the line after `check: |`
    line = where.line + result["line"] if result.get("line") else where.line
    return [Problem(where.path, line, f"check of '{q.id}' failed: {result['error']}")]
