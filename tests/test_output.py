"""dist/ is replaced only when the whole build succeeded."""
from __future__ import annotations

import pytest

from conftest import good, run_build, section, tree_hashes
from studykit import cli
from studykit.builders import Builder
from studykit.release.output import staged_directory


def test_failed_stage_leaves_target_untouched(tmp_path):
    target = tmp_path / "dist"
    target.mkdir()
    (target / "old.txt").write_text("previous release")
    with pytest.raises(RuntimeError):
        with staged_directory(target) as staging:
            (staging / "new.txt").write_text("half written")
            raise RuntimeError("builder crashed")
    assert tree_hashes(target) == {"old.txt": tree_hashes(tmp_path / "dist")["old.txt"]}
    assert (target / "old.txt").read_text() == "previous release"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"], "no staging folder left behind"


def test_successful_stage_replaces_target(tmp_path):
    target = tmp_path / "dist"
    target.mkdir()
    (target / "old.txt").write_text("previous")
    with staged_directory(target) as staging:
        (staging / "new.txt").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_bad_content_keeps_previous_dist(tree, tmp_path):
    content = tree({"alpha/one": section(good("a-one"))})
    out = tmp_path / "dist"
    assert run_build("--content", str(content), "--out", str(out)).returncode == 0
    before = tree_hashes(out)
    (content / "alpha" / "one.yaml").write_text(section(good("a-one").replace("easy", "tough")))
    result = run_build("--content", str(content), "--out", str(out))
    assert result.returncode == 2
    assert tree_hashes(out) == before


class CrashingBuilder(Builder):
    name = "answers"

    def build(self, ctx, out_dir):
        (out_dir / "answers").mkdir()
        (out_dir / "answers" / "half.md").write_text("half written")
        raise ZeroDivisionError("division by zero")


def test_internal_error_is_one_line_and_keeps_previous_dist(tree, tmp_path, monkeypatch, capsys):
    content = tree({"alpha/one": section(good("a-one"))})
    out = tmp_path / "dist"
    assert cli.main(["--content", str(content), "--out", str(out)]) == 0
    before = tree_hashes(out)
    capsys.readouterr()
    monkeypatch.setitem(cli.BUILDERS, "answers", CrashingBuilder)
    assert cli.main(["--content", str(content), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == "internal error: ZeroDivisionError: division by zero (run with --debug for the traceback)\n"
    assert tree_hashes(out) == before
    with pytest.raises(ZeroDivisionError):
        cli.main(["--content", str(content), "--out", str(out), "--debug"])
