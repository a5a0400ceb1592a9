"""Benchmark: how long the builds take, printed as numbers (no assertions).

    .venv/bin/python bench/bench.py            # real content, each artifact and the whole build

Each measurement is a separate `build.py` process into a fresh temporary
folder, so it includes start-up, validation and the running of checks; the
peak memory is the build process's maximum resident set size (the check
worker, a separate process, is not included).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studykit.builders import BUILDERS  # noqa: E402


def timed_build(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one build.py run."""
    with tempfile.TemporaryDirectory(prefix="bench-") as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--out", out, *args],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"build failed ({' '.join(args)}):\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is shown")
    args = parser.parse_args()
    runs = [("validate only (--check)", ["--check"])]
    runs += [(f"{name} only", ["--only", name]) for name in sorted(BUILDERS)]
    runs += [("clean build, everything", [])]
    print(f"{'measurement':<28} {'seconds':>8} {'peak MiB':>9}")
    for label, build_args in runs:
        results = [timed_build(build_args) for _ in range(args.repeat)]
        seconds = min(r[0] for r in results)
        peak = max(r[1] for r in results)
        print(f"{label:<28} {seconds:>8.2f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
