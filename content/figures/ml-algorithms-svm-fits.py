"""What an SVM does on the three SVM datasets (fitted here with scipy, no sklearn).

Left: hard margin on the wide-margin data. Middle: hard margin (solid) against soft
margin with C = 0.1 (dashed) once one circle sits next to the diamonds. Right: no line
separates the classes; a hard margin on degree-2 features (a degree-2 polynomial
kernel) separates them with an ellipse.
"""
import runpy
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from studykit.figurekit import new_figure, to_svg

ALT = ("Three panels. Left: the two well-separated clusters with the maximum-margin line and its wide "
       "margin. Middle: the same data plus one circle near the diamonds; the hard-margin line tilts "
       "and squeezes into a narrow margin next to that circle, while the soft-margin line with C = 0.1 "
       "stays in the middle of the gap and treats the circle as an error. Right: circles in the centre, "
       "diamonds on a ring; a degree-2 SVM boundary is an ellipse between them")

SOFT_C = 0.1
_here = Path(__file__).parent
DATASETS = {name: runpy.run_path(str(_here / f"ml-algorithms-svm-{name}.py"))
            for name in ("wide-margin", "close-point", "not-separable")}


def quadratic_features(X):
    return np.column_stack([X, X ** 2, X[:, 0] * X[:, 1]])


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
    titles = ["1: hard margin", f"2: hard (solid) vs soft C = {SOFT_C:g} (dashed)", "3: degree-2 boundary"]
    for ax, (name, data), title in zip(axes, DATASETS.items(), titles):
        X, y = data["POINTS"], data["LABELS"]
        data["draw"](ax, X, y)
        ax.set_title(title, fontsize=9)
        if name != "not-separable":
            w, b = fit_svm(X, y)
            _line(ax, w, b, "-", "black")
            for offset in (-1, 1):
                _line(ax, w, b, ":", "black", offset)
        if name == "close-point":
            w, b = fit_svm(X, y, SOFT_C)
            _line(ax, w, b, "--", "#b03030")
            for offset in (-1, 1):
                _line(ax, w, b, ":", "#b03030", offset)
        if name == "not-separable":
            w, b = fit_svm(quadratic_features(X), y)
            g1, g2 = np.meshgrid(np.linspace(-0.5, 7, 300), np.linspace(-0.5, 7, 300))
            grid = np.column_stack([g1.ravel(), g2.ravel()])
            values = (quadratic_features(grid) @ w + b).reshape(g1.shape)
            ax.contour(g1, g2, values, levels=[0], colors="black", linewidths=1.3)
            ax.contour(g1, g2, values, levels=[-1, 1], colors="black", linewidths=0.8, linestyles=":")
    fig.tight_layout()
    return to_svg(fig)
