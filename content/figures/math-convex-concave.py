"""A convex, a concave and a non-convex function, each with one chord.

Convex: every chord lies on or above the graph. Concave: on or below. The
non-convex (and non-concave) W-shaped function has a chord that the graph
crosses over.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Three panels: the convex parabola x squared with a chord lying above the graph; "
       "the concave ln x with a chord lying below the graph; the W-shaped x^4 - 2x^2, "
       "which is neither, with a chord from x=-1 to x=1 lying below the hump at 0")

# (title, function, x-range drawn, chord end points)
PANELS = [
    (r"convex: $f(x) = x^2$", lambda x: x ** 2, (-2.0, 2.0), (-1.5, 1.0)),
    (r"concave: $f(x) = \ln x$", np.log, (0.1, 4.0), (0.5, 3.5)),
    (r"neither: $f(x) = x^4 - 2x^2$", lambda x: x ** 4 - 2 * x ** 2, (-1.7, 1.7), (-1.0, 1.0)),
]


def render() -> str:
    fig, axes = new_figure(7.2, 2.6, ncols=3)
    for ax, (title, f, (lo, hi), (a, b)) in zip(axes, PANELS):
        x = np.linspace(lo, hi, 400)
        ax.plot(x, f(x), linewidth=2, label="f")
        ax.plot([a, b], [f(a), f(b)], "o--", color="tab:red", linewidth=1.5, label="chord")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("x")
    axes[0].legend(frameon=False, loc="upper center")
    fig.tight_layout()
    return to_svg(fig)
