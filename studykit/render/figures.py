"""Figures: deterministic SVG from committed files or small Python scripts.

A script `content/figures/<name>.py` defines `ALT` (a one-line description)
and `render() -> str` returning SVG text. A committed `<name>.svg` is used
as it is. Each figure is rendered once per build and shared by all builders,
and kept in the build cache: a script may read any file beside it, so the key
is the whole figures folder.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import runpy
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..machinery.cache import BuildCache, digest, files_digest, tree_files
from ..machinery.parallel import parallel_map


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


def folder_digest(paths) -> str:
    """A hash of every file in the folders these paths are in (names and bytes)."""
    folders = sorted({Path(p).parent for p in paths})
    return digest(*(files_digest(folder, tree_files(folder)) for folder in folders))


class FigureStore:
    """Renders each figure at most once per build, and not at all when the cache has it."""

    def __init__(self, sources: dict[str, Path], cache: BuildCache | None = None):
        self._sources = sources
        self._cache = cache or BuildCache(None)
        self._figures: dict[str, Figure] = {}

    @functools.cached_property
    def _folder_digest(self) -> str:
        """Scripts may read any file beside them, so every figure's key covers the whole folder."""
        return folder_digest(self._sources.values())

    def __contains__(self, name: str) -> bool:
        return name in self._sources

    def get(self, name: str) -> Figure:
        if name not in self._figures:
            key = self._cache.key("figure", self._folder_digest, name)
            stored = self._cache.get(key)
            if stored is None:
                figure = render_figure(name, self._sources[name])
                self._cache.put(key, json.dumps({"alt": figure.alt, "svg": base64.b64encode(figure.svg).decode()})
                                .encode())
            else:
                entry = json.loads(stored)
                figure = Figure(name=name, alt=entry["alt"], svg=base64.b64decode(entry["svg"]))
            self._figures[name] = figure
        return self._figures[name]

    def render_all(self, names: list[str], jobs: int = 1, on_done: Callable[[], None] = lambda: None
                   ) -> dict[str, str]:
        """Render these figures in parallel (or take them from the cache); the errors, by name."""
        def render(name: str) -> tuple[str, Figure | None, str | None]:
            try:
                return name, self.get(name), None
            except FigureError as err:
                return name, None, str(err)

        self._folder_digest  # hashed once, here, before the workers fork
        errors = {}
        for name, figure, error in parallel_map(render, names, jobs, on_done=on_done):
            if figure is None:
                errors[name] = error
            else:
                self._figures[name] = figure
        return errors
