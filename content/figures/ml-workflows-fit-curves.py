"""Training and validation loss against epochs for underfitting, a good fit and overfitting.

Schematic curves from simple closed forms (exponential decay towards a floor, plus
a slowly growing term for the overfitting validation loss), so a check can read the
exact data the picture shows.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Three panels of loss against epochs. Underfitting: training and validation loss both "
       "flatten early at a high level, close together. Good fit: both fall to a low level with a "
       "small gap. Overfitting: training loss keeps falling towards zero while validation loss "
       "falls, reaches a minimum and then rises, so the gap keeps widening.")

EPOCHS = np.arange(0, 101)


def _decay(floor: float, start: float, tau: float) -> np.ndarray:
    return floor + (start - floor) * np.exp(-EPOCHS / tau)


CURVES = {
    "underfitting": {"train": _decay(0.55, 1.0, 8.0), "validation": _decay(0.60, 1.02, 8.0)},
    "good fit": {"train": _decay(0.15, 1.0, 10.0), "validation": _decay(0.20, 1.02, 10.0)},
    "overfitting": {"train": _decay(0.02, 1.0, 12.0),
                    "validation": _decay(0.25, 1.02, 10.0) + 0.0045 * EPOCHS},
}


def render() -> str:
    fig, axes = new_figure(7.5, 2.8, ncols=3, sharey=True)
    for ax, (title, curves) in zip(axes, CURVES.items()):
        ax.plot(EPOCHS, curves["train"], "-", label="training loss")
        ax.plot(EPOCHS, curves["validation"], "--", label="validation loss")
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.set_ylim(0, 1.1)
    axes[0].set_ylabel("loss")
    axes[0].legend(frameon=False, loc="lower left")
    return to_svg(fig)
