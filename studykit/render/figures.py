"""Figures: deterministic SVG from committed files or small Python scripts.

A script `content/figures/<name>.py` defines `ALT` (a one-line description)
and `render() -> str` returning SVG text; it runs in a supervised child
(render.figure_worker, with the limits of machinery.supervise). A committed
`<name>.svg` is used as it is. Either way the SVG must pass the allow-list of
render.svgcheck before it ships. Each figure is rendered once per build and
shared by all builders, and kept in the build cache: a script may read any
file beside it, so the key is the whole figures folder.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..machinery.cache import BuildCache, digest, files_digest, tree_files
from ..machinery.supervise import Limits, run_jobs
from .svgcheck import svg_problems

WORKER = "studykit.render.figure_worker"


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
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line  # in the figure's file: a committed SVG's own line, else 1


def render_figures(sources: dict[str, Path], limits: Limits = Limits(), jobs: int = 1,
                   on_done: Callable[[int], None] = lambda n: None) -> dict[str, Figure | FigureError]:
    """Each named figure, or why it cannot ship. Scripts run in supervised children."""
    scripts = [name for name, path in sources.items() if path.suffix != ".svg"]
    outcomes = dict(zip(scripts, run_jobs(WORKER, [{"name": n, "path": str(sources[n].resolve())} for n in scripts],
                                          limits, workers=jobs, on_done=on_done)))
    made: dict[str, Figure | FigureError] = {}
    for name, path in sources.items():
        if path.suffix == ".svg":
            made[name] = _checked(name, path.read_bytes(), name.replace("-", " "), committed=True)
            on_done(1)
            continue
        outcome = outcomes[name]
        answer = outcome.result or {}
        if outcome.failure:
            made[name] = FigureError(f"figure script {outcome.failure}")
        elif "error" in answer:
            made[name] = FigureError(answer["error"])
        else:
            made[name] = _checked(name, answer["svg"].encode("utf-8"), answer["alt"], committed=False)
    return made


def _checked(name: str, svg: bytes, alt: str, committed: bool) -> Figure | FigureError:
    problems = svg_problems(svg)
    if not problems:
        return Figure(name=name, alt=alt, svg=svg)
    line, message = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    if committed:
        return FigureError(message + more, line)
    return FigureError(f"the SVG that render() returned: line {line}: {message}{more}")


def folder_digest(paths) -> str:
    """A hash of every file in the folders these paths are in (names and bytes)."""
    folders = sorted({Path(p).parent for p in paths})
    return digest(*(files_digest(folder, tree_files(folder)) for folder in folders))


class FigureStore:
    """Renders each figure at most once per build, and not at all when the cache has it."""

    def __init__(self, sources: dict[str, Path], cache: BuildCache | None = None, limits: Limits = Limits()):
        self._sources = sources
        self._cache = cache or BuildCache(None)
        self._limits = limits
        self._figures: dict[str, Figure] = {}

    @functools.cached_property
    def _folder_digest(self) -> str:
        """Scripts may read any file beside them, so every figure's key covers the whole folder."""
        return folder_digest(self._sources.values())

    def __contains__(self, name: str) -> bool:
        return name in self._sources

    def get(self, name: str) -> Figure:
        if name not in self._figures:
            errors = self.render_all([name])
            if errors:
                raise errors[name]
        return self._figures[name]

    def render_all(self, names: list[str], jobs: int = 1, on_done: Callable[[int], None] = lambda n: None
                   ) -> dict[str, FigureError]:
        """Render these figures (or take them from the cache), in parallel children; the errors, by name."""
        missing = []
        for name in names:
            stored = self._cache.get(self._key(name)) if name not in self._figures else None
            if stored is not None:
                entry = json.loads(stored)
                self._figures[name] = Figure(name=name, alt=entry["alt"], svg=base64.b64decode(entry["svg"]))
            if name in self._figures:
                on_done(1)
            else:
                missing.append(name)
        errors = {}
        made = render_figures({n: self._sources[n] for n in missing}, self._limits, jobs, on_done=on_done)
        for name, figure in made.items():
            if isinstance(figure, FigureError):
                errors[name] = figure
                continue
            self._figures[name] = figure
            self._cache.put(self._key(name), json.dumps({"alt": figure.alt, "svg": base64.b64encode(figure.svg)
                                                         .decode()}).encode())
        return errors

    def _key(self, name: str) -> str:
        return self._cache.key("figure", self._folder_digest, name)
