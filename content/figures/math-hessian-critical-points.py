"""Contours of f(x, y) = x^3 - 3x + y^2: a local minimum at (1, 0) and a saddle at (-1, 0)."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Contour plot of f(x, y) = x^3 - 3x + y^2: closed oval contours around the local minimum "
       "at (1, 0), and crossing, hyperbola-like contours at the saddle point (-1, 0)")


def f(x, y):
    return x ** 3 - 3 * x + y ** 2


CRITICAL_POINTS = {"local minimum (1, 0)": (1.0, 0.0), "saddle (-1, 0)": (-1.0, 0.0)}


def render() -> str:
    x, y = np.meshgrid(np.linspace(-2.3, 2.3, 300), np.linspace(-2.0, 2.0, 300))
    fig, ax = new_figure(5.0, 3.8)
    cs = ax.contour(x, y, f(x, y), levels=np.linspace(-4, 6, 21), cmap="viridis", linewidths=1)
    ax.contour(x, y, f(x, y), levels=[2.0], colors="black", linewidths=1, linestyles="--")
    fig.colorbar(cs, ax=ax, label="f(x, y)")
    for (label, (px, py)), marker in zip(CRITICAL_POINTS.items(), ("o", "X")):
        ax.plot(px, py, marker, color="tab:red", markersize=8, label=label)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_aspect("equal")
    ax.set_title(r"$f(x, y) = x^3 - 3x + y^2$", fontsize=11)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=8, ncol=2)
    return to_svg(fig)
