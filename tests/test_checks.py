"""The check runner: failures, hangs and crashes are reported with file and line."""
from __future__ import annotations

import pytest

from studykit.checks.run import run_checks
from studykit.machinery.supervise import MIB, Limits
from studykit.content.model import Location, Question


def question(qid: str, code: str, answer: str = "The answer is 4.") -> Question:
    return Question(id=qid, difficulty="easy", question="Q?", answer=answer, source="test",
                    topic_id="t", section_title="s", location=Location("content/t/s.yaml", 3),
                    check=code, check_location=Location("content/t/s.yaml", 10))


def test_passing_check_reports_nothing():
    assert run_checks([question("ok", "assert '4' in answer\n")]) == []


def test_failing_check_reports_the_file_line_of_the_assert():
    [problem] = run_checks([question("bad", "x = 1\nassert x == 2, 'x is 1'\n")])
    assert (problem.path, problem.line) == ("content/t/s.yaml", 12)
    assert problem.message == "check of 'bad' failed: AssertionError: x is 1"


def test_syntax_error_in_check():
    [problem] = run_checks([question("syn", "x = (\n")])
    assert "failed: SyntaxError" in problem.message


def test_checks_after_a_crash_still_run():
    problems = run_checks([question("crash", "import os\nos._exit(3)\n"), question("bad", "assert False\n")])
    assert [p.message for p in problems] == ["check of 'crash' exited with status 3",
                                             "check of 'bad' failed: AssertionError"]


FAST = Limits(seconds=2, memory_bytes=256 * MIB)
MISBEHAVIOUR = {  # check code -> the end of the message that reports it
    "while True:\n    pass\n": "was killed after 2 s",
    "import signal\nfor s in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT):\n    signal.signal(s, signal.SIG_IGN)\n"
    "while True:\n    pass\n": "was killed after 2 s",
    "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n    except BaseException:\n        pass\n":
        "was killed after 2 s",
    "import sys\nsys.exit(3)\n": "failed: exited with status 3 (sys.exit)",
    "import os\nos._exit(3)\n": "exited with status 3",
    "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n": "was killed by signal SIGTERM",
    "import ctypes\nctypes.string_at(0)\n": "was killed by signal SIGSEGV",
    "x = bytearray(1 << 30)\n": "exceeded 256 MiB of memory",
    "while True:\n    print('x' * 10000)\n": "wrote or printed more than 16 MiB",
    "raise ValueError('wrong')\n": "failed: ValueError: wrong",
    "assert 2 + 2 == 5, 'arithmetic'\n": "failed: AssertionError: arithmetic",
}


@pytest.mark.timeout(120)
def test_every_kind_of_misbehaviour_is_one_problem_at_its_check_and_the_rest_still_run():
    questions = [question(f"bad-{n}", code) for n, code in enumerate(MISBEHAVIOUR)]
    questions.insert(4, question("fine", "assert '4' in answer\n"))
    problems = run_checks(questions, limits=FAST, jobs=2)
    assert [p.message for p in problems] == [f"check of 'bad-{n}' {end}" for n, end in enumerate(MISBEHAVIOUR.values())]
    assert all(p.path == "content/t/s.yaml" for p in problems)


def test_a_memory_error_is_reported_at_the_line_that_allocated():
    [problem] = run_checks([question("mem", "x = 1\ny = bytearray(1 << 30)\n")], limits=FAST)
    assert (problem.line, problem.message) == (12, "check of 'mem' exceeded 256 MiB of memory")


def test_checks_have_no_network_and_run_in_a_scratch_directory(tmp_path):
    code = ("import os, socket\nassert os.listdir('.') == ['output.log'], os.listdir('.')\n"
            "s = socket.socket()\ns.settimeout(5)\n"
            "try:\n    s.connect(('127.0.0.1', 9))\nexcept OSError as err:\n    assert 'unreachable' in str(err), err\n"
            "else:\n    raise AssertionError('connected')\n")
    assert run_checks([question("offline", code)]) == []


def test_a_check_can_read_the_data_a_figure_script_draws(tmp_path):
    script = tmp_path / "tree.py"
    script.write_text("LEAVES = [3, 5, 2]\n\ndef render():\n    raise AssertionError('not rendered for checks')\n")
    ok = question("uses-figure", "assert max(figure_data('tree')['LEAVES']) == 5\n")
    wrong = question("wrong-figure", "assert max(figure_data('tree')['LEAVES']) == 9\n")
    problems = run_checks([ok, wrong], figure_sources={"tree": script})
    assert [p.message.split(":")[0] for p in problems] == ["check of 'wrong-figure' failed"]


def test_parallel_workers_report_the_same_problems_as_one(tmp_path):
    questions = [question(f"ok-{i}", "assert True\n") for i in range(5)]
    questions += [question("crash", "import os\nos._exit(3)\n"), question("bad", "assert 1 == 2\n")]
    serial = run_checks(questions, jobs=1)
    parallel = run_checks(questions, jobs=3)
    assert [str(p) for p in parallel] == [str(p) for p in serial]
    assert len(serial) == 2


def test_a_fresh_interpreter_takes_over_after_a_batch_of_checks(monkeypatch):
    from studykit.machinery import supervise

    monkeypatch.setattr(supervise, "JOBS_PER_CHILD", 2)
    # each check counts the checks its interpreter has run; a third one in the same interpreter fails
    counting = "import sys\nsys.ran = getattr(sys, 'ran', 0) + 1\nassert sys.ran <= 2, sys.ran\n"
    crash = "import os\nos._exit(3)\n"
    questions = [question(f"q{n}", counting) for n in range(3)] + [question("crash", crash)]
    questions += [question(f"r{n}", counting) for n in range(3)]
    problems = run_checks(questions)
    assert [p.message for p in problems] == ["check of 'crash' exited with status 3"]
