"""Two shortcuts through ziamath 0.13 that skip work whose result it never uses.

Typesetting the content's formulas was about a fifth of a clean build's CPU,
and about 40% of that went on two things that change nothing in the SVG:

- Before laying out a row, ziamath lays out every element of it once more
  (recursively, so each level of nesting doubles the work) to learn how tall the
  row is without its stretchy operators: a height that only a stretchy
  operator (a \\left fence, or a bar or bracket the dictionary lets stretch)
  reads. A row with no operator that could stretch, anywhere inside it,
  skips that rehearsal; the plain brackets of LaTeX input come marked as not
  stretching, so most rows do.
- Each element's style starts from a deep copy of its parent's style as a
  dict, of which only the flat fields are read; a shallow one does.

Both are applied only to the ziamath version they were read from (other
versions typeset the slow way), and tests compare their SVG with ziamath's
own for real formulas.
"""
from __future__ import annotations

import contextlib

FOR_VERSION = "0.13"


def install() -> bool:
    """Apply the shortcuts if ziamath is the version they were written for; True if applied."""
    import ziamath
    from ziamath import operators, styles
    from ziamath.nodes import mrow

    if "_shortcut_of" in vars(mrow.Mrow):
        return True
    if ziamath.__version__ != FOR_VERSION:
        return False
    stretchy = frozenset(name for (name, _form), params in operators.operators.items()
                         if params.get("stretchy", "false") != "false")

    def may_stretch(element) -> bool:
        if element.tag in ("mfenced", "mtable"):
            return True  # fences made from attributes, and table rows, are laid out their own way
        if "stretchy" in element.attrib:  # it overrides the operator dictionary, as in ziamath
            return element.get("stretchy") != "false"
        # <mi> too: ziamath turns some identifiers into operators
        return element.tag in ("mo", "mi") and (element.text or "").strip() in stretchy

    rehearse = mrow.Mrow._get_height_nostretch

    def height_without_stretching(self, line, **kwargs):
        if any(may_stretch(element) for child in line for element in child.iter()):
            return rehearse(self, line, **kwargs)
        return 0.0, 0.0  # read by stretchy operators only, and this row has none

    mrow.Mrow._get_height_nostretch = height_without_stretching
    mrow.Mrow._shortcut_of = (rehearse, styles.asdict)
    styles.asdict = lambda style: dict(vars(style))  # parse_style reads only the flat fields
    return True


def uninstall() -> None:
    from ziamath import styles
    from ziamath.nodes import mrow

    if "_shortcut_of" in vars(mrow.Mrow):
        mrow.Mrow._get_height_nostretch, styles.asdict = mrow.Mrow._shortcut_of
        del mrow.Mrow._shortcut_of


@contextlib.contextmanager
def without_shortcuts():
    """ziamath as published, for the duration of a block (for comparing with it)."""
    from ziamath.nodes import mrow

    applied = "_shortcut_of" in vars(mrow.Mrow)
    uninstall()
    try:
        yield
    finally:
        if applied:
            install()
