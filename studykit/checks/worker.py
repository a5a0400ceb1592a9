"""Runs check code: `python -m studykit.checks.worker JOBS.json RESULTS.jsonl`.

Writes one JSON line per finished check, so the parent knows how far it got
even if a check kills the interpreter.
"""
from __future__ import annotations

import contextlib
import io
import json
import runpy
import signal
import sys
import traceback


class CheckTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise CheckTimeout


def _figure_loader(paths: dict[str, str]):
    def figure_data(name: str) -> dict:
        """The namespace of figure script `name` (its data, without rendering it)."""
        if name not in paths:
            raise KeyError(f"no figure script named '{name}'")
        return runpy.run_path(paths[name], run_name="figure_data")
    return figure_data


def run_one(job: dict) -> dict:
    filename = f"<check {job['id']}>"
    namespace = {"__name__": "__check__", "figure_data": _figure_loader(job.get("figures", {})),
                 **job["namespace"]}
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, job["limit"])
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(job["code"], filename, "exec"), namespace)
    except CheckTimeout:
        return {"id": job["id"], "ok": False, "line": 0,
                "error": f"took longer than {job['limit']:g} s"}
    except BaseException as err:  # noqa: BLE001 - any failure of content code is reported
        line = err.lineno or 0 if isinstance(err, SyntaxError) else 0
        for frame in traceback.extract_tb(err.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        message = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
        return {"id": job["id"], "ok": False, "line": line, "error": message}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return {"id": job["id"], "ok": True}


def main(jobs_path: str, results_path: str) -> None:
    with open(jobs_path) as f:
        jobs = json.load(f)
    with open(results_path, "w") as out:
        for job in jobs:
            out.write(json.dumps(run_one(job)) + "\n")
            out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
