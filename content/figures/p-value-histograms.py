"""Histograms of p-values of a two-sided z-test, under the null and under an alternative.

The test statistic is simulated directly: Z ~ N(0, 1) under the null and
Z ~ N(DELTA, 1) under the alternative; p = 2 (1 - Phi(|Z|)).
"""
import numpy as np
from scipy import stats

from studykit.figurekit import new_figure, to_svg

ALT = ("Two histograms of 20,000 p-values each: under the null hypothesis the bars are flat (uniform "
       "on 0 to 1); under an alternative they pile up near 0 and thin out towards 1")

N_SIM = 20_000
DELTA = 2.0  # true effect under the alternative, in standard errors
SEED = 0


def p_values(delta: float, n: int = N_SIM, seed: int = SEED) -> np.ndarray:
    z = np.random.default_rng(seed).normal(delta, 1.0, size=n)
    return 2 * stats.norm.sf(np.abs(z))


NULL_P = p_values(0.0)
ALT_P = p_values(DELTA, seed=SEED + 1)


def render() -> str:
    fig, axes = new_figure(6.4, 2.9, ncols=2, sharey=True)
    bins = np.linspace(0, 1, 21)
    for ax, p, title in ((axes[0], NULL_P, "null true: uniform"),
                         (axes[1], ALT_P, f"alternative true (effect {DELTA:g} SE)")):
        ax.hist(p, bins=bins, density=True, edgecolor="white")
        ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("p-value")
        ax.set_xlim(0, 1)
    axes[0].set_ylabel("density")
    fig.tight_layout()
    return to_svg(fig)
