"""The k-means question's dataset: a noisy ring around a dense central blob (no labels shown)."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Scatter plot of unlabelled 2-D points: a dense round blob at the origin, "
       "surrounded by a noisy ring of radius about 4 with an empty gap between them")

SEED = 3
N_BLOB, N_RING = 100, 200
BLOB_STD = 0.6          # isotropic Gaussian blob at the origin
RING_RADIUS, RING_NOISE = 4.0, 0.35

_rng = np.random.default_rng(SEED)
_blob = _rng.normal(scale=BLOB_STD, size=(N_BLOB, 2))
_angles = _rng.uniform(0, 2 * np.pi, N_RING)
_radii = RING_RADIUS + _rng.normal(scale=RING_NOISE, size=N_RING)
_ring = np.column_stack([_radii * np.cos(_angles), _radii * np.sin(_angles)])
POINTS = np.round(np.vstack([_blob, _ring]), 3)
TRUE_GROUP = np.array([0] * N_BLOB + [1] * N_RING)  # 0 = blob, 1 = ring (not drawn)


def render() -> str:
    fig, ax = new_figure(3.4, 3.4)
    ax.scatter(POINTS[:, 0], POINTS[:, 1], s=10, color="#3b6fb6")
    ax.set_aspect("equal")
    ax.set_xlim(-5.5, 5.5)
    ax.set_ylim(-5.5, 5.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return to_svg(fig)
