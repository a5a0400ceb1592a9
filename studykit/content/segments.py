"""Split Markdown text into prose, code and math, once, for every builder.

Math is written as `$...$` (inline) and `$$...$$` (display). Code (fenced
blocks and inline backticks) is never searched for math.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

TEXT, CODE, INLINE, DISPLAY, UNCLOSED = "text", "code", "inline", "display", "unclosed"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([\w+-]*)")


@dataclass(frozen=True)
class Segment:
    kind: str  # TEXT, CODE, INLINE, DISPLAY or UNCLOSED (a `$` that never closes)
    text: str  # for math: the LaTeX without delimiters; otherwise the source as written
    language: str = ""  # fenced code only


@functools.lru_cache(maxsize=None)  # the validator and every builder split the same texts
def split_segments(source: str) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for is_fence, chunk, language in _split_fences(source):
        if is_fence:
            segments.append(Segment(CODE, chunk, language))
        else:
            segments.extend(_split_inline(chunk))
    return tuple(_merge_text(segments))


def python_blocks(*sources: str) -> list[str]:
    """The bodies of the ```python fenced blocks, in order: what `check` code may run."""
    blocks = []
    for source in sources:
        for seg in split_segments(source):
            if seg.kind == CODE and seg.language == "python":
                blocks.append(_fence_body(seg.text))
    return blocks


def _fence_body(block: str) -> str:
    lines = block.splitlines()
    indent = len(lines[0]) - len(lines[0].lstrip())
    body = lines[1:-1] if len(lines) > 1 and _FENCE.match(lines[-1]) else lines[1:]
    return "\n".join(line[indent:] for line in body) + "\n"


def _split_fences(source: str):
    """Yield (is_fence, text, language) chunks; a fence runs to its closing line or the end."""
    lines = source.splitlines(keepends=True)
    buffer: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            buffer.append(lines[i])
            i += 1
            continue
        if buffer:
            yield False, "".join(buffer), ""
            buffer = []
        fence = match.group(1)
        block = [lines[i]]
        i += 1
        while i < len(lines):
            block.append(lines[i])
            i += 1
            if lines[i - 1].strip().startswith(fence) and set(lines[i - 1].strip()) == {fence[0]}:
                break
        yield True, "".join(block), match.group(2)
    if buffer:
        yield False, "".join(buffer), ""


def _split_inline(text: str) -> list[Segment]:
    out: list[Segment] = []
    i, start = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            i += 2  # an escaped character, e.g. \$ for a literal dollar
            continue
        if ch == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            end = text.find("`" * run, i + run)
            if end == -1:
                i += run
                continue
            out.append(Segment(TEXT, text[start:i]))
            out.append(Segment(CODE, text[i:end + run]))
            i = start = end + run
            continue
        if ch == "$":
            delim = "$$" if text.startswith("$$", i) else "$"
            end = _find_closing(text, i + len(delim), delim)
            out.append(Segment(TEXT, text[start:i]))
            if end == -1:
                out.append(Segment(UNCLOSED, text[i:]))
                return out
            kind = DISPLAY if delim == "$$" else INLINE
            out.append(Segment(kind, text[i + len(delim):end].strip()))
            i = start = end + len(delim)
            continue
        i += 1
    out.append(Segment(TEXT, text[start:]))
    return out


def _find_closing(text: str, i: int, delim: str) -> int:
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delim, i):
            return i
        i += 1
    return -1


def _merge_text(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for seg in segments:
        if seg.kind == TEXT and not seg.text:
            continue
        if seg.kind == TEXT and merged and merged[-1].kind == TEXT:
            merged[-1] = Segment(TEXT, merged[-1].text + seg.text)
        else:
            merged.append(seg)
    return merged


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
# CommonMark: only a bullet or an ordered item numbered 1 can start a list inside a
# paragraph; "2010) showed ..." wrapped onto a new line is just text
_LIST_START = re.compile(r"^\s*(?:[-*+]|1[.)])\s+\S")


def separate_blocks(source: str) -> str:
    """Put the blank lines Markdown needs around lists and fenced code.

    Authors write "Preventing it:\\n- item"; python-markdown and GitHub would
    render that list as part of the paragraph. Fixing it here, once, keeps
    every builder's output the same.
    """
    out: list[str] = []
    for is_fence, chunk, _ in _split_fences(source):
        lines = chunk.splitlines()
        if is_fence:
            if out and out[-1].strip():
                out.append("")
            out.extend(lines)
            out.append("")
            continue
        for line in lines:
            previous = out[-1] if out else ""
            if _LIST_START.match(line) and previous.strip() and not _LIST_ITEM.match(previous) \
                    and not previous.startswith((" ", "\t")):
                out.append("")
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)
