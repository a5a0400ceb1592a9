"""A depth-3 game tree (MAX, MIN, MAX, then leaves) to traverse left to right with alpha-beta pruning.

Same conventions as reinforcement-learning-minimax.py (nested lists, int leaves,
internal nodes labelled A, B, C, ... breadth-first), whose drawing code it reuses.
"""
import runpy
from pathlib import Path

_TREES = runpy.run_path(str(Path(__file__).with_name("reinforcement-learning-minimax.py")))

ALT = ("Game tree with a MAX root A, three MIN children B, C and D, MAX nodes E, F under B, "
       "G, H, I under C and J, K under D, and leaves 3, 5 | 6, 9 | 1, 2 | 4, 8 | 7, 3 | 8, 4 | 7, 10, 2; "
       "internal nodes are empty circles")

TREE = [[[3, 5], [6, 9]], [[1, 2], [4, 8], [7, 3]], [[8, 4], [7, 10, 2]]]
LEVELS = ("MAX", "MIN", "MAX")


def render() -> str:
    return _TREES["draw_tree"](TREE, LEVELS, width=9.2, height=4.6)
