"""SVM dataset 3: dataset 2 plus one diamond on the circles' side of the close circle (not separable)."""
import runpy
from pathlib import Path

import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("The clusters of the second SVM dataset, circles at the lower left and diamonds at the upper "
       "right, with the extra circle at (3.6, 3.9) next to the diamonds, plus one extra diamond at "
       "(2.8, 3.2) between that circle and the other circles, so the two classes cross over and no "
       "straight line separates them")

_close = runpy.run_path(str(Path(__file__).with_name("ml-algorithms-svm-close-point.py")))
STRAY_DIAMOND = (2.8, 3.2)  # a diamond (class +1) on the circles' side of the close circle
POINTS = np.vstack([_close["POINTS"], [STRAY_DIAMOND]])
LABELS = np.append(_close["LABELS"], 1)
draw = _close["draw"]


def render() -> str:
    fig, ax = new_figure(3.4, 3.4)
    draw(ax, POINTS, LABELS)
    return to_svg(fig)
