"""Shared rendering: content Markdown to HTML (for cards and PDFs) or to GitHub Markdown.

Math never passes through python-markdown: it is cut out first and put back
by a builder-specific function, so `_` and `*` inside formulas stay intact.
"""
from __future__ import annotations

import re
from typing import Callable

import markdown
from pygments.formatters import HtmlFormatter

from ..content.segments import CODE, DISPLAY, INLINE, TEXT, UNCLOSED, split_segments
from .sanitize import clean_html

MathRenderer = Callable[[str, bool], str]  # (latex, display) -> output text

_PLACEHOLDER = "@@MATH{}@@"
_PLACEHOLDER_RE = re.compile(r"(<p>)?@@MATH(\d+)@@(</p>)?")

MARKDOWN_EXTENSIONS = ["fenced_code", "codehilite", "tables", "sane_lists"]
MARKDOWN_CONFIG = {"codehilite": {"css_class": "highlight", "guess_lang": False, "wrapcode": True}}


def markdown_to_html(text: str, math: MathRenderer) -> str:
    """Render content Markdown to HTML; math goes through `math(latex, display)`."""
    formulas: list[tuple[str, bool]] = []
    parts = []
    for seg in split_segments(text):
        if seg.kind in (INLINE, DISPLAY):
            parts.append(_PLACEHOLDER.format(len(formulas)))
            formulas.append((seg.text, seg.kind == DISPLAY))
        else:
            parts.append(seg.text)
    html = markdown.markdown("".join(parts), extensions=MARKDOWN_EXTENSIONS,
                             extension_configs=MARKDOWN_CONFIG, output_format="html")

    def put_back(match: re.Match) -> str:
        latex, display = formulas[int(match.group(2))]
        rendered = math(latex, display)
        if match.group(1) and match.group(3):
            return rendered if display else f"<p>{rendered}</p>"
        return (match.group(1) or "") + rendered + (match.group(3) or "")

    return _PLACEHOLDER_RE.sub(put_back, html)


_SAFE_MATH = "@@SAFEMATH{}@@"
_SAFE_MATH_RE = re.compile(r"(?:<div>)?@@SAFEMATH(\d+)@@(?:</div>)?")


def safe_html(text: str, math: MathRenderer) -> str:
    """Content Markdown to sanitised HTML; math is put in after cleaning, so a
    builder's own trusted markup for formulas (e.g. SVG images) survives."""
    if not text:
        return ""
    formulas: list[tuple[str, bool]] = []

    def hold(latex: str, display: bool) -> str:
        formulas.append((latex, display))
        held = _SAFE_MATH.format(len(formulas) - 1)
        # a block, so the cleaner closes a paragraph around display math as a browser would
        return f"<div>{held}</div>" if display else held

    cleaned = clean_html(markdown_to_html(text, hold))
    return _SAFE_MATH_RE.sub(lambda m: math(*formulas[int(m.group(1))]), cleaned)


def pygments_css(selector: str = ".highlight") -> str:
    """The stylesheet for highlighted code, for builders that emit HTML."""
    return HtmlFormatter(style="friendly").get_style_defs(selector)


def github_markdown(text: str) -> str:
    """Content Markdown in the forms GitHub renders: $`x`$ inline, ```math blocks for display."""
    out = []
    for seg in split_segments(text):
        if seg.kind == INLINE:
            out.append(f"$`{seg.text}`$")
        elif seg.kind == DISPLAY:
            if out:
                out[-1] = out[-1].rstrip(" \t")  # no trailing spaces before the block
            out.append(f"\n\n```math\n{seg.text}\n```\n\n")
        elif seg.kind in (TEXT, CODE, UNCLOSED):
            out.append(seg.text)
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()
