"""Checks that need the whole catalog: ids, difficulties, figures, LaTeX, checks."""
from __future__ import annotations

import json
import re

from ..content.latex import latex_problem
from ..content.loader import shown_path_factory
from ..content.model import DIFFICULTIES, TEXT_FIELDS, Catalog, Question, figures_used, formula_uses
from ..content.problems import Problem
from ..content.segments import DISPLAY, INLINE, TEXT, UNCLOSED, split_segments
from ..machinery.cache import BuildCache
from ..machinery.progress import QUIET, Progress
from ..machinery.supervise import Limits
from ..render.figures import FigureStore
from .run import run_checks

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.I)
# markup the sanitiser would strip silently: refuse it loudly instead
HOSTILE_HTML = re.compile(r"<\s*(script|iframe|object|embed|style|link|meta|form|svg)\b|\bon[a-z]+\s*=|javascript\s*:|"
                          r"vbscript\s*:", re.I)


def validate(catalog: Catalog, figures: FigureStore, run_check_code: bool = True, jobs: int = 1,
             cache: BuildCache | None = None, progress: Progress = QUIET, limits: Limits = Limits()) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, Question] = {}
    latex_reasons = _latex_reasons(catalog, cache or BuildCache(None))
    for q in catalog.questions:
        problems += _question_problems(q, figures, latex_reasons)
        if q.id in first_seen:
            problems.append(Problem(q.location.path, q.line_of("id"),
                                    f"duplicate id '{q.id}' (first used at {first_seen[q.id].location})"))
        else:
            first_seen[q.id] = q
    problems += _figure_problems(catalog, figures, jobs, progress)
    if run_check_code:
        problems += run_checks(list(catalog.questions), limits=limits, figure_sources=catalog.figures, jobs=jobs,
                               cache=cache, progress=progress)
    return problems


def _latex_reasons(catalog: Catalog, cache: BuildCache) -> dict[str, str | None]:
    """Why each distinct formula does not parse (None: it does), kept in the build cache as one
    entry for the whole set, so a rebuild without new formulas parses none."""
    formulas = sorted({seg.text for _, _, seg in formula_uses(catalog.questions)})
    found = cache.fetch("latex", (formulas,), lambda: json.dumps([latex_problem(f) for f in formulas]).encode())
    return dict(zip(formulas, json.loads(found)))


def _question_problems(q: Question, figures: FigureStore, latex_reasons: dict[str, str | None]) -> list[Problem]:
    problems = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(q.location.path, q.line_of(field), message))

    if not SLUG.match(q.id):
        add("id", f"id '{q.id}' must be a lowercase slug like 'relu-dead-neurons' (a-z, 0-9, single hyphens)")
    if q.difficulty not in DIFFICULTIES:
        add("difficulty", f"unknown difficulty '{q.difficulty}'; use one of {', '.join(DIFFICULTIES)}")
    for tag in q.tags:
        if not SLUG.match(tag):
            add("tags", f"tag '{tag}' must be a lowercase slug")
    for field in ("figure", "answer_figure"):
        name = getattr(q, field)
        if name and name not in figures:
            add(field, f"figure '{name}' does not exist in content/figures/")
    for field in TEXT_FIELDS:
        for seg in split_segments(getattr(q, field)):
            if seg.kind == UNCLOSED:
                add(field, f"'$' in {field} is never closed (write \\$ for a literal dollar sign)")
            elif seg.kind == TEXT:
                for match in INLINE_IMAGE.finditer(seg.text):
                    url = match.group(1) or match.group(2) or "(empty)"
                    add(field, f"image '{url}' in {field}: pictures come only from content/figures/ "
                               "through the 'figure' or 'answer_figure' field (no remote or file: URLs)")
                for match in HOSTILE_HTML.finditer(seg.text):
                    add(field, f"'{match.group(0).strip()}' in {field}: scripts, frames, styles and event "
                               "handlers are not allowed in content")
            elif seg.kind in (INLINE, DISPLAY):
                reason = latex_reasons[seg.text]
                if reason:
                    add(field, f"LaTeX in {field} does not parse: {reason}: ${seg.text}$")
    return problems


def _figure_problems(catalog: Catalog, figures: FigureStore, jobs: int = 1,
                     progress: Progress = QUIET) -> list[Problem]:
    names = [name for name in figures_used(catalog.questions) if name in figures]
    with progress.task("figures", len(names)) as advance:
        errors = figures.render_all(names, jobs, on_done=advance)
    def shown(path):  # named like the section files: relative to the folder that holds content/
        return shown_path_factory(path.parent.parent)(path)

    return [Problem(shown(catalog.figures[name]), error.line, f"figure '{name}': {error}")
            for name, error in errors.items()]
