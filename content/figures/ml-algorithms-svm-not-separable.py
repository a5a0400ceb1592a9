"""SVM dataset 3: circles in a central blob, diamonds on a ring around them (not linearly separable)."""
import runpy
from pathlib import Path

import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Scatter plot of two classes: 20 circles in a blob at the centre and 30 diamonds on a ring "
       "around them, so no straight line separates the classes")

SEED = 7
CENTRE = (3.25, 3.25)
N_CIRCLES, N_DIAMONDS = 20, 30
BLOB_SPREAD, RING_RADIUS, RING_NOISE = 0.45, 2.6, 0.2

_rng = np.random.default_rng(SEED)
_circles = _rng.normal(CENTRE, BLOB_SPREAD, (N_CIRCLES, 2))
_angles = _rng.uniform(0, 2 * np.pi, N_DIAMONDS)
_radii = RING_RADIUS + _rng.normal(scale=RING_NOISE, size=N_DIAMONDS)
_diamonds = np.array(CENTRE) + np.column_stack([_radii * np.cos(_angles), _radii * np.sin(_angles)])
POINTS = np.round(np.vstack([_circles, _diamonds]), 2)
LABELS = np.array([-1] * N_CIRCLES + [1] * N_DIAMONDS)
draw = runpy.run_path(str(Path(__file__).with_name("ml-algorithms-svm-wide-margin.py")))["draw"]


def render() -> str:
    fig, ax = new_figure(3.4, 3.4)
    draw(ax, POINTS, LABELS)
    return to_svg(fig)
