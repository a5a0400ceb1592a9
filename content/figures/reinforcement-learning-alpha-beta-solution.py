"""The alpha-beta tree of reinforcement-learning-alpha-beta.py after a left-to-right traversal.

Each visited internal node shows the value it returns (a bound such as "<= 4" where
it was cut off) and its final alpha and beta; the branches never visited are dashed.
"""
import math
import runpy
from pathlib import Path

_HERE = Path(__file__)
_TREES = runpy.run_path(str(_HERE.with_name("reinforcement-learning-minimax.py")))
_AB = runpy.run_path(str(_HERE.with_name("reinforcement-learning-alpha-beta.py")))
TREE, LEVELS = _AB["TREE"], _AB["LEVELS"]

ALT = ("The alpha-beta tree after traversal: D = 5, E = 6 (nothing pruned), B = 5; F = 4, so C <= 4 "
       "and G is pruned; root A = 5")


def alpha_beta(node, alpha, beta, maximizing, path, trace, pruned):
    """Fail-soft alpha-beta; records (alpha, beta, value, cut) for every visited internal node."""
    if not isinstance(node, list):
        return node
    value = -math.inf if maximizing else math.inf
    cut = False
    for i, child in enumerate(node):
        v = alpha_beta(child, alpha, beta, not maximizing, path + (i,), trace, pruned)
        if maximizing:
            value, alpha = max(value, v), max(alpha, v)
        else:
            value, beta = min(value, v), min(beta, v)
        if alpha >= beta and i < len(node) - 1:
            pruned.update(path + (j,) for j in range(i + 1, len(node)))
            cut = True
            break
    trace[path] = (alpha, beta, value, cut)
    return value


def _fmt(x):
    return "-∞" if x == -math.inf else "+∞" if x == math.inf else str(x)


def render() -> str:
    trace, pruned = {}, set()
    alpha_beta(TREE, -math.inf, math.inf, True, (), trace, pruned)
    values, notes = {}, {}
    for label, path, _ in _TREES["internal_nodes"](TREE):
        if path in trace:
            alpha, beta, value, cut = trace[path]
            maximizing = len(path) % 2 == 0
            values[label] = (("≥" if maximizing else "≤") + str(value)) if cut else str(value)
            notes[label] = f"α={_fmt(alpha)}\nβ={_fmt(beta)}"
    return _TREES["draw_tree"](TREE, LEVELS, values=values, notes=notes, pruned=frozenset(pruned), width=7.6, height=4.2)
