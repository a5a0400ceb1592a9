"""The determinant as an area scale factor: the unit square and its image under A."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("The unit square spanned by e1 and e2 (area 1) and the parallelogram spanned by the "
       "columns (3, 1) and (1, 2) of A, its image under A, whose area is det A = 5")

A = np.array([[3.0, 1.0], [1.0, 2.0]])
SQUARE = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)  # corners, counter-clockwise
IMAGE = SQUARE @ A.T  # the same corners after x -> A x


def render() -> str:
    fig, ax = new_figure(4.4, 3.4)
    ax.fill(*SQUARE.T, alpha=0.35, color="tab:blue", label="unit square, area 1")
    ax.fill(*IMAGE.T, alpha=0.25, color="tab:orange", label=r"image under $A$, area $\det A = 5$")
    for col, name in ((A[:, 0], r"$A\mathbf{e}_1 = (3, 1)$"), (A[:, 1], r"$A\mathbf{e}_2 = (1, 2)$")):
        ax.annotate("", xy=col, xytext=(0, 0), arrowprops=dict(arrowstyle="->", linewidth=1.8))
        ax.text(col[0] + 0.05, col[1] - 0.25 if col[0] > 2 else col[1] + 0.1, name, fontsize=9)
    ax.set_xlim(-0.3, 4.6)
    ax.set_ylim(-0.3, 3.4)
    ax.set_aspect("equal")
    ax.set_title("A = [[3, 1], [1, 2]]", fontsize=11)
    ax.legend(frameon=False, loc="upper left", fontsize=8)
    return to_svg(fig)
