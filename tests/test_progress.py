"""Progress bars on a terminal; nothing extra in logs, pipes or CI."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import ROOT, good, section

ESCAPE = "\x1b["


def build_with_stderr_on_a_terminal(content, out, env: dict[str, str]) -> tuple[str, str]:
    """(stdout, what the terminal on stderr showed) of one build."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                                    "--out", str(out), "--no-cache"], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=terminal, text=True, env={**os.environ, **env})
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the build closed its end of the terminal
                break
            if not chunk:
                break
            shown += chunk
        stdout = process.communicate(timeout=300)[0]
    finally:
        os.close(controller)
    assert process.returncode == 0, shown.decode(errors="replace")
    return stdout, shown.decode(errors="replace")


def content_with_checks(tree):
    question = good("q-one") + "    figure: dot\n    check: |\n      assert 'x^2' in answer\n"
    content = tree({"alpha/one": section(question, good("q-two"))})
    (content / "figures").mkdir()
    (content / "figures" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    return content


def test_a_terminal_shows_live_progress_of_each_step(tree, tmp_path):
    stdout, shown = build_with_stderr_on_a_terminal(
        content_with_checks(tree), tmp_path / "dist", {"CI": "", "TERM": "xterm-256color"})
    assert ESCAPE in shown
    for step in ("checks", "figures", "formulas", "anki", "answers", "pdf"):
        assert step in shown, f"no progress shown for {step}"
    assert ESCAPE not in stdout and "built 1 topic" in stdout


def test_ci_and_pipes_get_plain_quiet_output(tree, tmp_path):
    content = content_with_checks(tree)
    stdout, shown = build_with_stderr_on_a_terminal(content, tmp_path / "ci", {"CI": "true", "TERM": "xterm"})
    assert shown == ""
    piped = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out",
                            str(tmp_path / "piped"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "CI": "", "TERM": "xterm"})
    assert piped.returncode == 0 and piped.stderr == ""
    for output in (stdout, piped.stdout):
        assert ESCAPE not in output
        assert output.splitlines() == [line for line in output.splitlines() if line.strip()]
        assert output.splitlines()[-1].startswith("built 1 topic")
