"""The two-level game tree of the minimax question (ML Interviews Book, Q31): a MAX root, two MIN nodes, four leaves.

The tree is a nested list: an int is a leaf (utility for MAX), a list is an internal
node whose children are its items, left to right. Internal nodes are labelled
A, B, C, ... in breadth-first order, left to right. `draw_tree` is shared with the
other game-tree figures, which load this file.
"""
from studykit.figurekit import new_figure, to_svg

ALT = ("Game tree with a MAX root A and two MIN children B and C, with leaves 3, 5 under B and "
       "2, 6 under C; internal nodes are empty circles")

TREE = [[3, 5], [2, 6]]
LEVELS = ("MAX", "MIN")


def internal_nodes(tree):
    """(label, path, subtree) for every internal node, breadth-first, left to right."""
    out, frontier = [], [((), tree)]
    while frontier:
        nxt = []
        for path, node in frontier:
            if isinstance(node, list):
                out.append((chr(ord("A") + len(out)), path, node))
                nxt += [(path + (i,), child) for i, child in enumerate(node)]
        frontier = nxt
    return out


def _layout(tree):
    """x position of every node (path -> x): leaves evenly spaced, parents centred over children."""
    pos, leaves = {}, [0]

    def visit(path, node):
        if not isinstance(node, list):
            pos[path] = leaves[0]
            leaves[0] += 1
        else:
            for i, child in enumerate(node):
                visit(path + (i,), child)
            pos[path] = (pos[path + (0,)] + pos[path + (len(node) - 1,)]) / 2
        return pos

    return visit((), tree), leaves[0]


def draw_tree(tree, levels, values=None, notes=None, pruned=frozenset(), width=6.4, height=3.6):
    """Draw the tree. values: label -> text inside a node; notes: label -> text beside it;
    pruned: paths of children that alpha-beta never visits (drawn dashed and grey)."""
    values, notes = values or {}, notes or {}
    pos, n_leaves = _layout(tree)
    labels = {path: label for label, path, _ in internal_nodes(tree)}
    depth = len(levels)
    fig, ax = new_figure(width, height)
    ax.grid(False)
    ax.set_axis_off()
    gap = 1.3  # vertical distance between levels

    def is_pruned(path):
        return any(path[:len(p)] == p for p in pruned)

    def y(path):
        return -gap * len(path)

    for path, x in pos.items():
        if path:
            parent = path[:-1]
            grey = is_pruned(path)
            ax.plot([pos[parent], x], [y(parent), y(path)], color="0.7" if grey else "0.25",
                    linestyle="--" if grey else "-", linewidth=1, zorder=1)
    for path, x in pos.items():
        grey = is_pruned(path)
        edge = "0.65" if grey else "black"
        if path in labels:
            label = labels[path]
            ax.scatter([x], [y(path)], s=520, facecolor="white", edgecolor=edge, linewidth=1.3, zorder=2)
            ax.annotate(label, (x, y(path)), xytext=(-14, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=9, color="0.45", zorder=3)
            if label in values:
                ax.text(x, y(path), values[label], ha="center", va="center", fontsize=9, zorder=3,
                        color=edge)
            if label in notes:
                ax.annotate(notes[label], (x, y(path)), xytext=(14, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=7.5, color="tab:blue", linespacing=1.1,
                            bbox=dict(facecolor="white", edgecolor="none", pad=0.3), zorder=3)
        else:
            ax.scatter([x], [y(path)], s=360, marker="s", facecolor="0.93" if not grey else "white",
                       edgecolor=edge, linewidth=1, zorder=2)
            ax.text(x, y(path), str(tree_at(tree, path)), ha="center", va="center", fontsize=9,
                    color=edge, zorder=3)
    for d, name in enumerate(levels):
        ax.text(-1.2, -gap * d, name, ha="right", va="center", fontsize=9, fontweight="bold")
    ax.set_xlim(-2.2, n_leaves - 0.2)
    ax.set_ylim(-gap * depth - 0.5, 0.9)
    return to_svg(fig)


def tree_at(tree, path):
    for i in path:
        tree = tree[i]
    return tree


def render() -> str:
    return draw_tree(TREE, LEVELS, width=4.8, height=2.6)
