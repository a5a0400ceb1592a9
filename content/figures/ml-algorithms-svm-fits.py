"""What an SVM does on the three SVM datasets (fitted here with scipy, no sklearn).

Left: hard margin on the wide-margin data. Middle: hard margin (solid) against soft
margin with C = 0.1 (dashed) once one circle sits next to the diamonds. Right: one more
diamond makes the classes cross over, so no hard margin exists; the soft-margin line with
C = 1 is the left panel's line, with the two stray points misclassified.
"""
import runpy
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from studykit.figurekit import new_figure, to_svg

ALT = ("Three panels. Left: the two well-separated clusters with the maximum-margin line and its wide "
       "margin. Middle: the same data plus one circle near the diamonds; the hard-margin line tilts "
       "and squeezes into a narrow margin next to that circle, while the soft-margin line with C = 0.1 "
       "stays in the middle of the gap and treats the circle as an error. Right: the middle data plus "
       "one diamond on the circles' side of the stray circle; the soft-margin line with C = 1 runs "
       "through the middle of the gap like the left one and misclassifies the two stray points")

SOFT_C = 0.1       # soft margin drawn on the close-point data
OVERLAP_C = 1.0    # soft margin drawn on the non-separable data
_here = Path(__file__).parent
DATASETS = {name: runpy.run_path(str(_here / f"ml-algorithms-svm-{name}.py"))
            for name in ("wide-margin", "close-point", "not-separable")}


def fit_svm(X, y, C=None):
    """Primal SVM by SLSQP: hard margin if C is None, else soft margin. Returns (w, b)."""
    n, d = X.shape
    if C is None:
        objective = lambda v: 0.5 * v[:d] @ v[:d]
        margins = lambda v: y * (X @ v[:d] + v[d]) - 1
        start, bounds = np.zeros(d + 1), None
    else:
        objective = lambda v: 0.5 * v[:d] @ v[:d] + C * v[d + 1:].sum()
        margins = lambda v: y * (X @ v[:d] + v[d]) - 1 + v[d + 1:]
        start, bounds = np.zeros(d + 1 + n), [(None, None)] * (d + 1) + [(0, None)] * n
    result = minimize(objective, start, constraints=[{"type": "ineq", "fun": margins}], bounds=bounds,
                      method="SLSQP", options={"maxiter": 1000, "ftol": 1e-12})
    return result.x[:d], result.x[d]


def _line(ax, w, b, style, color, offset=0.0):
    x = np.linspace(-1, 8, 50)
    ax.plot(x, (offset - b - w[0] * x) / w[1], style, color=color, linewidth=1.3)


def render() -> str:
    fig, axes = new_figure(9.6, 3.4, ncols=3)
    titles = ["1: hard margin", f"2: hard (solid) vs soft C = {SOFT_C:g} (dashed)",
              f"3: no hard margin; soft C = {OVERLAP_C:g}"]
    for ax, (name, data), title in zip(axes, DATASETS.items(), titles):
        X, y = data["POINTS"], data["LABELS"]
        data["draw"](ax, X, y)
        ax.set_title(title, fontsize=9)
        if name != "not-separable":
            w, b = fit_svm(X, y)
        else:
            w, b = fit_svm(X, y, OVERLAP_C)
        _line(ax, w, b, "-", "black")
        for offset in (-1, 1):
            _line(ax, w, b, ":", "black", offset)
        if name == "close-point":
            w, b = fit_svm(X, y, SOFT_C)
            _line(ax, w, b, "--", "#b03030")
            for offset in (-1, 1):
                _line(ax, w, b, ":", "#b03030", offset)
    fig.tight_layout()
    return to_svg(fig)
