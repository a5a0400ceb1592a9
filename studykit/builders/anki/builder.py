"""Anki packages: everything, one per topic, one per difficulty (dist/anki/).

Identity is FIRM: a note's GUID comes from its question id only, deck ids
from deck names only, and every time from the build epoch, so re-importing a
newer release updates notes in place and keeps the user's reviews.
"""
from __future__ import annotations

import hashlib
import html
import json

import genanki

from ...content.model import DIFFICULTIES, Question, Topic
from ...render.markdown import safe_html
from ...render.sanitize import clean_html
from ..base import Builder, BuildContext, Output, cached_or_made, shown_figures
from .apkg import apkg_bytes
from .notetype import FIELDS, note_type

ROOT_DECK = "ML Interviews"
DIFFICULTY_ROOT_DECK = "ML Interviews by difficulty"
GUID_NAMESPACE = "ml-interviews"
EVERYTHING_DESCRIPTION = "Machine-learning interview questions, one subdeck per topic."


def topic_deck_name(topic: Topic) -> str:
    """FIRM once released. Anki gathers new cards subdeck by subdeck in alphabetical order, so the
    two-digit position in topics.yaml makes the subdecks sort (and be studied) in the designed order."""
    return f"{ROOT_DECK}::{topic.number:02d} {topic.title}"


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
    parallel = True
    uses_epoch = True  # note times must advance, or a re-import does not update the notes

    def __init__(self):
        # each note's fields and tags, rendered once per build (or taken from the cache) by
        # prepare(), before the packages are made in worker processes that inherit them
        self._cards: dict[str, tuple[list[str], list[str]]] = {}

    def prepare(self, ctx: BuildContext, outputs: list[Output]) -> None:
        questions = list(ctx.catalog.questions)
        keys = [ctx.cache.key("note", q, ctx.catalog.topic(q.topic_id).title, ctx.catalog.version,
                              shown_figures(ctx, [q])) for q in questions]
        cards = cached_or_made(ctx, "notes", questions, keys, lambda q: json.dumps(self._note_fields(q, ctx)).encode(),
                               chunksize=16, describe=lambda q: f"the note of '{q.id}'")
        for q, card in zip(questions, cards):
            fields, tags = json.loads(card)
            self._cards[q.id] = (fields, tags)

    def outputs(self, ctx: BuildContext) -> list[Output]:
        catalog = ctx.catalog
        model = note_type(ctx.templates)
        cards = self._cards

        def deck(name: str, questions, description: str = "") -> genanki.Deck:
            d = genanki.Deck(deck_id(name), name, description=description)
            # a new card's position is its place in the deck, so each deck is studied in content order
            for position, q in enumerate(questions):
                if q.id not in cards:
                    cards[q.id] = self._note_fields(q, ctx)
                fields, tags = cards[q.id]
                d.add_note(genanki.Note(model=model, fields=fields, guid=note_guid(q.id),
                                        tags=tags, sort_field=q.question, due=position))
            return d

        def topic_deck(topic: Topic) -> genanki.Deck:
            return deck(topic_deck_name(topic), topic.questions, topic.description)

        def package(path: str, make_decks, questions, inputs) -> Output:
            # a card shows its topic's title, so the topics of its questions are inputs too
            titles = sorted({(q.topic_id, catalog.topic(q.topic_id).title) for q in questions})
            return Output(path, (inputs, titles, shown_figures(ctx, questions)),
                          lambda: self._package(make_decks(), questions, ctx), weight=len(questions))

        outputs = [package("ml-interviews.apkg", lambda: [deck(ROOT_DECK, [], EVERYTHING_DESCRIPTION)]
                           + [topic_deck(t) for t in catalog.topics], catalog.questions, catalog.topics)]
        outputs += [package(f"topic/{t.id}.apkg", lambda t=t: [topic_deck(t)], t.questions, t)
                    for t in catalog.topics]
        for level in DIFFICULTIES:
            questions = [q for q in catalog.questions if q.difficulty == level]
            if questions:  # no empty packages
                name = f"{DIFFICULTY_ROOT_DECK}::{level.capitalize()}"
                outputs.append(package(f"difficulty/{level}.apkg",
                                       lambda name=name, questions=questions: [deck(name, questions)],
                                       questions, questions))
        return outputs

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
    def _package(decks, questions, ctx: BuildContext) -> bytes:
        media = {figure.hashed_name: figure.svg for figure in shown_figures(ctx, questions)}
        return apkg_bytes(decks, media, ctx.epoch)
