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
BODY_FONT_PT = 8.0  # cheat-sheet text size: formulas are typeset at it and scaled for other sizes

_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


class MathRenderError(Exception):
    pass


_typeset: dict[tuple[str, bool], str] = {}  # (latex, display) -> SVG, for this process


def formula_svg(latex: str, display: bool) -> str:
    """The SVG text of one formula, typeset at BODY_FONT_PT (it is vector: other sizes scale it)."""
    key = (latex, display)
    if key not in _typeset:
        try:
            _typeset[key] = ziamath.Latex(latex, size=BODY_FONT_PT * PX_PER_PT, inline=not display,
                                          margin=0.5).svg()
        except Exception as err:  # ziamath raises a variety of errors on LaTeX it cannot lay out
            raise MathRenderError(f"cannot typeset ${latex}$ for print: {type(err).__name__}: {err}") from err
    return _typeset[key]


def remember(latex: str, display: bool, svg: str) -> None:
    """Keep a formula typeset elsewhere (another process) for this process."""
    _typeset[(latex, display)] = svg


@functools.lru_cache(maxsize=None)
def _box(latex: str, display: bool) -> tuple[str, float, float, float]:
    """(base64 SVG, width, height, depth) in pt at BODY_FONT_PT."""
    svg = formula_svg(latex, display)
    _, top, width, height = (float(v) for v in _VIEWBOX.search(svg).groups())
    depth = height + top  # the part of the box below the baseline (y = 0)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return data, width / PX_PER_PT, height / PX_PER_PT, depth / PX_PER_PT


def formula_img(latex: str, display: bool, font_pt: float) -> str:
    """An <img> tag for the formula at font_pt, lowered to sit on the baseline."""
    data, width, height, depth = _box(latex, display)
    scale = font_pt / BODY_FONT_PT
    size = f"width:{width * scale:.2f}pt;height:{height * scale:.2f}pt"
    kind = "math-display" if display else "math-inline"
    style = size if display else f"{size};vertical-align:{-depth * scale:.2f}pt"
    return f'<img class="{kind}" style="{style}" alt="" src="data:image/svg+xml;base64,{data}">'


def typeset(formula: tuple[str, bool]) -> tuple[str, bool, str | None, str | None]:
    """(latex, display, svg, error): one formula, for running in a worker process."""
    latex, display = formula
    try:
        return latex, display, formula_svg(latex, display), None
    except MathRenderError as err:
        return latex, display, None, str(err)
