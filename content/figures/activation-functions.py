"""Sigmoid, tanh, ReLU and leaky ReLU, one panel each on the same scale."""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Four panels: sigmoid rises from 0 to 1 through 0.5 at x=0; tanh from -1 to 1 through 0; "
       "ReLU is 0 for negative x and x for positive x; leaky ReLU has a small slope (0.1 here) for negative x")
LEAK = 0.1  # larger than the usual 0.01 so the slope is visible

FUNCTIONS = {
    r"sigmoid  $\sigma(x) = 1/(1+e^{-x})$": lambda x: 1 / (1 + np.exp(-x)),
    r"$\tanh(x)$": np.tanh,
    r"ReLU  $\max(0, x)$": lambda x: np.maximum(0, x),
    rf"leaky ReLU  $\max({LEAK}x, x)$": lambda x: np.where(x > 0, x, LEAK * x),
}


def render() -> str:
    x = np.linspace(-4, 4, 401)
    fig, axes = new_figure(6.4, 4.4, nrows=2, ncols=2, sharex=True, sharey=True)
    for ax, (title, f) in zip(axes.flat, FUNCTIONS.items()):
        ax.axhline(0, color="black", linewidth=0.6)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.plot(x, f(x), linewidth=2)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(-4, 4)
        ax.set_ylim(-1.5, 2.5)
    for ax in axes[1]:
        ax.set_xlabel("x")
    fig.tight_layout()
    return to_svg(fig)
