"""2x2 max pooling and 2x2 average pooling (stride 2) applied to the same 4x4 feature map."""
import matplotlib.patches as patches
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("A 4x4 feature map split into four 2x2 windows, and the 2x2 outputs of max pooling "
       "(9, 2, 0, 7) and average pooling (2.5, 2, 0, 4): max keeps the single strong "
       "activation of the top-left window, average dilutes it")

FEATURE_MAP = np.array([[1, 0, 2, 2],
                        [0, 9, 2, 2],
                        [0, 0, 1, 3],
                        [0, 0, 5, 7]], dtype=float)


def pool(x: np.ndarray, reduce) -> np.ndarray:
    """Non-overlapping 2x2 pooling with stride 2."""
    h, w = x.shape
    windows = x.reshape(h // 2, 2, w // 2, 2).transpose(0, 2, 1, 3).reshape(h // 2, w // 2, 4)
    return reduce(windows, axis=-1)


MAX_POOLED = pool(FEATURE_MAP, np.max)
AVG_POOLED = pool(FEATURE_MAP, np.mean)

WINDOW_COLOURS = ["#cfe2f3", "#fce5cd", "#d9ead3", "#ead1dc"]  # one per 2x2 window


def _draw_grid(ax, values, x0, y0, cell, window_of):
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            x, y = x0 + j * cell, y0 + (rows - 1 - i) * cell
            ax.add_patch(patches.Rectangle((x, y), cell, cell, facecolor=WINDOW_COLOURS[window_of(i, j)],
                                           edgecolor="black", linewidth=0.8))
            ax.text(x + cell / 2, y + cell / 2, f"{values[i, j]:g}", ha="center", va="center", fontsize=12)


def render() -> str:
    fig, ax = new_figure(7.0, 2.7)
    ax.grid(False)
    ax.axis("off")
    ax.set_aspect("equal")
    _draw_grid(ax, FEATURE_MAP, 0, 0, 1.0, lambda i, j: (i // 2) * 2 + j // 2)
    ax.plot([2, 2], [0, 4], color="black", linewidth=2.2)
    ax.plot([0, 4], [2, 2], color="black", linewidth=2.2)
    ax.text(2, 4.2, "4x4 feature map", ha="center", va="bottom")
    for y0, values, title in [(2.3, MAX_POOLED, "2x2 max pool, stride 2"),
                              (-0.2, AVG_POOLED, "2x2 average pool, stride 2")]:
        ax.annotate("", xy=(5.4, y0 + 0.9), xytext=(4.2, 2.0), arrowprops=dict(arrowstyle="->"))
        _draw_grid(ax, values, 5.5, y0, 0.9, lambda i, j: i * 2 + j)
        ax.text(7.5, y0 + 0.9, title, ha="left", va="center", fontsize=10)
    ax.set_xlim(-0.1, 11.6)
    ax.set_ylim(-0.3, 4.7)
    return to_svg(fig)
