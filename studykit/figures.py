"""Figures: deterministic SVG from committed files or small Python scripts.

A script `content/figures/<name>.py` defines `ALT` (a one-line description)
and `render() -> str` returning SVG text. A committed `<name>.svg` is used
as it is. Each figure is rendered once per build and shared by all builders.
"""
from __future__ import annotations

import hashlib
import runpy
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    alt: str
    svg: bytes

    @property
    def hashed_name(self) -> str:
        """A file name that changes whenever the picture does (for caches and Anki media)."""
        return f"{self.name}-{hashlib.sha256(self.svg).hexdigest()[:12]}.svg"


class FigureError(Exception):
    pass


def render_figure(name: str, path: Path) -> Figure:
    if path.suffix == ".svg":
        svg = path.read_bytes()
        alt = name.replace("-", " ")
    else:
        try:
            namespace = runpy.run_path(str(path), run_name=f"figure_{name.replace('-', '_')}")
            text = namespace["render"]()
        except Exception as err:  # a broken figure script is a content problem
            raise FigureError(f"figure script failed: {type(err).__name__}: {err}") from err
        if not isinstance(text, str):
            raise FigureError("render() must return SVG text")
        svg = text.encode("utf-8")
        alt = str(namespace.get("ALT", name.replace("-", " ")))
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as err:
        raise FigureError(f"not valid SVG: {err}") from err
    if not root.tag.endswith("svg"):
        raise FigureError("not an SVG document")
    return Figure(name=name, alt=alt, svg=svg)


class FigureStore:
    """Renders each figure at most once per build."""

    def __init__(self, sources: dict[str, Path]):
        self._sources = sources
        self._cache: dict[str, Figure] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._sources

    def get(self, name: str) -> Figure:
        if name not in self._cache:
            self._cache[name] = render_figure(name, self._sources[name])
        return self._cache[name]
