"""Two builds in separate processes and different environments give byte-identical dist/."""
from __future__ import annotations

from conftest import ROOT, run_build, tree_hashes


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one" / "dist", tmp_path / "two" / "dist"
    env_a = {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"}
    env_b = {"TZ": "Asia/Kolkata", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242"}
    result_a = run_build("--out", str(first), cwd=tmp_path, env=env_a)
    result_b = run_build("--content", str(ROOT / "content"), "--out", str(second), cwd=ROOT, env=env_b)
    assert result_a.returncode == 0, result_a.stderr
    assert result_b.returncode == 0, result_b.stderr
    hashes_a, hashes_b = tree_hashes(first), tree_hashes(second)
    assert hashes_a, "the build wrote nothing"
    differing = sorted(name for name in hashes_a.keys() | hashes_b.keys()
                       if hashes_a.get(name) != hashes_b.get(name))
    assert differing == [], f"files differ between builds: {differing}"
