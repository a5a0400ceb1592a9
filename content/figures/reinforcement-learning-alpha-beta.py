"""The game tree of the alpha-beta question (ML Interviews Book, Q32): MAX, MIN, MAX levels, eight leaves.

Same conventions as reinforcement-learning-minimax.py (nested lists, int leaves,
internal nodes labelled A, B, C, ... breadth-first), whose drawing code it reuses.
"""
import runpy
from pathlib import Path

_TREES = runpy.run_path(str(Path(__file__).with_name("reinforcement-learning-minimax.py")))

ALT = ("Game tree with a MAX root A, two MIN children B and C, MAX nodes D, E under B and "
       "F, G under C, and leaves 3, 5 | 2, 6 | 1, 4 | 5, 9; internal nodes are empty circles")

TREE = [[[3, 5], [2, 6]], [[1, 4], [5, 9]]]
LEVELS = ("MAX", "MIN", "MAX")


def render() -> str:
    return _TREES["draw_tree"](TREE, LEVELS, width=7.6, height=4.2)
