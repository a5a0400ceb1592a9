"""Training loss against epochs for learning rates that are too high, too low and about right.

The curves come from real mini-batch SGD runs on a small least-squares problem,
so their shapes are what the learning rate actually does, not a sketch.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Training error against epochs: with a too-high learning rate the error drops then "
       "bounces at a high level or blows up; too low, it falls slowly; a good rate falls fast to a low value")

RATES = {"too high (diverges)": 0.096, "too high": 0.085, "about right": 0.02, "too low": 0.0015}


def training_curves(epochs: int = 40, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    n, d, batch = 512, 20, 16
    scales = np.linspace(0.3, 3.0, d)  # ill-conditioned features
    X = rng.normal(size=(n, d)) * scales
    y = X @ rng.normal(size=d) + 0.3 * rng.normal(size=n)
    curves = {}
    for label, lr in RATES.items():
        w = np.zeros(d)
        order_rng = np.random.default_rng(seed + 1)
        losses = [np.mean((X @ w - y) ** 2)]
        for _ in range(epochs):
            for idx in np.array_split(order_rng.permutation(n), n // batch):
                grad = 2 * X[idx].T @ (X[idx] @ w - y[idx]) / len(idx)
                w -= lr * grad
            loss = np.mean((X @ w - y) ** 2)
            losses.append(loss if loss < 1e4 else np.nan)  # the line ends where it blows up
            if np.isnan(losses[-1]):
                break
        curves[label] = np.array(losses + [np.nan] * (epochs + 1 - len(losses)))
    return curves


def render() -> str:
    fig, ax = new_figure(6.0, 3.8)
    styles = {"too high (diverges)": ":", "too high": "-", "about right": "-", "too low": "--"}
    for label, losses in training_curves().items():
        ax.plot(np.arange(len(losses)), losses, styles[label], label=f"learning rate {label}")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training error (MSE, log scale)")
    ax.legend(frameon=False)
    return to_svg(fig)
