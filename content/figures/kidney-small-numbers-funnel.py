"""Observed disease rate against town size when every town has the same true rate.

Counts are binomial with a common rate, so every difference between towns is chance.
The extreme rates, both lowest and highest, all belong to small towns.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Scatter of observed rate per 1,000 people against town population on a log scale, all towns with "
       "the same true rate of 1 per 1,000: small towns scatter widely from 0 to about 4.5 per 1,000 and "
       "hold both the highest and the lowest (zero) rates, while large towns sit tightly on the true rate, inside a narrowing funnel")

TRUE_RATE = 0.001
N_TOWNS = 1000
SEED = 1
_rng = np.random.default_rng(SEED)
POPULATION = np.round(10 ** _rng.uniform(np.log10(500), 6, size=N_TOWNS)).astype(int)
CASES = _rng.binomial(POPULATION, TRUE_RATE)
RATE = CASES / POPULATION


def render() -> str:
    fig, ax = new_figure(6.0, 3.6)
    per_k = 1000 * RATE
    ax.scatter(POPULATION, per_k, s=4, alpha=0.35, color="tab:blue", label="towns (same true rate)")
    top = np.argsort(RATE, kind="stable")[-3:]
    lowest = RATE == RATE.min()
    ax.scatter(POPULATION[top], per_k[top], s=30, color="tab:red", label="3 highest rates")
    ax.scatter(POPULATION[lowest], per_k[lowest], s=14, color="tab:green", marker="s",
               label="lowest rate (no cases)")
    n = np.logspace(np.log10(500), 6, 200)
    band = 2 * np.sqrt(TRUE_RATE * (1 - TRUE_RATE) / n) * 1000
    ax.plot(n, 1000 * TRUE_RATE + band, "k--", linewidth=0.8, label=r"true rate $\pm 2$ SD")
    ax.plot(n, np.maximum(1000 * TRUE_RATE - band, 0), "k--", linewidth=0.8)
    ax.axvline(5000, color="gray", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("town population (log scale)")
    ax.set_ylabel("observed rate per 1,000")
    ax.legend(frameon=False, fontsize=8)
    return to_svg(fig)
