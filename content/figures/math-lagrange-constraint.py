"""Contours of f(x, y) = 4x^2 - y and the constraint circle x^2 + y^2 = 1 with its extrema."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Contours of f(x, y) = 4x^2 - y (upward-opening parabolas) and the unit circle; the maximum "
       "65/16 is reached at the two points (±√63/8, -1/8) where a contour touches the circle, the "
       "minimum -1 at the top point (0, 1)")


def f(x, y):
    return 4 * x ** 2 - y


MAXIMA = [(np.sqrt(63) / 8, -1 / 8), (-np.sqrt(63) / 8, -1 / 8)]
MINIMUM = (0.0, 1.0)


def render() -> str:
    x, y = np.meshgrid(np.linspace(-1.6, 1.6, 300), np.linspace(-1.4, 1.4, 300))
    fig, ax = new_figure(5.0, 4.0)
    cs = ax.contour(x, y, f(x, y), levels=np.linspace(-1.5, 8, 20), cmap="viridis", linewidths=1)
    ax.contour(x, y, f(x, y), levels=[-1.0, 65 / 16], colors="tab:red", linewidths=1.2,
               linestyles="--")
    fig.colorbar(cs, ax=ax, label="f(x, y)")
    t = np.linspace(0, 2 * np.pi, 400)
    ax.plot(np.cos(t), np.sin(t), color="black", linewidth=2, label=r"constraint $x^2 + y^2 = 1$")
    ax.plot(*np.array(MAXIMA).T, "o", color="tab:red", markersize=8, label="maximum 65/16")
    ax.plot(*MINIMUM, "s", color="tab:blue", markersize=8, label="minimum -1")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_aspect("equal")
    ax.legend(frameon=False, loc="lower center", fontsize=8, ncol=1, bbox_to_anchor=(0.5, 1.0))
    return to_svg(fig)
