"""Helpers for figure scripts: matplotlib set up to write the same bytes on every machine."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {
    "svg.hashsalt": "ml-interviews",  # fixed ids instead of random ones
    "svg.fonttype": "path",  # text as paths: no dependence on installed fonts
    "font.family": "DejaVu Sans",  # ships inside matplotlib
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "path.simplify": False,
}


def new_figure(width: float = 6.0, height: float = 3.6, **subplots):
    """A figure and axes with the project's style."""
    plt.rcdefaults()
    plt.rcParams.update(STYLE)
    return plt.subplots(figsize=(width, height), **subplots)


def to_svg(fig) -> str:
    """SVG text with no date and no tool version in it."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight",
                metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buffer.getvalue()
