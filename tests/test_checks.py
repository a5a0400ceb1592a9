"""The check runner: failures, hangs and crashes are reported with file and line."""
from __future__ import annotations

from studykit.checks.run import run_checks
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


def test_hanging_check_times_out_and_others_still_run():
    problems = run_checks([question("hang", "while True:\n    pass\n"), question("ok", "assert True\n")],
                          time_limit=1)
    assert [p.message for p in problems] == ["check of 'hang' failed: took longer than 1 s"]


def test_crashing_check_is_reported_and_does_not_stop_the_build():
    problems = run_checks([question("crash", "import os\nos._exit(3)\n"), question("ok", "assert True\n")])
    assert [p.message for p in problems] == ["check of 'crash' did not finish (crashed or hung)"]


def test_checks_after_a_crash_still_run():
    problems = run_checks([question("crash", "import os\nos._exit(3)\n"), question("bad", "assert False\n")])
    assert [p.message for p in problems] == ["check of 'crash' did not finish (crashed or hung)",
                                             "check of 'bad' failed: AssertionError"]


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
    from studykit.checks import run as checks

    monkeypatch.setattr(checks, "CHECKS_PER_INTERPRETER", 2)
    # each check counts the checks its interpreter has run; a third one in the same interpreter fails
    counting = "import sys\nsys.ran = getattr(sys, 'ran', 0) + 1\nassert sys.ran <= 2, sys.ran\n"
    crash = "import os\nos._exit(3)\n"
    questions = [question(f"q{n}", counting) for n in range(3)] + [question("crash", crash)]
    questions += [question(f"r{n}", counting) for n in range(3)]
    problems = run_checks(questions)
    assert [p.message for p in problems] == ["check of 'crash' did not finish (crashed or hung)"]
