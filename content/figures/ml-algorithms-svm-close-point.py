"""SVM dataset 2: dataset 1 plus one circle placed close to the diamonds (still separable)."""
import runpy
from pathlib import Path

import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("The two clusters of the first SVM dataset, circles at the lower left and diamonds at the "
       "upper right, plus one extra circle at (3.6, 3.9), just below the diamonds and far from the other circles")

_base = runpy.run_path(str(Path(__file__).with_name("ml-algorithms-svm-wide-margin.py")))
CLOSE_POINT = (3.6, 3.9)  # a circle (class -1) next to the diamonds
POINTS = np.vstack([_base["POINTS"], [CLOSE_POINT]])
LABELS = np.append(_base["LABELS"], -1)
draw = _base["draw"]


def render() -> str:
    fig, ax = new_figure(3.4, 3.4)
    draw(ax, POINTS, LABELS)
    return to_svg(fig)
