"""The Markdown answer keys built from the real content: complete, linted, GitHub math forms."""
from __future__ import annotations

import multiprocessing
import re
from pathlib import Path

import pytest
from pymarkdown.api import PyMarkdownApi

from conftest import ROOT, good, run_build, section
from studykit.machinery.parallel import default_jobs


@pytest.fixture(scope="module")
def built(full_dist):
    return full_dist / "answers"


def test_one_answer_key_per_topic_and_an_index(built, catalog):
    names = sorted(p.name for p in built.glob("*.md"))
    assert names == sorted([f"{t.id}.md" for t in catalog.topics] + ["README.md"])


def test_every_question_has_anchor_heading_source_and_hidden_answer(built, catalog):
    for topic in catalog.topics:
        text = (built / f"{topic.id}.md").read_text()
        for q in topic.questions:
            block = text.split(f'<a id="{q.id}"></a>', 1)
            assert len(block) == 2, f"no anchor for {q.id}"
            entry = block[1].split("<a id=", 1)[0]
            assert re.match(r"\n\n### \d+\.\d+ \S", entry), f"no heading for {q.id}"
            assert f"*{q.difficulty}" in entry and f"Source: {' '.join(q.source.split())}" in entry
            details = entry.split("<details>\n<summary>Answer</summary>\n", 1)[1].split("</details>")[0]
            first_words = " ".join(re.sub(r"[$`*_]", "", q.answer).split()[:3])
            assert first_words in re.sub(r"[$`*_]", "", " ".join(details.split())), q.id
            if q.explanation:
                assert "#### Explanation" in entry


def test_figures_are_written_and_linked(built, catalog):
    for q in catalog.questions:
        for name in filter(None, (q.figure, q.answer_figure)):
            assert (built / "figures" / f"{name}.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
            assert f"](figures/{name}.svg)" in (built / f"{q.topic_id}.md").read_text()


def test_index_counts_match_the_catalog(built, catalog):
    index = (built / "README.md").read_text()
    for topic in catalog.topics:
        counts = catalog.count_by_difficulty(topic.questions)
        row = f"| [{topic.title}]({topic.id}.md) | {len(topic.questions)} | " + " | ".join(
            str(counts[d]) for d in ("easy", "medium", "hard", "open")) + " |"
        assert row in index


def lint_file(path: str) -> list[str]:
    result = markdown_linter().scan_path(path)
    assert not result.critical_errors and not result.pragma_errors, path
    return [f"{f.scan_file}:{f.line_number}: {f.rule_id} {f.rule_description}" for f in result.scan_failures]


def test_answer_keys_pass_the_markdown_linter(built, catalog):
    # one file per process: the linter's time grows with the square of a file's length, so the
    # files are spread over the CPUs, largest first
    files = sorted((str(p) for p in built.rglob("*.md")), key=lambda p: -Path(p).stat().st_size)
    with multiprocessing.get_context("fork").Pool(default_jobs()) as pool:
        failures = [line for lines in pool.map(lint_file, files, chunksize=1) for line in lines]
    assert len(files) == len(catalog.topics) + 1 and failures == []


def test_the_linter_configuration_still_catches_problems():
    result = markdown_linter().scan_string("# Title\n\nText\n- item\n\n\n### Skipped level\n")
    assert {f.rule_id for f in result.scan_failures} >= {"MD032", "MD012", "MD001"}


def markdown_linter() -> PyMarkdownApi:
    return PyMarkdownApi().configuration_file_path(str(ROOT / ".pymarkdown.json"))


def test_math_uses_github_forms(tree, tmp_path):
    question = good("m").replace("It is $x^2$.", "|-\n      Inline $a_1$.\n\n      $$\\frac{1}{2}$$")
    content = tree({"alpha/one": section(question)})
    out = tmp_path / "dist"
    assert run_build("--content", str(content), "--out", str(out)).returncode == 0
    text = (out / "answers" / "alpha.md").read_text()
    assert "Inline $`a_1`$." in text
    assert "```math\n\\frac{1}{2}\n```" in text
    assert "$x" not in text.replace("$`", "")


def test_readme_topic_table_matches_the_content(catalog):
    readme = (ROOT / "README.md").read_text()
    for topic in catalog.topics:
        counts = catalog.count_by_difficulty(topic.questions)
        row = f"| {topic.title} | {len(topic.questions)} | " + " | ".join(
            str(counts[d]) for d in ("easy", "medium", "hard", "open")) + " |"
        assert row in readme, f"README's topic table is out of date; expected {row}"
