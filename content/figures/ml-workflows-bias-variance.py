"""Bias squared, variance and expected test error of polynomial fits against degree.

The numbers come from a real simulation: 400 training sets of 15 noisy samples of
sin(2 pi x) at fixed inputs, a least-squares polynomial of each degree fitted to every
set, and bias and variance measured on a fine grid of test inputs.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Bias squared falls and variance rises as the polynomial degree grows; their sum plus "
       "the noise, the expected test error, is U-shaped with its minimum at degree 3")

SIGMA = 0.6          # noise standard deviation
N_TRAIN = 15         # training points, at fixed inputs
N_DATASETS = 400     # independent training sets
DEGREES = np.arange(0, 11)


def truth(x):
    return np.sin(2 * np.pi * x)


def fits(seed: int = 0):
    """Predictions on the test grid: array (degrees, datasets, grid points), and the grid."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, N_TRAIN)
    grid = np.linspace(0, 1, 101)
    Y = truth(x) + SIGMA * rng.normal(size=(N_DATASETS, N_TRAIN))
    preds = []
    for d in DEGREES:
        coef = np.linalg.lstsq(np.vander(2 * x - 1, d + 1), Y.T, rcond=None)[0]
        preds.append((np.vander(2 * grid - 1, d + 1) @ coef).T)
    return np.array(preds), grid


def decomposition(seed: int = 0) -> dict[str, np.ndarray]:
    preds, grid = fits(seed)
    bias2 = ((preds.mean(axis=1) - truth(grid)) ** 2).mean(axis=1)
    variance = preds.var(axis=1).mean(axis=1)
    return {"bias2": bias2, "variance": variance, "total": bias2 + variance + SIGMA ** 2}


def render() -> str:
    parts = decomposition()
    fig, ax = new_figure(6.0, 3.6)
    ax.plot(DEGREES, parts["bias2"], "o-", label="bias$^2$")
    ax.plot(DEGREES, parts["variance"], "s--", label="variance")
    ax.plot(DEGREES, parts["total"], "^-", label="expected test error = bias$^2$ + variance + noise")
    ax.axhline(SIGMA ** 2, color="grey", linestyle=":", label="irreducible noise $\\sigma^2$")
    best = DEGREES[np.argmin(parts["total"])]
    ax.axvline(best, color="grey", linewidth=0.8)
    ax.set_ylim(0, 1.25)
    ax.set_xticks(DEGREES)
    ax.set_xlabel("polynomial degree (model complexity)")
    ax.set_ylabel("squared error")
    ax.legend(frameon=False, fontsize=8, loc="upper center", ncol=2)
    return to_svg(fig)
