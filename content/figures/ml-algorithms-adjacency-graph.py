"""The directed graph of the adjacency-matrix questions: A->B, A->D, A->E, B->C, B->D."""
from matplotlib.patches import Circle

from studykit.figurekit import new_figure, to_svg

ALT = ("A directed graph with five nodes A, B, C, D, E and five arrows: "
       "A to B, A to D, A to E, B to C and B to D")

NODES = ["A", "B", "C", "D", "E"]
EDGES = [("A", "B"), ("A", "D"), ("A", "E"), ("B", "C"), ("B", "D")]
POSITIONS = {"A": (0.0, 1.0), "B": (2.0, 1.6), "C": (4.0, 1.6), "D": (3.0, 0.2), "E": (1.0, -0.4)}
RADIUS = 0.28


def render() -> str:
    fig, ax = new_figure(3.6, 2.4)
    ax.grid(False)
    ax.axis("off")
    for src, dst in EDGES:
        ax.annotate("", xy=POSITIONS[dst], xytext=POSITIONS[src],
                    arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.2,
                                "mutation_scale": 14, "shrinkA": 13, "shrinkB": 13})
    for name in NODES:
        x, y = POSITIONS[name]
        ax.add_patch(Circle(
            (x, y), RADIUS, facecolor="#dbe9f6", edgecolor="black", linewidth=1.2, zorder=3))
        ax.text(x, y, name, ha="center", va="center", fontsize=12, zorder=4)
    ax.set_xlim(-0.5, 4.5)
    ax.set_ylim(-0.9, 2.1)
    ax.set_aspect("equal")
    return to_svg(fig)
