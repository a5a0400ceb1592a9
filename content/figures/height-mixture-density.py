"""Density of the height of a person of unknown sex: a two-component Gaussian mixture.

The parameters are illustrative adult heights in cm (not from a particular survey).
"""
import numpy as np
from scipy import stats

from studykit.figurekit import new_figure, to_svg

ALT = ("Height density of a person of unknown sex: two weighted normal curves, females centred at 162 cm "
       "and males at 175 cm, each at half height, and their sum, a single broad peak between them")

P_MALE = 0.5
MALE = (175.0, 7.0)    # mean, standard deviation (cm)
FEMALE = (162.0, 6.5)
GRID = np.linspace(130.0, 210.0, 1601)


def mixture_pdf(h):
    """f(h) = P(male) N(h; mu_m, sigma_m^2) + P(female) N(h; mu_f, sigma_f^2)."""
    return P_MALE * stats.norm.pdf(h, *MALE) + (1 - P_MALE) * stats.norm.pdf(h, *FEMALE)


def render() -> str:
    fig, ax = new_figure(6.0, 3.4)
    ax.plot(GRID, P_MALE * stats.norm.pdf(GRID, *MALE), "--", label=r"$0.5\,N(175, 7^2)$ (male part)")
    ax.plot(GRID, (1 - P_MALE) * stats.norm.pdf(GRID, *FEMALE), ":", linewidth=2,
            label=r"$0.5\,N(162, 6.5^2)$ (female part)")
    ax.plot(GRID, mixture_pdf(GRID), color="black", linewidth=2, label="mixture: density of A's height")
    ax.set_xlabel("height (cm)")
    ax.set_ylabel("density")
    ax.set_xlim(135, 205)
    ax.set_ylim(0, 0.05)
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return to_svg(fig)
