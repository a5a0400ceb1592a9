"""LaTeX to vector SVG for print (WeasyPrint has no MathML), with ziamath.

ziamath draws every glyph as a path from its bundled STIX Two Math font, so
the output does not depend on the fonts of the machine. mathpdf turns the
SVG into PDF drawing operators.
"""
from __future__ import annotations

import functools

PX_PER_PT = 96 / 72  # SVG user units are CSS px
BODY_FONT_PT = 8.0  # cheat-sheet text size: formulas are typeset at it and scaled for other sizes


class MathRenderError(Exception):
    pass


@functools.cache
def _ziamath():
    """ziamath, imported (it loads its font) only when formulas are typeset, with its shortcuts."""
    import ziamath

    from . import ziamath_shortcuts

    ziamath_shortcuts.install()
    return ziamath


def formula_svg(latex: str, display: bool) -> str:
    """The SVG text of one formula, typeset at BODY_FONT_PT (it is vector: other sizes scale it)."""
    ziamath = _ziamath()
    try:
        return ziamath.Latex(latex, size=BODY_FONT_PT * PX_PER_PT, inline=not display, margin=0.5).svg()
    except Exception as err:  # ziamath raises a variety of errors on LaTeX it cannot lay out
        raise MathRenderError(f"cannot typeset ${latex}$ for print: {type(err).__name__}: {err}") from err
