"""Anki packages: everything, one per topic, one per difficulty (dist/anki/).

Identity is FIRM: a note's GUID comes from its question id only, deck ids
from deck names only, and every time from the build epoch, so re-importing a
newer release updates notes in place and keeps the user's reviews.
"""
from __future__ import annotations

import hashlib
import html
from pathlib import Path

import genanki

from ..model import DIFFICULTIES, Question, figures_used
from ..notetype import FIELDS, note_type
from ..apkg import write_apkg
from ..render import safe_html
from ..sanitize import clean_html
from .base import Builder, BuildContext

ROOT_DECK = "ML Interviews"
DIFFICULTY_ROOT_DECK = "ML Interviews by difficulty"
GUID_NAMESPACE = "ml-interviews"


def note_guid(question_id: str) -> str:
    return genanki.guid_for(GUID_NAMESPACE, question_id)


def deck_id(name: str) -> int:
    """A fixed id per deck name, in the range of Anki's own (millisecond-like) ids."""
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
    return (1 << 40) + digest % ((1 << 52) - (1 << 40))


def anki_math(latex: str, display: bool) -> str:
    latex = html.escape(latex, quote=False)
    return f'<div class="math">\\[{latex}\\]</div>' if display else f"\\({latex}\\)"


def field_html(markdown_text: str) -> str:
    return safe_html(markdown_text, anki_math)


class AnkiBuilder(Builder):
    name = "anki"
    description = "Anki decks (dist/anki/)"

    def build(self, ctx: BuildContext, out_dir: Path) -> list[Path]:
        root = out_dir / self.name
        catalog = ctx.catalog
        model = note_type(ctx.templates)
        cards = {q.id: self._note_fields(q, ctx) for q in catalog.questions}

        def deck(name: str, questions, description: str = "") -> genanki.Deck:
            d = genanki.Deck(deck_id(name), name, description=description)
            for q in questions:
                fields, tags = cards[q.id]
                d.add_note(genanki.Note(model=model, fields=fields, guid=note_guid(q.id),
                                        tags=tags, sort_field=q.question))
            return d

        def topic_deck(topic):
            return deck(f"{ROOT_DECK}::{topic.title}", topic.questions, topic.description)

        written = []
        everything = [deck(ROOT_DECK, [], "Machine-learning interview questions, one subdeck per topic.")]
        everything += [topic_deck(t) for t in catalog.topics]
        written.append(self._write(root / "ml-interviews.apkg", everything, catalog.questions, ctx))
        for topic in catalog.topics:
            written.append(self._write(root / "topic" / f"{topic.id}.apkg", [topic_deck(topic)],
                                       topic.questions, ctx))
        for level in DIFFICULTIES:
            questions = [q for q in catalog.questions if q.difficulty == level]
            if questions:  # no empty packages
                name = f"{DIFFICULTY_ROOT_DECK}::{level.capitalize()}"
                written.append(self._write(root / "difficulty" / f"{level}.apkg", [deck(name, questions)],
                                           questions, ctx))
        return written

    def _note_fields(self, q: Question, ctx: BuildContext) -> tuple[list[str], list[str]]:
        values = {
            "ID": q.id,
            "Question": field_html(q.question),
            "Context": field_html(q.context),
            "Figure": self._figure_html(q.figure, ctx),
            "Answer": field_html(q.answer),
            "AnswerFigure": self._figure_html(q.answer_figure, ctx),
            "Explanation": field_html(q.explanation),
            "Topic": html.escape(ctx.catalog.topic(q.topic_id).title),
            "Difficulty": q.difficulty + (" (assigned)" if q.difficulty_assigned else ""),
            "Source": html.escape(" ".join(q.source.split())),
            "Version": ctx.catalog.version,
        }
        tags = [f"topic::{q.topic_id}", f"difficulty::{q.difficulty}", *q.tags]
        return [values[name] for name in FIELDS], tags

    @staticmethod
    def _figure_html(name: str, ctx: BuildContext) -> str:
        if not name:
            return ""
        figure = ctx.figures.get(name)
        return clean_html(f'<img src="{figure.hashed_name}" alt="{html.escape(figure.alt)}">')

    @staticmethod
    def _write(path: Path, decks, questions, ctx: BuildContext) -> Path:
        figures = [ctx.figures.get(name) for name in figures_used(questions)]
        media = {figure.hashed_name: figure.svg for figure in figures}
        return write_apkg(path, decks, media, ctx.epoch)
