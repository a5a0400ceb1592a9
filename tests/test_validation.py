"""One test per validation rule, each on a small fixture tree, run through the real CLI."""
from __future__ import annotations

import re

from conftest import good, run_build, section

LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<message>.+)$")


def check(content):
    result = run_build("--check", "--content", str(content))
    problems = [LINE.match(line) for line in result.stderr.splitlines()[:-1]]
    assert all(problems), f"every problem must be path:line: message, got:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result, [(m["path"], int(m["line"]), m["message"]) for m in problems]


def only_problem(content):
    result, problems = check(content)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_tree_prints_counts(tree):
    content = tree({"alpha/one": section(good("a-one"), good("a-two")), "beta/two": section(good("b-one"))})
    result, problems = check(content)
    assert result.returncode == 0, result.stderr
    assert problems == []
    assert result.stdout.strip() == ("2 topics, 3 questions (easy 3, medium 0, hard 0, open 0), 0 problems")


def test_yaml_syntax_error(tree):
    content = tree({"alpha/one": section(good("a-one")) + "  - id: [unclosed\n"})
    path, line, message = only_problem(content)
    assert path.endswith("content/alpha/one.yaml") and line == 9
    assert "YAML syntax error" in message


def test_wrong_type(tree):
    content = tree({"alpha/one": section(good("a-one").replace("It is $x^2$.", "42"))})
    path, line, message = only_problem(content)
    assert line == 6 and "'answer' must be text, got integer; put it in quotes" in message


def test_unknown_field_suggests_the_right_one(tree):
    content = tree({"alpha/one": section(good("a-one").replace("answer:", "anwser:"))})
    _, problems = check(content)
    messages = [m for _, _, m in problems]
    assert any("unknown field 'anwser'" in m and "did you mean 'answer'?" in m for m in messages)
    assert any("missing required field 'answer'" in m for m in messages)


def test_missing_required_field(tree):
    content = tree({"alpha/one": section(good("a-one").replace('    source: "Test fixture"\n', ""))})
    path, line, message = only_problem(content)
    assert line == 3 and message == "question is missing required field 'source'"


def test_empty_question(tree):
    content = tree({"alpha/one": section(good("a-one").replace("What is a-one?", '""'))})
    _, line, message = only_problem(content)
    assert line == 5 and message == "'question' is empty"


def test_empty_answer(tree):
    content = tree({"alpha/one": section(good("a-one").replace("It is $x^2$.", "'  '"))})
    _, line, message = only_problem(content)
    assert line == 6 and message == "'answer' is empty"


def test_id_format(tree):
    content = tree({"alpha/one": section(good("Bad_Id"))})
    _, line, message = only_problem(content)
    assert line == 3 and "id 'Bad_Id' must be a lowercase slug" in message


def test_id_unique_across_topics(tree):
    content = tree({"alpha/one": section(good("same")), "beta/two": section(good("same"))})
    path, line, message = only_problem(content)
    assert path.endswith("content/beta/two.yaml") and line == 3
    assert "duplicate id 'same'" in message and "content/alpha/one.yaml:3" in message


def test_unknown_difficulty(tree):
    content = tree({"alpha/one": section(good("a-one").replace("easy", "trivial"))})
    _, line, message = only_problem(content)
    assert line == 4 and "unknown difficulty 'trivial'" in message


def test_missing_figure(tree):
    content = tree({"alpha/one": section(good("a-one") + "    figure: no-such-figure\n")})
    _, line, message = only_problem(content)
    assert line == 8 and message == "figure 'no-such-figure' does not exist in content/figures/"


def test_latex_that_does_not_parse(tree):
    content = tree({"alpha/one": section(good("a-one").replace("$x^2$", r"$\frac{1}{$"))})
    _, line, message = only_problem(content)
    assert line == 6 and "LaTeX in answer does not parse" in message


def test_unknown_latex_command(tree):
    content = tree({"alpha/one": section(good("a-one").replace("$x^2$", r"$\sigmoid(x)$"))})
    _, _, message = only_problem(content)
    assert "unknown command \\sigmoid" in message


def test_unclosed_dollar(tree):
    content = tree({"alpha/one": section(good("a-one").replace("$x^2$.", "$x^2."))})
    _, _, message = only_problem(content)
    assert "'$' in answer is never closed" in message


def test_failing_check_points_at_its_line(tree):
    check_code = "    check: |\n      value = 2 + 2\n      assert value == 5, 'sum is wrong'\n"
    content = tree({"alpha/one": section(good("a-one") + check_code)})
    _, line, message = only_problem(content)
    assert line == 10, "the assert is on line 10 of the file"
    assert message == "check of 'a-one' failed: AssertionError: sum is wrong"


def test_passing_check_sees_the_answer_and_its_code(tree):
    question = good("a-one").replace("It is $x^2$.", "|-\n      ```python\n      def sq(x):\n          return x * x\n      ```")
    check_code = "    check: |\n      exec(python_blocks[0])\n      assert sq(3) == 9 and 'def sq' in answer\n"
    result, problems = check(tree({"alpha/one": section(question + check_code)}))
    assert result.returncode == 0 and problems == []


def test_topic_folder_not_listed(tree):
    content = tree({"alpha/one": section(good("a-one"))})
    (content / "stray").mkdir()
    _, _, message = only_problem(content)
    assert message == "folder 'stray' is not listed as a topic in topics.yaml"


def test_duplicate_key(tree):
    content = tree({"alpha/one": section(good("a-one") + "    answer: again\n")})
    _, line, message = only_problem(content)
    assert line == 8 and message == "duplicate key 'answer'"


def test_all_problems_in_one_run_and_nothing_written(tree, tmp_path):
    content = tree({
        "alpha/one": section(good("a-one").replace("easy", "trivial"), good("Bad")),
        "beta/two": section(good("b").replace("anwser", "x").replace("answer:", "anwser:")),
    })
    out = tmp_path / "dist"
    result = run_build("--content", str(content), "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 + 4  # four problems and the summary line
    assert not out.exists(), "a failed build must not write anything"


def test_released_id_that_vanished_without_being_retired(tree):
    content = tree({"alpha/one": section(good("a-one"))})
    (content / "ids.lock").write_text("# released\na-one\ngone-id\n")
    path, line, message = only_problem(content)
    assert path.endswith("content/ids.lock") and line == 3
    assert "released id 'gone-id' has vanished" in message


def test_retired_id_is_not_reused(tree):
    content = tree({"alpha/one": section(good("a-one"), good("old-id"))})
    (content / "ids.lock").write_text("a-one\nold-id retired\n")
    _, line, message = only_problem(content)
    assert line == 2 and message == "id 'old-id' is retired and must not be reused"


def test_retired_id_may_stay_out_of_the_content(tree):
    content = tree({"alpha/one": section(good("a-one"))})
    (content / "ids.lock").write_text("a-one\nold-id retired\n")
    result, problems = check(content)
    assert result.returncode == 0 and problems == []


def test_update_ids_lock_adds_new_ids_and_keeps_retired_ones(tree):
    content = tree({"alpha/one": section(good("a-one"), good("b-new"))})
    (content / "ids.lock").write_text("a-one\nold-id retired\n")
    result = run_build("--update-ids-lock", "--content", str(content))
    assert result.returncode == 0, result.stderr
    ids = [line for line in (content / "ids.lock").read_text().splitlines() if not line.startswith("#")]
    assert ids == ["a-one", "b-new", "old-id retired"]
