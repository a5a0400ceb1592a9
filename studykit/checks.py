"""Run every question's `check` code in a separate process with a time limit.

A check is Python that recomputes what the answer states and asserts it. It
runs in `check_worker` (a fresh interpreter), so a check cannot touch the
build's state, and a hanging or crashing check is reported, not fatal.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .model import Question
from .problems import Problem
from .segments import python_blocks

TIME_LIMIT_SECONDS = 20  # per check


def run_checks(questions: list[Question], time_limit: float = TIME_LIMIT_SECONDS,
               figure_sources: dict[str, Path] | None = None, jobs: int = 1) -> list[Problem]:
    """`figure_sources` lets a check load a figure script's data with `figure_data(name)`,
    so a check tests the very numbers a figure draws."""
    checked = [q for q in questions if q.check.strip()]
    if not checked:
        return []
    payload = [
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
    results: dict[str, dict] = {}
    workers = max(1, min(jobs, len(payload)))
    chunks = [payload[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:  # each thread drives one worker process
        for finished in pool.map(lambda chunk: _run_chunk(chunk, time_limit), chunks):
            results.update(finished)
    return [p for q in checked for p in _problems_for(q, results.get(q.id))]


def _run_chunk(pending: list[dict], time_limit: float) -> dict[str, dict]:
    results: dict[str, dict] = {}
    while pending:
        results.update(_run_worker(pending, time_limit))
        unfinished = [job for job in pending if job["id"] not in results]
        if unfinished:
            # the worker died on the first check it did not report; skip it and go on
            unfinished = unfinished[1:]
        pending = unfinished
    return results


def _run_worker(payload: list[dict], time_limit: float) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="checks-") as tmp:
        jobs_file, results_file = Path(tmp, "jobs.json"), Path(tmp, "results.jsonl")
        jobs_file.write_text(json.dumps(payload))
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="svg", PYTHONPATH=package_root)
        try:
            subprocess.run(
                [sys.executable, "-m", "studykit.check_worker", str(jobs_file), str(results_file)],
                cwd=tmp, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=time_limit * len(payload) + 30,
            )
        except subprocess.TimeoutExpired:
            pass  # whatever finished is in the results file
        return _read_results(results_file)


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
