"""The dot product as the length of a times the signed length of b's projection onto a."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Vectors a = (4, 1) and b = (2, 3) from the origin with the angle theta between them; "
       "a dashed perpendicular drops from the tip of b onto the line of a, and the projection "
       "of b onto a (length about 2.67) is drawn along a")

A = np.array([4.0, 1.0])
B = np.array([2.0, 3.0])


def render() -> str:
    proj = (A @ B) / (A @ A) * A
    fig, ax = new_figure(4.6, 3.4)
    for vec, name, color in ((A, "a", "tab:blue"), (B, "b", "tab:orange")):
        ax.annotate("", xy=vec, xytext=(0, 0),
                    arrowprops=dict(arrowstyle="->", color=color, linewidth=2))
        ax.text(vec[0] + 0.08, vec[1] + 0.08, rf"$\mathbf{{{name}}}$", color=color, fontsize=12)
    ax.plot([B[0], proj[0]], [B[1], proj[1]], "k--", linewidth=1)
    ax.plot([0, proj[0]], [0, proj[1]], color="tab:green", linewidth=4, alpha=0.6,
            label=r"projection of $\mathbf{b}$ on $\mathbf{a}$: $\|\mathbf{b}\|\cos\theta$")
    t = np.linspace(np.arctan2(A[1], A[0]), np.arctan2(B[1], B[0]), 30)
    ax.plot(0.8 * np.cos(t), 0.8 * np.sin(t), color="gray")
    ax.text(0.85, 0.55, r"$\theta$", fontsize=12)
    ax.set_xlim(-0.3, 4.6)
    ax.set_ylim(-0.3, 3.5)
    ax.set_aspect("equal")
    ax.set_title(r"$\mathbf{a}\cdot\mathbf{b} = \|\mathbf{a}\|\,\|\mathbf{b}\|\cos\theta$", fontsize=11)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=8)
    return to_svg(fig)
