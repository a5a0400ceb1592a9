"""Property-based tests: whatever a contributor writes, the loader and validator either
load it or report `path:line: message` problems; they never raise.

Examples are derandomised (the same every run), so the tests cannot flake.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studykit.render.figures import FigureStore
from studykit.content.loader import load_catalog
from studykit.checks.validate import validate

TOPICS = "topics:\n  - id: alpha\n    title: Alpha\n    description: A topic.\n    sections: [one]\n"
FIELDS = ["id", "difficulty", "question", "answer", "source", "context", "explanation", "figure",
          "answer_figure", "tags", "check", "difficulty_assigned", "anwser", "title", "questions"]
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["easy", "open", "a-one", "$x^2$", "$\\frac{1}{", "$"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
questions = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)
sections = st.one_of(
    st.fixed_dictionaries({"title": values, "questions": st.lists(questions, max_size=4)}),
    st.dictionaries(st.sampled_from(["title", "questions", "extra"]), values, max_size=3),
    values,
)


def load_and_validate(section_bytes: bytes, topics_text: str = TOPICS):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        content = Path(tmp, "content")
        (content / "alpha").mkdir(parents=True)
        (content / "topics.yaml").write_text(topics_text)
        (content / "alpha" / "one.yaml").write_bytes(section_bytes)
        catalog, problems = load_catalog(content)
        problems += validate(catalog, FigureStore(catalog.figures), run_check_code=False)
        shutil.rmtree(content)
    return catalog, problems


def assert_well_formed(problems) -> None:
    for problem in problems:
        assert problem.path.endswith((".yaml", ".yml", ".lock")) or "figures" in problem.path, problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert problem.message and "\n" not in problem.message, problem


@FUZZ
@given(sections)
def test_random_yaml_structures_load_or_give_located_problems(section):
    _, problems = load_and_validate(yaml.safe_dump(section, allow_unicode=True).encode("utf-8"))
    assert_well_formed(problems)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_load_or_give_located_problems(raw):
    _, problems = load_and_validate(raw)
    assert_well_formed(problems)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text_loads_or_gives_located_problems(text):
    _, problems = load_and_validate(text.encode("utf-8"))
    assert_well_formed(problems)


@FUZZ
@given(st.lists(questions, min_size=1, max_size=3), st.text(max_size=60))
def test_random_questions_with_random_markdown_never_raise(items, markdown):
    for item in items:
        item.setdefault("answer", markdown)
    catalog, problems = load_and_validate(yaml.safe_dump({"title": "T", "questions": items}).encode())
    assert_well_formed(problems)
    if not problems:
        assert len(catalog.questions) == len(items)


@FUZZ
@given(values)
def test_random_topics_files_give_located_problems(topics):
    _, problems = load_and_validate(b"title: S\nquestions: []\n", yaml.safe_dump(topics))
    assert_well_formed(problems)
