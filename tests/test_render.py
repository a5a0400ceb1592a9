"""Shared rendering: math survives Markdown intact, code is highlighted, GitHub forms are right."""
from __future__ import annotations

from studykit.render.markdown import github_markdown, markdown_to_html
from studykit.content.segments import CODE, DISPLAY, INLINE, TEXT, python_blocks, split_segments


def tagged(latex: str, display: bool) -> str:
    return f"[{'D' if display else 'I'}:{latex}]"


def test_math_with_markdown_characters_is_kept_intact():
    html = markdown_to_html(r"Loss $\sum_i w_i * x_i$ and *emphasis*", tagged)
    assert r"[I:\sum_i w_i * x_i]" in html
    assert "<em>emphasis</em>" in html


def test_display_math_replaces_its_paragraph():
    html = markdown_to_html("Before.\n\n$$a_{1} = b_{2}$$\n\nAfter.", tagged)
    assert html == "<p>Before.</p>\n[D:a_{1} = b_{2}]\n<p>After.</p>"


def test_dollars_inside_code_are_not_math():
    text = "Use `$HOME` here.\n\n```python\nprice = '$5 and $6'\n```\n"
    kinds = [s.kind for s in split_segments(text)]
    assert INLINE not in kinds and DISPLAY not in kinds and CODE in kinds
    html = markdown_to_html(text, tagged)
    assert "[I:" not in html and "$HOME" in html


def test_escaped_dollar_is_text():
    assert [s.kind for s in split_segments(r"costs \$5 today")] == [TEXT]


def test_fenced_code_is_highlighted_with_pygments_classes():
    html = markdown_to_html("```python\ndef f(x):\n    return x\n```\n", tagged)
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html


def test_github_markdown_math_forms():
    text = "Inline $a_1$ and\n\n$$\\frac{1}{2}$$\n\nend."
    assert github_markdown(text) == "Inline $`a_1`$ and\n\n```math\n\\frac{1}{2}\n```\n\nend."


def test_python_blocks_are_extracted_in_order_and_dedented():
    answer = "```python\na = 1\n```\n"
    explanation = "- item\n\n  ```python\n  b = 2\n  ```\n\n```text\nnot python\n```\n"
    assert python_blocks(answer, explanation) == ["a = 1\n", "b = 2\n"]
