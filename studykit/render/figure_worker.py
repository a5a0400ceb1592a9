"""Runs figure scripts, one per job: `python -m studykit.render.figure_worker` (a supervised child).

A job names a script; the answer is its ALT and the SVG its render() returned,
or what went wrong. Time, memory and output are limited from outside
(machinery.supervise).
"""
from __future__ import annotations

import runpy

from ..machinery.supervise import exceeded_limit, serve


def render_script(job: dict) -> dict:
    name = job["name"]
    try:
        namespace = runpy.run_path(job["path"], run_name=f"figure_{name.replace('-', '_')}")
        text = namespace["render"]()
    except BaseException as err:  # noqa: BLE001 - any failure of content code is reported
        limit = exceeded_limit(err)
        if limit:
            return {"exceeded": limit}
        if isinstance(err, SystemExit):
            return {"error": f"figure script exited with status {err.code if err.code is not None else 0} "
                             "(sys.exit)"}
        return {"error": f"figure script failed: {type(err).__name__}: {err}"}
    if not isinstance(text, str):
        return {"error": "render() must return SVG text"}
    return {"svg": text, "alt": str(namespace.get("ALT", name.replace("-", " ")))}


if __name__ == "__main__":
    serve(render_script)
