"""Formulas drawn by our own operators look like WeasyPrint's drawing of the same SVG."""
from __future__ import annotations

import base64

import pytest

from conftest import ROOT
from studykit.builders.pdf.mathpdf import Formula, FormulaDrawingError, FormulaImage, compile_svg, path_operators
from studykit.builders.pdf.mathsvg import formula_svg
from studykit.builders.pdf import ziamath_shortcuts
from studykit.builders.pdf.engine import html_to_pdf

# fractions, big operators, roots, stretched delimiters, braces with text, matrices, accents
FORMULAS = [
    r"\frac{\partial L}{\partial w} = \sum_{i=1}^{n} x_i (y_i - \hat y_i)",
    r"\sqrt{\frac{1}{n}\sum_i (x_i - \bar x)^2}",
    r"u\cdot v/(\lVert u\rVert \lVert v\rVert+\epsilon)",
    r"R(\hat f) - R^* = \underbrace{R(f^*_{\mathcal F}) - R^*}_{\text{approximation}}",
    r"A^{-1} = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} + \left(\frac{a}{b}\right)",
    r"P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}",
]


# rows that must still be measured without their stretchy parts (fences inside scripts, fractions
# and roots, bars, matrices, sizes chosen by hand) next to plain brackets, which do not stretch
STRETCHING = [
    r"\left( x_{\left[ \frac{a}{b} \right]} \right)^{\left| y \right|}",
    r"\sqrt{\left\lVert \frac{x}{\left( 1 + e^{-z} \right)} \right\rVert}",
    r"\frac{|x| + (y)}{\{ z \}} \mid \max_i a_i",
    r"\Big( \sum_{k} \big[ w_k \big] \Big) \begin{bmatrix} a & (b) \\ c & d \end{bmatrix}",
    r"e^{\langle u, v \rangle} = \lfloor x \rfloor + \lceil y \rceil",
]


def page_pixels(html: str, images: dict | None = None):
    import pypdfium2

    pdf = html_to_pdf(html, base_dir=ROOT, allowed_roots=[ROOT], images=images)
    return pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil().convert("L")


def document(src: str, formula: Formula) -> str:
    size = f"width:{formula.width * 3:.3f}px;height:{formula.height * 3:.3f}px"
    return f'<style>@page {{ size: 12cm 4cm; margin: 5mm }}</style><img style="{size}" src="{src}">'


@pytest.mark.parametrize("latex", FORMULAS)
def test_formula_drawn_by_operators_matches_weasyprints_own_svg_drawing(latex):
    svg = formula_svg(latex, display=True)
    formula = compile_svg(svg)
    reference = page_pixels(document("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                                     formula))
    ours = page_pixels(document("formula:test", formula), images={"formula:test": FormulaImage(formula)})
    ink = [x < 128 for x in reference.get_flattened_data()]
    assert sum(ink) > 500, "the reference drawing is blank"
    assert ours.size == reference.size
    # as drawn today they agree to the pixel; a curve drawn a little wrong changes hundreds
    differ = sum(1 for a, b in zip(reference.get_flattened_data(), ours.get_flattened_data()) if abs(a - b) > 32)
    assert differ <= 0.002 * sum(ink), f"{differ} pixels differ ({sum(ink)} pixels of ink)"
    ink_boxes = [img.point(lambda v: 255 if v < 128 else 0).getbbox() for img in (reference, ours)]
    assert all(abs(a - b) <= 2 for a, b in zip(*ink_boxes)), ink_boxes  # in pixels at 4x


def test_formula_survives_the_build_cache_round_trip():
    formula = compile_svg(formula_svg(r"\int_0^1 x^2\,dx = \tfrac{1}{3}", display=False))
    assert Formula.from_bytes(formula.to_bytes()) == formula


def test_quadratic_curves_become_cubic_ones_with_the_same_end_points():
    # Q from (0,0) with control (3,3) to (6,0): cubic controls at 2/3 of the way to the control point
    assert path_operators("M 0 0 Q 3 3 6 0 Z") == b"0 0 m 2 2 4 2 6 0 c h f"


@pytest.mark.parametrize("svg, reason", [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><circle r="1"/></svg>', "unexpected <circle>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><symbol id="a" viewBox="0 0 1 1">'
     '<path d="m 0 0 l 1 1 z"/></symbol></svg>', "unexpected 'm'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
     '<rect x="0" y="0" width="1" height="1" fill="red"/></svg>', "only black"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><use href="#nowhere" x="0" y="0" width="1" '
     'height="1" fill="black"/></svg>', "unknown symbol"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1"></svg>', "expected 4 numbers"),
])
def test_svg_outside_what_ziamath_writes_is_refused(svg, reason):
    with pytest.raises(FormulaDrawingError, match=reason):
        compile_svg(svg)


# --- figures: WeasyPrint's own drawing, made once and replayed --------------------------------

FIGURES = ["ml-algorithms-svm-fits", "math-hessian-critical-points", "ml-workflows-split-curves"]


@pytest.fixture(scope="module")
def real_figures():
    from studykit.render.figures import render_figures

    made = render_figures({name: ROOT / "content" / "figures" / f"{name}.py" for name in FIGURES}, jobs=2)
    return {name: figure.svg for name, figure in made.items()}


@pytest.mark.parametrize("name", FIGURES)
def test_a_figure_drawn_from_its_kept_drawing_matches_weasyprints_own(real_figures, name):
    from studykit.builders.pdf.figurepdf import CompiledFigure, CompiledFigureImage, compile_figure

    svg = real_figures[name]
    compiled = compile_figure(svg)
    assert compiled is not None and CompiledFigure.from_bytes(compiled.to_bytes()) == compiled
    assert compile_figure(svg, reuse_paths=False) == compiled  # reusing outlines writes the same bytes
    page = '<style>@page { size: 20cm 12cm; margin: 5mm }</style><img style="width:15cm" src="%s">'
    reference = page_pixels(page % ("data:image/svg+xml;base64," + base64.b64encode(svg).decode()))
    ours = page_pixels(page % "figure:test", images={"figure:test": CompiledFigureImage(compiled)})
    ink = [x < 200 for x in reference.get_flattened_data()]
    assert sum(ink) > 2000, "the reference drawing is blank"
    assert ours.size == reference.size
    differ = sum(1 for a, b in zip(reference.get_flattened_data(), ours.get_flattened_data()) if abs(a - b) > 32)
    assert differ <= 0.001 * sum(ink), f"{differ} pixels differ ({sum(ink)} pixels of ink)"


def test_a_figure_that_needs_more_than_opacity_is_left_to_weasyprint():
    from studykit.builders.pdf.figurepdf import compile_figure

    grouped = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
               b'<g opacity="0.5"><rect width="5" height="5"/><rect x="3" width="5" height="5"/></g></svg>')
    assert compile_figure(grouped) is None
    plain = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'
    assert compile_figure(plain).operators


def test_ziamath_shortcuts_typeset_exactly_what_ziamath_typesets(catalog):
    """The shortcuts are on for the pinned ziamath, and change nothing: every fortieth formula of the
    content, every other one with fences, matrices or sized delimiters, and rows that must stretch."""
    from studykit.content.model import formula_uses
    from studykit.content.segments import DISPLAY

    formulas = sorted({(seg.text, seg.kind == DISPLAY) for _, _, seg in formula_uses(catalog.questions)})
    sized = [f for f in formulas if any(word in f[0] for word in ("\\left", "\\begin", "\\big", "\\Big"))]
    sample = formulas[::40] + sized[::2] + [(latex, display) for latex in FORMULAS + STRETCHING for display in (False, True)]
    assert len(sample) > 80
    assert ziamath_shortcuts.install(), "the pinned ziamath is not the version the shortcuts were written for"
    fast = [formula_svg(*formula) for formula in sample]
    with ziamath_shortcuts.without_shortcuts():
        published = [formula_svg(*formula) for formula in sample]
    differing = [formula for formula, a, b in zip(sample, fast, published) if a != b]
    assert differing == [], f"{len(differing)} formulas typeset differently, first: {differing[:3]}"


def test_ziamath_shortcuts_stay_off_for_another_ziamath_version(monkeypatch):
    import ziamath
    from ziamath.nodes import mrow

    with ziamath_shortcuts.without_shortcuts():
        with monkeypatch.context() as patched:  # the real version is back before the shortcuts are
            patched.setattr(ziamath, "__version__", "0.14")
            assert ziamath_shortcuts.install() is False
            assert "_shortcut_of" not in vars(mrow.Mrow)
    assert ziamath_shortcuts.install() and "_shortcut_of" in vars(mrow.Mrow)
