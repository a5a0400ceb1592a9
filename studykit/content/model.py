"""The catalog: plain frozen dataclasses that every builder reads.

Builders never see YAML; they get a Catalog and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .segments import DISPLAY, INLINE, Segment, split_segments

DIFFICULTIES = ("easy", "medium", "hard", "open")
# the fields that hold Markdown text (prose, code and math)
TEXT_FIELDS = ("context", "question", "answer", "explanation")


@dataclass(frozen=True)
class Location:
    """Where a piece of content was written, for error messages."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Question:
    id: str
    difficulty: str
    question: str
    answer: str
    source: str
    topic_id: str
    section_title: str
    location: Location
    context: str = ""
    explanation: str = ""
    figure: str = ""
    answer_figure: str = ""
    difficulty_assigned: bool = False
    tags: tuple[str, ...] = ()
    check: str = ""
    check_location: Location | None = None
    # line of each field as written, for precise error messages
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.location.line)


def figures_used(questions) -> list[str]:
    """Names of the figures these questions show, sorted."""
    return sorted({name for q in questions for name in (q.figure, q.answer_figure) if name})


def formula_uses(questions) -> Iterator[tuple[Question, str, Segment]]:
    """Every formula in the text fields of these questions, as (question, field, segment)."""
    for q in questions:
        for field in TEXT_FIELDS:
            for seg in split_segments(getattr(q, field)):
                if seg.kind in (INLINE, DISPLAY):
                    yield q, field, seg


@dataclass(frozen=True)
class Section:
    id: str  # the file name without extension
    title: str
    questions: tuple[Question, ...]
    location: Location


@dataclass(frozen=True)
class Topic:
    id: str
    number: int  # 1-based position in topics.yaml; it orders the Anki subdecks
    title: str
    description: str
    sections: tuple[Section, ...]
    location: Location

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)


@dataclass(frozen=True)
class Catalog:
    topics: tuple[Topic, ...]
    figures: dict[str, Path] = field(default_factory=dict)  # name -> source file
    version: str = "0.0.0"

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for t in self.topics for q in t.questions)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def count_by_difficulty(self, questions=None) -> dict[str, int]:
        questions = self.questions if questions is None else questions
        return {d: sum(q.difficulty == d for q in questions) for d in DIFFICULTIES}
