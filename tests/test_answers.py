"""The Markdown answer keys built from the real content: complete, linted, GitHub math forms."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, good, run_build, section

LINTER = ROOT / "node_modules" / ".bin" / "markdownlint-cli2"  # installed by scripts/install-browser.sh
LINT_RULES = ROOT / ".markdownlint-cli2.jsonc"


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


def lint(folder: Path) -> tuple[int, int, list[str]]:
    """(exit status, files linted, findings) of markdownlint over every .md file under folder."""
    assert LINTER.is_file(), "markdownlint is missing: run scripts/install-browser.sh (npm ci)"
    done = subprocess.run([str(LINTER), "--config", str(LINT_RULES), "**/*.md"], cwd=folder, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: findings; anything else: the linter failed
    linted = re.search(r"^Linting: (\d+) file", done.stdout, re.M)
    assert linted, done.stdout
    findings = [line for line in done.stderr.splitlines() if re.search(r":\d+(:\d+)? ", line)]
    return done.returncode, int(linted.group(1)), findings


def test_answer_keys_pass_the_markdown_linter(built, catalog):
    status, linted, findings = lint(built)
    assert linted == len(catalog.topics) + 1 and findings == [] and status == 0


def test_the_linter_configuration_still_catches_problems(tmp_path):
    (tmp_path / "sample.md").write_text("# Title\n\nText\n- item\n\n\n### Skipped level\n")
    status, linted, findings = lint(tmp_path)
    assert status == 1 and linted == 1
    assert {"MD032", "MD012", "MD001"} <= {rule for line in findings for rule in re.findall(r"\bMD\d{3}\b", line)}


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
