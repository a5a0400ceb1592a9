"""LaTeX to vector SVG for print (WeasyPrint has no MathML), with ziamath.

ziamath draws every glyph as a path from its bundled STIX Two Math font, so
the output does not depend on the fonts of the machine. Each formula becomes
a self-contained `<img>` with a data: URI, aligned on the text baseline.
"""
from __future__ import annotations

import base64
import functools
import re

import ziamath

PX_PER_PT = 96 / 72  # SVG user units are CSS px
BODY_FONT_PT = 8.0  # cheat-sheet text size; validation typesets at this size so builds reuse the cache

_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


class MathRenderError(Exception):
    pass


@functools.lru_cache(maxsize=None)
def formula_svg(latex: str, display: bool, font_pt: float) -> str:
    """The SVG text of one formula at the given font size."""
    try:
        return ziamath.Latex(latex, size=font_pt * PX_PER_PT, inline=not display, margin=0.5).svg()
    except Exception as err:  # ziamath raises a variety of errors on LaTeX it cannot lay out
        raise MathRenderError(f"cannot typeset ${latex}$ for print: {type(err).__name__}: {err}") from err


def formula_img(latex: str, display: bool, font_pt: float) -> str:
    """An <img> tag for the formula, sized in pt and lowered to sit on the baseline."""
    svg = formula_svg(latex, display, font_pt)
    _, top, width, height = (float(v) for v in _VIEWBOX.search(svg).groups())
    depth = height + top  # the part of the box below the baseline (y = 0)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    size = f"width:{width / PX_PER_PT:.2f}pt;height:{height / PX_PER_PT:.2f}pt"
    kind = "math-display" if display else "math-inline"
    style = size if display else f"{size};vertical-align:{-depth / PX_PER_PT:.2f}pt"
    return f'<img class="{kind}" style="{style}" alt="" src="data:image/svg+xml;base64,{data}">'


def print_problem(latex: str, display: bool) -> str | None:
    """Why the formula cannot be typeset for print, or None when it can."""
    try:
        formula_svg(latex, display, BODY_FONT_PT)
    except MathRenderError as err:
        return str(err)
    return None
