"""SVM dataset 1: two well-separated classes, linearly separable with a wide margin."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Scatter plot of two classes: 15 circles clustered near (1.5, 1.5) at the lower left and "
       "15 diamonds clustered near (5, 4.5) at the upper right, with a wide empty gap between them")

SEED = 1
N_PER_CLASS = 15
CIRCLE_CENTRE, DIAMOND_CENTRE, SPREAD = (1.5, 1.5), (5.0, 4.5), 0.55

_rng = np.random.default_rng(SEED)
_circles = _rng.normal(CIRCLE_CENTRE, SPREAD, (N_PER_CLASS, 2))
_diamonds = _rng.normal(DIAMOND_CENTRE, SPREAD, (N_PER_CLASS, 2))
POINTS = np.round(np.vstack([_circles, _diamonds]), 2)
LABELS = np.array([-1] * N_PER_CLASS + [1] * N_PER_CLASS)  # -1 = circle, +1 = diamond
LIMITS = (-0.5, 7.0)


def draw(ax, points, labels):
    """Circles and diamonds, the same way in every SVM figure."""
    ax.scatter(*points[labels < 0].T, marker="o", s=36, facecolor="#dbe9f6", edgecolor="#1f4e8c",
               label="class −1 (circles)")
    ax.scatter(*points[labels > 0].T, marker="D", s=32, facecolor="#f6d7b8", edgecolor="#a04f00",
               label="class +1 (diamonds)")
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def render() -> str:
    fig, ax = new_figure(3.4, 3.4)
    draw(ax, POINTS, LABELS)
    return to_svg(fig)
