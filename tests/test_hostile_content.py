"""Broken and hostile content: every case is one clear `path:line: message`, exit 2, no traceback,
and nothing that reaches a card, a PDF or an answer key can run script or fetch anything."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import ROOT, good, run_build, section, tree_hashes
from test_validation import check, only_problem


def write_section(content, raw: bytes):
    (content / "alpha" / "one.yaml").write_bytes(raw)
    return content


def test_billion_laughs_fails_fast_with_a_clear_error(tree):
    content = tree({"alpha/one": section(good("a-one"))})
    bomb = ["title: Bomb", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    write_section(content, ("\n".join(bomb) + "\nquestions: []\n").encode())
    started = time.perf_counter()
    path, line, message = only_problem(content)
    assert time.perf_counter() - started < 60
    assert path.endswith("alpha/one.yaml") and "alias bomb" in message


@pytest.mark.parametrize("raw, line, words", [
    (b"title: S\nquestions:\n  - id: a-one\n    question: caf\xe9?\n", 4, "not valid UTF-8"),
    (b"title: S\nquestions:\n\t- id: a-one\n", 3, "tab in indentation"),
    (b"\xef\xbb\xbftitle: S\nquestions: []\n", 1, "byte-order mark"),
    (b"", 1, "file is empty"),
    (b"- just\n- a list\n", 1, "must be a mapping"),
])
def test_unreadable_section_files_name_file_and_line(tree, raw, line, words):
    content = write_section(tree({"alpha/one": section(good("a-one"))}), raw)
    _, problems = check(content)
    assert any(p.endswith("alpha/one.yaml") and ln == line and words in m for p, ln, m in problems), problems


def test_non_string_where_text_is_expected(tree):
    content = tree({"alpha/one": section(good("a-one").replace('question: What is a-one?', 'question: [1, 2]'))})
    path, line, message = only_problem(content)
    assert line == 5 and "'question' must be text" in message


@pytest.mark.parametrize("text, words", [
    ("See ![plot](https://example.com/x.png).", "image 'https://example.com/x.png'"),
    ("See ![passwd](file:///etc/passwd).", "image 'file:///etc/passwd'"),
    ('<img src="http://example.com/t.gif">', "image 'http://example.com/t.gif'"),
    ("<script>alert(1)</script>", "'<script' in answer"),
    ('<a href="javascript:alert(1)">x</a>', "'javascript:' in answer"),
    ('<b onclick="alert(1)">x</b>', "'onclick=' in answer"),
    ("<iframe src=x></iframe>", "'<iframe' in answer"),
    ("<style>body{display:none}</style>", "'<style' in answer"),
])
def test_images_from_outside_and_active_html_are_errors(tree, text, words):
    content = tree({"alpha/one": section(good("a-one").replace("It is $x^2$.", f"'{text}'"))})
    path, line, message = only_problem(content)
    assert path.endswith("alpha/one.yaml") and line == 6 and words in message, message


def test_html_that_passes_validation_is_sanitised_in_every_artifact(tree, tmp_path):
    """Markup the validator lets through (it is not active) is still cut to the allow-list."""
    answer = "'A <span style=\"color:red\" class=\"x\">styled</span> <u>word</u> and <a href=\"https://example.com\" target=\"_top\">link</a>.'"
    content = tree({"alpha/one": section(good("a-one").replace("It is $x^2$.", answer))})
    out = tmp_path / "dist"
    result = run_build("--content", str(content), "--out", str(out), "--only", "anki", "--only", "answers",
                       env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert result.returncode == 0, result.stderr
    from studykit.builders.anki.builder import field_html
    html = field_html(answer.strip("'"))
    assert "style=" not in html and "<u>" not in html and "target=" not in html
    assert 'class="x"' in html and 'rel="noopener noreferrer"' in html


def test_the_build_opens_no_network_connection(tree, tmp_path, monkeypatch):
    from studykit.cli import main

    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    content = tree({"alpha/one": section(good("a-one"), good("a-two"))})
    assert main(["--content", str(content), "--out", str(tmp_path / "dist"), "--jobs", "1"]) == 0
    assert (tmp_path / "dist" / "pdf" / "alpha.pdf").exists()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_build_leaves_the_previous_dist_exactly_as_it_was(tree, tmp_path, how):
    content = tree({"alpha/one": section(*[good(f"q-{i}") for i in range(12)])})
    out = tmp_path / "dist"
    first = run_build("--content", str(content), "--out", str(out), "--only", "answers")
    assert first.returncode == 0, first.stderr
    before = tree_hashes(out)
    log = tmp_path / "stderr.txt"
    with open(log, "w") as stderr_file:  # a file, not a pipe: a killed build cannot leave it open
        # SIGINT as at a terminal, even when the test run itself was started with it ignored
        # (a background job of a non-interactive shell), which the build would inherit
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                                    "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr_file,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".dist.staging-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the build is writing its staging folder
    assert process.poll() is None, "the build finished before it could be interrupted"
    time.sleep(0.3)
    process.send_signal(how)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in log.read_text()
    assert tree_hashes(out) == before
    if how != signal.SIGKILL:  # a killed process cannot clean up; a later build does not care
        assert not list(tmp_path.glob(".dist.staging-*"))
