"""Figures drawn into the PDFs from operators made once per figure.

WeasyPrint draws an SVG image anew in every document that shows it, and a
matplotlib figure (thousands of <use>d glyph outlines) takes it up to a
second each time. Here WeasyPrint's own SVG drawing runs once per figure, at
the figure's intrinsic size, into an empty stream; the operators it writes
are kept (in the build cache too) and replayed, scaled, wherever the figure
appears. The drawing is WeasyPrint's, made once.

A figure whose drawing needs page resources other than opacity states
(groups, patterns, shadings, images, fonts) is left to WeasyPrint itself.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ...render.figures import Figure
from .mathpdf import KeptDrawing

SCHEME = "figure:"


@dataclass(frozen=True)
class CompiledFigure:
    width: float  # intrinsic size, CSS px
    height: float
    alphas: tuple[tuple[str, str, float], ...]  # the opacity states it uses: (name, 'ca' or 'CA', value)
    operators: bytes

    def to_bytes(self) -> bytes:
        head = json.dumps([self.width, self.height, [list(a) for a in self.alphas]])
        return head.encode("ascii") + b"\n" + self.operators

    @classmethod
    def from_bytes(cls, data: bytes) -> "CompiledFigure":
        head, operators = data.split(b"\n", 1)
        width, height, alphas = json.loads(head)
        return cls(width, height, tuple((n, k, v) for n, k, v in alphas), operators)


class CompiledFigureImage(KeptDrawing):
    def draw(self, stream, concrete_width, concrete_height, style):
        import pydyf

        f = self.drawing
        states = stream._resources["ExtGState"]
        for name, kind, value in f.alphas:
            states.setdefault(name, pydyf.Dictionary({kind: value}))
        stream.push_state()
        stream.transform(a=concrete_width / f.width, d=concrete_height / f.height)
        stream.stream.append(f.operators)
        stream.pop_state()  # also forgets the colour and opacity the replayed operators set


def compile_figure(svg: bytes, reuse_paths: bool = True) -> CompiledFigure | None:
    """WeasyPrint's drawing of this SVG at its intrinsic size, or None when it needs more than
    opacity states from the page. With `reuse_paths`, a path outline drawn again (matplotlib draws
    each glyph of its text as a <use> of one outline) repeats the operators WeasyPrint wrote for
    it the first time instead of parsing it anew: the same bytes (tested), in a fraction of the time."""
    import pydyf
    from weasyprint import svg as weasy_svg
    from weasyprint.images import SVGImage
    from weasyprint.pdf.stream import Stream

    image = SVGImage(_parse(svg), None, None, None)
    width, height, _ = image.get_intrinsic_size(1, 16)
    if not width or not height:
        return None
    resources = pydyf.Dictionary({kind: pydyf.Dictionary() for kind in ("ExtGState", "XObject", "Pattern",
                                                                          "Shading", "Font", "ColorSpace")})
    stream = Stream(fonts={}, page_rectangle=(0, 0, width, height), resources=resources, images={}, tags={},
                    color_profiles={}, output_intent=None, compress=False)
    draw_path = weasy_svg.TAGS["path"]
    if reuse_paths:
        weasy_svg.TAGS["path"] = _reusing(draw_path)
    try:
        image._svg.draw(stream, width, height, None, None)
    finally:
        weasy_svg.TAGS["path"] = draw_path
    states = resources["ExtGState"]
    if any(resources[kind] for kind in ("XObject", "Pattern", "Shading", "Font", "ColorSpace")):
        return None
    alphas = []
    for name, state in states.items():
        if len(state) != 1 or next(iter(state)) not in ("ca", "CA"):
            return None
        kind, value = next(iter(state.items()))
        alphas.append((name, kind, float(value)))
    operators = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    return CompiledFigure(float(width), float(height), tuple(sorted(alphas)), operators)


def _reusing(draw_path):
    """WeasyPrint's path drawing, remembered per outline: a path's operators (and the vertices it
    notes for markers) depend only on its `d` and the font size."""
    drawn: dict[tuple[str, float], tuple[list, list]] = {}

    def draw(svg, node, font_size):
        key = (node.get("d", ""), font_size)
        if key in drawn:
            operators, vertices = drawn[key]
            svg.stream.stream.extend(operators)
            node.vertices.extend(vertices)
            return
        start, noted = len(svg.stream.stream), len(node.vertices)
        draw_path(svg, node, font_size)
        drawn[key] = (svg.stream.stream[start:], list(node.vertices)[noted:])
    return draw


def _parse(svg: bytes):
    from xml.etree import ElementTree  # as WeasyPrint parses an SVG image

    return ElementTree.fromstring(svg)


_images: dict[str, CompiledFigureImage] = {}


def compile_for_worker(figure: Figure) -> bytes:
    """One figure's compiled bytes, or b"" when WeasyPrint must draw it itself; for running in a
    worker process."""
    compiled = compile_figure(figure.svg)
    return compiled.to_bytes() if compiled else b""


def remember_figure(hashed_name: str, data: bytes) -> None:
    """Keep a figure compiled elsewhere (a worker, or the build cache) for this process."""
    _images[SCHEME + hashed_name] = CompiledFigureImage(CompiledFigure.from_bytes(data))


def compiled_figure_url(figure: Figure) -> str | None:
    url = SCHEME + figure.hashed_name
    return url if url in _images else None


def figure_images() -> dict[str, CompiledFigureImage]:
    return dict(_images)
