"""Typeset formulas drawn straight into the PDF as vector paths.

WeasyPrint can draw ziamath's SVG itself, but it parses every glyph outline
again each time a formula is drawn, and that was half the time of a cheat
sheet. ziamath writes a small, fixed part of SVG: glyph outlines in
<symbol>s (paths of M, L, Q and Z), placed by <use>, and <rect>s for rules.
This module turns that into PDF path operators once per formula, and hands
them to WeasyPrint as an image object through its image cache, so the
layout is unchanged and only the drawing is ours.

Anything outside that subset is refused: a newer ziamath that writes other
SVG fails the build instead of printing a formula wrongly.
"""
from __future__ import annotations

import functools
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .mathsvg import BODY_FONT_PT, PX_PER_PT, MathRenderError, formula_svg

SVG_NS = "{http://www.w3.org/2000/svg}"
_PATH_TOKEN = re.compile(r"[MLQZ]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(\S)")
_ARGUMENTS = {"M": 2, "L": 2, "Q": 4, "Z": 0}


class FormulaDrawingError(Exception):
    pass


@dataclass(frozen=True)
class Formula:
    """One formula ready to draw: its box (SVG viewBox, CSS px; y = 0 is the baseline)
    and the PDF operators that fill its glyphs, in the same coordinates."""

    x: float
    y: float
    width: float
    height: float
    operators: bytes

    def to_bytes(self) -> bytes:
        return f"{self.x!r} {self.y!r} {self.width!r} {self.height!r}\n".encode("ascii") + self.operators

    @classmethod
    def from_bytes(cls, data: bytes) -> "Formula":
        box, operators = data.split(b"\n", 1)
        x, y, width, height = (float(v) for v in box.split())
        return cls(x, y, width, height, operators)


class KeptDrawing:
    """Kept PDF operators as WeasyPrint sees an image: the drawing's box as its intrinsic size,
    and a draw method (in subclasses) that writes the operators scaled to the box WeasyPrint gives."""

    def __init__(self, drawing):
        self.drawing = drawing  # anything with a width and a height, in CSS px

    def get_intrinsic_size(self, image_resolution, font_size):
        d = self.drawing
        return d.width, d.height, d.width / d.height


class FormulaImage(KeptDrawing):
    def draw(self, stream, concrete_width, concrete_height, style):
        f = self.drawing
        sx, sy = concrete_width / f.width, concrete_height / f.height
        stream.transform(a=sx, d=sy, e=-f.x * sx, f=-f.y * sy)
        stream.stream.append(f.operators)


def compile_svg(svg: str) -> Formula:
    """ziamath's SVG of one formula as a Formula; FormulaDrawingError outside the known subset."""
    root = ET.fromstring(svg)
    if root.tag != SVG_NS + "svg":
        raise FormulaDrawingError(f"expected <svg>, found <{_name(root)}>")
    x, y, width, height = _numbers(root.get("viewBox"), 4)
    symbols: dict[str, tuple[tuple[float, ...], bytes]] = {}
    out = [b"0 0 0 rg"]
    for element in root:
        kind = _name(element)
        if kind == "symbol":
            symbols[element.get("id")] = (_numbers(element.get("viewBox"), 4), _symbol_operators(element))
        elif kind == "use":
            _expect_black(element)
            href = element.get("href") or ""
            if not href.startswith("#") or href[1:] not in symbols:
                raise FormulaDrawingError(f"<use> of an unknown symbol {href!r}")
            viewbox, operators = symbols[href[1:]]
            if operators:
                out.append(b"q " + _fit(viewbox, element) + b" cm " + operators + b" Q")
        elif kind == "rect":
            _expect_black(element)
            rx, ry, rw, rh = _box(element)
            out.append(f"{_fmt(rx)} {_fmt(ry)} {_fmt(rw)} {_fmt(rh)} re f".encode("ascii"))
        else:
            raise FormulaDrawingError(f"unexpected <{kind}> in a typeset formula")
    return Formula(x, y, width, height, b"\n".join(out))


def _symbol_operators(symbol: ET.Element) -> bytes:
    paths = []
    for child in symbol:
        kind = _name(child)
        if kind == "path":
            paths.append(child)
        elif kind == "g" and not child.attrib:
            for grandchild in child:
                if _name(grandchild) != "path":
                    raise FormulaDrawingError(f"unexpected <{_name(grandchild)}> in a glyph")
                paths.append(grandchild)
        else:
            raise FormulaDrawingError(f"unexpected <{kind}> in a glyph")
    for path in paths:
        if set(path.attrib) != {"d"}:
            raise FormulaDrawingError(f"unexpected path attributes {sorted(path.attrib)}")
    return b" ".join(path_operators(p.get("d")) for p in paths)


@functools.lru_cache(maxsize=4096)  # glyphs repeat across formulas
def path_operators(d: str) -> bytes:
    """An SVG path (absolute M, L, Q, Z) as PDF operators, filled with the nonzero rule like SVG."""
    matches = list(_PATH_TOKEN.finditer(d))
    out: list[str] = []
    current = start = (0.0, 0.0)
    i = 0
    while i < len(matches):
        m = matches[i]
        if m.group(1) is not None:
            raise FormulaDrawingError(f"unexpected {m.group(1)!r} in a glyph path")
        command = m.group(0)
        if command not in _ARGUMENTS:
            raise FormulaDrawingError(f"a number where a path command was expected: {command!r}")
        count = _ARGUMENTS[command]
        args = [m.group(0) for m in matches[i + 1:i + 1 + count]]
        if len(args) < count or any(a in _ARGUMENTS for a in args):
            raise FormulaDrawingError(f"path command {command} lacks its numbers")
        values = [float(a) for a in args]
        i += 1 + count
        if command == "M":
            current = start = (values[0], values[1])
            out.append(f"{_fmt(values[0])} {_fmt(values[1])} m")
        elif command == "L":
            current = (values[0], values[1])
            out.append(f"{_fmt(values[0])} {_fmt(values[1])} l")
        elif command == "Q":  # PDF has only cubic curves: raise the degree
            (x0, y0), (qx, qy), (x3, y3) = current, values[:2], values[2:]
            c1 = (x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0))
            c2 = (x3 + 2 / 3 * (qx - x3), y3 + 2 / 3 * (qy - y3))
            out.append(" ".join(_fmt(v) for v in (*c1, *c2, x3, y3)) + " c")
            current = (x3, y3)
        else:
            out.append("h")
            current = start
    return (" ".join(out) + " f").encode("ascii") if out else b""


def _fit(viewbox: tuple[float, ...], use: ET.Element) -> bytes:
    """The matrix that places a symbol's viewBox in the <use> box (SVG's default xMidYMid meet)."""
    vx, vy, vw, vh = viewbox
    x, y, width, height = _box(use)
    scale = min(width / vw, height / vh)
    tx = x + (width - vw * scale) / 2 - vx * scale
    ty = y + (height - vh * scale) / 2 - vy * scale
    return f"{_fmt(scale, 6)} 0 0 {_fmt(scale, 6)} {_fmt(tx)} {_fmt(ty)}".encode("ascii")


def _expect_black(element: ET.Element) -> None:
    if element.get("fill") != "black":
        raise FormulaDrawingError(f"<{_name(element)}> with fill {element.get('fill')!r}; only black is drawn")


def _name(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG_NS)


def _box(element: ET.Element) -> tuple[float, float, float, float]:
    """x, y, width and height of a <use> or <rect>."""
    return tuple(_number(element.get(a)) for a in ("x", "y", "width", "height"))


def _number(text: str | None) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        raise FormulaDrawingError(f"expected a number, found {text!r}") from None


def _numbers(text: str | None, count: int) -> tuple[float, ...]:
    values = tuple(_number(v) for v in (text or "").split())
    if len(values) != count:
        raise FormulaDrawingError(f"expected {count} numbers, found {text!r}")
    return values


def _fmt(value: float, places: int = 3) -> str:
    """A PDF number: fixed point, no exponent, no trailing zeros, no negative zero."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- the formulas of this process, and how documents refer to them

_formulas: dict[tuple[str, bool], Formula] = {}
_images: dict[str, FormulaImage] = {}


def typeset(formula: tuple[str, bool]) -> bytes | str:
    """One formula (latex, display) as Formula bytes, or a str saying why it cannot be printed;
    for running in a worker process."""
    latex, display = formula
    try:
        return compile_svg(formula_svg(latex, display)).to_bytes()
    except MathRenderError as err:
        return str(err)
    except FormulaDrawingError as err:
        return f"cannot draw ${latex}$ for print: {err}"


def remember(latex: str, display: bool, data: bytes) -> None:
    """Keep a formula typeset elsewhere (a worker, or the build cache) for this process."""
    formula = Formula.from_bytes(data)
    _formulas[(latex, display)] = formula
    _images[formula_url(latex, display)] = FormulaImage(formula)


def formula_url(latex: str, display: bool) -> str:
    """A short name for the formula in the HTML; the renderer finds it among formula_images()."""
    return "formula:" + hashlib.sha256(f"{int(display)}{latex}".encode("utf-8")).hexdigest()[:24]


def formula_images() -> dict[str, FormulaImage]:
    return dict(_images)


def formula_img(latex: str, display: bool, font_pt: float) -> str:
    """An <img> tag for the formula at font_pt, lowered to sit on the baseline."""
    f = _formulas[(latex, display)]
    scale = font_pt / BODY_FONT_PT / PX_PER_PT  # box in pt
    depth = f.height + f.y  # the part of the box below the baseline (y = 0)
    size = f"width:{f.width * scale:.2f}pt;height:{f.height * scale:.2f}pt"
    kind = "math-display" if display else "math-inline"
    style = size if display else f"{size};vertical-align:{-depth * scale:.2f}pt"
    return f'<img class="{kind}" style="{style}" alt="" src="{formula_url(latex, display)}">'
