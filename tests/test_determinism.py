"""Reproducible builds: two builds in separate processes, from different checkouts and
environments, give byte-identical dist/ folders.

The first is the session's full build (test runner's environment, with a fresh
cache, SOURCE_DATE_EPOCH given as the content's last commit time). The second
runs from a copy of the project at another path, with another time zone,
locale, hash seed and umask, started later, and finds its epoch in git itself.
It makes every figure, formula, note and file afresh; only the checks'
verdicts (pass or fail, which decide whether a build writes, never what it
writes) come from the first build's cache, which saves running them twice.
On a mismatch the test names each file and where it differs (with
diffoscope's report when diffoscope is installed).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, tree_hashes

NOT_COPIED = {".venv", "dist", "node_modules", "output", "__pycache__", ".pytest_cache", ".cache", ".hypothesis"}


def build(project: Path, out: Path, cwd: Path, env: dict[str, str], umask: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    result = subprocess.run([sys.executable, str(project / "build.py"), "--out", str(out)], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=900, preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr


def where_they_differ(a: Path, b: Path) -> str:
    if shutil.which("diffoscope"):
        report = subprocess.run(["diffoscope", "--text", "-", str(a), str(b)], capture_output=True, text=True)
        return report.stdout[:4000]
    left, right = a.read_bytes(), b.read_bytes()
    offset = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
    return (f"sizes {len(left)} and {len(right)}; first difference at byte {offset}: "
            f"{left[offset:offset + 40]!r} vs {right[offset:offset + 40]!r} (install diffoscope for more)")


def test_two_builds_from_different_checkouts_and_environments_are_byte_identical(full_dist, session_cache, tmp_path):
    other_checkout = shutil.copytree(ROOT, tmp_path / "elsewhere" / "kit", symlinks=True,
                                     ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
    first, second = full_dist, tmp_path / "two" / "out" / "dist"
    verdicts = shutil.copytree(session_cache / "check", tmp_path / "verdicts-only" / "check")
    assert len(list(verdicts.iterdir())) >= 100  # the real content's checks passed in the first build
    time.sleep(1.1)  # a build that reads the clock would now differ
    build(other_checkout, second, cwd=tmp_path, umask=0o077,
          env={"TZ": "Asia/Kolkata", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242",
               "STUDYKIT_CACHE": str(verdicts.parent)})
    made = {p.name for p in verdicts.parent.iterdir()}  # the kinds it stored, so made itself
    assert {"artifact", "drawing", "figure", "formula", "note"} <= made, made
    hashes_a, hashes_b = tree_hashes(first), tree_hashes(second)
    assert hashes_a, "the build wrote nothing"
    assert sorted(hashes_a) == sorted(hashes_b), "the two builds wrote different files"
    differing = sorted(name for name in hashes_a if hashes_a[name] != hashes_b[name])
    report = "\n".join(f"{name}: {where_they_differ(first / name, second / name)}" for name in differing)
    assert differing == [], f"files differ between builds:\n{report}"


def test_a_mismatch_report_says_where_the_files_differ(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # the report without diffoscope
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(b"same start, then A")
    b.write_bytes(b"same start, then B!")
    report = where_they_differ(a, b)
    assert "sizes 18 and 19" in report and "first difference at byte 17" in report
