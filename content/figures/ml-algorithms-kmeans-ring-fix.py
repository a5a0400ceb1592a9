"""k-means (k = 2) on the ring-and-blob data, against 2-means on the distance from the centre."""
import runpy
from pathlib import Path

import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Two panels of the ring-and-blob data. Left: k-means with k = 2 cuts the plane with a straight "
       "line, so each cluster holds part of the ring and part of the blob. Right: clustering the distance "
       "from the centre instead gives the blob and the ring as the two clusters")

DATA = runpy.run_path(str(Path(__file__).with_name("ml-algorithms-kmeans-ring.py")))
N_INIT, SEED = 10, 0


def kmeans(X, k, n_init=N_INIT, seed=SEED, iters=100):
    """Lloyd's algorithm, best of n_init random starts (lowest within-cluster sum of squares)."""
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(n_init):
        centres = X[rng.choice(len(X), k, replace=False)]
        for _ in range(iters):
            labels = ((X[:, None, :] - centres[None]) ** 2).sum(-1).argmin(1)
            new = np.array([X[labels == j].mean(0) if (labels == j).any() else centres[j] for j in range(k)])
            if np.allclose(new, centres):
                break
            centres = new
        inertia = ((X - centres[labels]) ** 2).sum()
        if best is None or inertia < best[0]:
            best = (inertia, labels, centres)
    return best


def render() -> str:
    X = DATA["POINTS"]
    _, labels, centres = kmeans(X, 2)
    radius = np.linalg.norm(X - X.mean(0), axis=1)[:, None]
    _, radius_labels, _ = kmeans(radius, 2)
    fig, axes = new_figure(6.8, 3.4, ncols=2)
    colours = np.array(["#1f77b4", "#e07b00"])
    for ax, lab, title in ((axes[0], labels, "k-means, k = 2"), (axes[1], radius_labels, "2-means on the radius")):
        ax.scatter(X[:, 0], X[:, 1], s=10, c=colours[lab])
        ax.set_title(title, fontsize=10)
        ax.set_aspect("equal")
        ax.set_xlim(-5.5, 5.5)
        ax.set_ylim(-5.5, 5.5)
        ax.set_xlabel("$x_1$")
    axes[0].scatter(centres[:, 0], centres[:, 1], marker="X", s=120, c=colours, edgecolor="black")
    axes[0].set_ylabel("$x_2$")
    fig.tight_layout()
    return to_svg(fig)
