"""Does a LaTeX formula parse? Checked once here so every builder can rely on it."""
from __future__ import annotations

import re

from latex2mathml.converter import convert

# latex2mathml keeps a command it does not know as literal text, e.g. <mi>\foo</mi>.
_UNKNOWN_COMMAND = re.compile(r">\s*(\\[A-Za-z]+)\s*<")
# Standard LaTeX that latex2mathml does not know but MathJax and ziamath do.
_KNOWN_ELSEWHERE = {"\\arg", "\\nolimits", "\\hline"}


def latex_problem(latex: str) -> str | None:
    """Return a short reason the formula does not parse, or None when it is fine."""
    if not latex.strip():
        return "empty formula"
    depth = 0
    i = 0
    while i < len(latex):
        ch = latex[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return "unbalanced braces: '}' without '{'"
        i += 1
    if depth:
        return "unbalanced braces: '{' never closed"
    begins = re.findall(r"\\begin\{(\w+\*?)\}", latex)
    ends = re.findall(r"\\end\{(\w+\*?)\}", latex)
    if begins != ends[::-1] and sorted(begins) != sorted(ends):
        return "\\begin and \\end do not match"
    try:
        mathml = convert(latex)
    except Exception as err:  # latex2mathml raises many unrelated exception types
        name = type(err).__name__
        return f"cannot parse ({name}{': ' + str(err) if str(err) else ''})"
    unknown = [c for c in _UNKNOWN_COMMAND.findall(mathml) if c not in _KNOWN_ELSEWHERE]
    if unknown:
        return f"unknown command {unknown[0]}"
    return None
