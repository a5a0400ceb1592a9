"""Fifty 95% confidence intervals for the mean puppy weight, each from its own sample of 100 puppies.

True mean 1 pound, sigma 0.12 known, z-intervals x_bar +- 1.96 sigma / sqrt(n). About 95% of
the intervals contain the true mean; the ones that miss are drawn in red.
"""
import numpy as np
from scipy import stats

from studykit.figurekit import new_figure, to_svg

ALT = ("Fifty horizontal-bar confidence intervals stacked vertically around a vertical line at the true "
       "mean of 1 pound; most cross the line, a few (in red) miss it")

MU, SIGMA, N, N_INTERVALS, SEED = 1.0, 0.12, 100, 50, 7
Z = stats.norm.ppf(0.975)
_rng = np.random.default_rng(SEED)
MEANS = _rng.normal(MU, SIGMA, size=(N_INTERVALS, N)).mean(axis=1)
HALF_WIDTH = Z * SIGMA / np.sqrt(N)
LOW, HIGH = MEANS - HALF_WIDTH, MEANS + HALF_WIDTH
COVERS = (LOW <= MU) & (MU <= HIGH)


def render() -> str:
    fig, ax = new_figure(5.6, 4.6)
    for i in range(N_INTERVALS):
        color = "tab:blue" if COVERS[i] else "tab:red"
        ax.plot([LOW[i], HIGH[i]], [i, i], color=color, linewidth=1.6)
        ax.plot(MEANS[i], i, "o", color=color, markersize=2.5)
    ax.axvline(MU, color="black", linewidth=1)
    ax.set_xlabel("weight (pounds)")
    ax.set_ylabel("sample number")
    ax.set_title(f"{COVERS.sum()} of {N_INTERVALS} intervals contain the true mean", fontsize=10)
    return to_svg(fig)
