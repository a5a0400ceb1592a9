"""Loss curves on the train, validation and test splits for a problematic run.

The training and test losses fall together to a low level. The validation loss
separates from them early, falls more slowly, levels off well above them and
turns up slightly near the end. Schematic closed forms, so that checks can read
the exact data the picture shows.
"""
import numpy as np

from studykit.figurekit import new_figure, to_svg

ALT = ("Loss against epochs on three splits: the training loss and the test loss fall together "
       "towards a low value, while the validation loss falls more slowly, levels off well above "
       "them and turns up slightly near the end.")

EPOCHS = np.arange(0, 61)
CURVES = {
    "train": 0.05 + 0.95 * np.exp(-EPOCHS / 10.0),
    "test": 0.08 + 0.94 * np.exp(-EPOCHS / 10.0),
    "validation": (0.40 + 0.62 * np.exp(-EPOCHS / 14.0)
                   + 0.00015 * np.maximum(0, EPOCHS - 42) ** 2),
}


def render() -> str:
    fig, ax = new_figure(5.5, 3.4)
    styles = {"train": "-", "validation": "--", "test": ":"}
    for name, loss in CURVES.items():
        ax.plot(EPOCHS, loss, styles[name], label=f"{name} loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_ylim(0, 1.1)
    ax.legend(frameon=False)
    return to_svg(fig)
