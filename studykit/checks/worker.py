"""Runs check code, one check per job: `python -m studykit.checks.worker` (a supervised child).

The parent (checks.run, through machinery.supervise) limits its time, memory
and output from outside; here a check's failure is only described: the
exception and the line of the check it came from.
"""
from __future__ import annotations

import runpy
import traceback

from ..machinery.supervise import exceeded_limit, serve


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
    try:
        exec(compile(job["code"], filename, "exec"), namespace)
    except BaseException as err:  # noqa: BLE001 - any failure of content code is reported
        line = err.lineno or 0 if isinstance(err, SyntaxError) else 0
        for frame in traceback.extract_tb(err.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        limit = exceeded_limit(err)
        if limit:
            return {"id": job["id"], "ok": False, "line": line, "exceeded": limit}
        if isinstance(err, SystemExit):
            message = f"exited with status {err.code if err.code is not None else 0} (sys.exit)"
        else:
            message = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
        return {"id": job["id"], "ok": False, "line": line, "error": message}
    return {"id": job["id"], "ok": True}


if __name__ == "__main__":
    serve(run_one)
