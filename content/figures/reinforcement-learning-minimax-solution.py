"""The minimax game tree of reinforcement-learning-minimax.py with every internal node filled in."""
import runpy
from pathlib import Path

_TREE_FIGURE = runpy.run_path(str(Path(__file__).with_name("reinforcement-learning-minimax.py")))
TREE, LEVELS = _TREE_FIGURE["TREE"], _TREE_FIGURE["LEVELS"]

ALT = ("The same game tree solved by minimax: B = min(3, 5) = 3, C = min(2, 6) = 2, "
       "root A = max(3, 2) = 3")


def minimax(node, maximizing=True):
    if not isinstance(node, list):
        return node
    values = [minimax(child, not maximizing) for child in node]
    return max(values) if maximizing else min(values)


def render() -> str:
    values = {label: str(minimax(sub, len(path) % 2 == 0))
              for label, path, sub in _TREE_FIGURE["internal_nodes"](TREE)}
    return _TREE_FIGURE["draw_tree"](TREE, LEVELS, values=values, width=4.8, height=2.6)
