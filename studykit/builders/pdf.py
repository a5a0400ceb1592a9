"""Printable PDFs: cheat sheets per topic and combined, and practice sheets.

dist/pdf/<topic-id>.pdf            landscape cheat sheet of one topic
dist/pdf/ml-interviews.pdf         every topic, with a cover, contents and an outline
dist/pdf/practice/<topic-id>.pdf   numbered questions with room to write, answers at the end

Presentation is in templates/pdf/; this module only gathers what to show.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path

from markupsafe import Markup

from ..figures import Figure
from ..mathsvg import BODY_FONT_PT, formula_img, remember, typeset
from ..model import Catalog, Question, Topic
from ..parallel import parallel_map
from ..problems import ContentError, Problem
from ..segments import DISPLAY, INLINE, split_segments
from ..validate import TEXT_FIELDS
from ..pdfengine import html_to_pdf
from ..project import ROOT
from ..render import pygments_css, safe_html
from .base import Builder, BuildContext, write_bytes

COMBINED_NAME = "ml-interviews"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
DENSE_TOPIC_QUESTIONS = 30  # from this many questions a cheat sheet uses three columns
CHEATSHEET_FONT_PT = BODY_FONT_PT
PRACTICE_FONT_PT = 10.0


class PdfBuilder(Builder):
    name = "pdf"
    description = "PDF cheat sheets and practice sheets (dist/pdf/)"

    def build(self, ctx: BuildContext, out_dir: Path) -> list[Path]:
        typeset_all_formulas(ctx.catalog, ctx.jobs)
        topics = {t.id: t for t in ctx.catalog.topics}
        documents = [(f"{t}.pdf", "cheatsheet", t) for t in topics] + [(f"{COMBINED_NAME}.pdf", "combined", "")]
        documents += [(f"practice/{t}.pdf", "practice", t) for t in topics]

        def render(document: tuple[str, str, str]) -> bytes:
            _, kind, topic_id = document
            if kind == "practice":
                return self.practice(ctx, topics[topic_id])
            chosen = list(topics.values()) if kind == "combined" else [topics[topic_id]]
            return self.cheatsheet(ctx, chosen, cover=kind == "combined")

        # the longest document first, so the workers finish together
        order = sorted(range(len(documents)), key=lambda i: documents[i][1] != "combined")
        pdfs = dict(zip(order, parallel_map(render, [documents[i] for i in order], ctx.jobs)))
        return [write_bytes(out_dir / self.name / documents[i][0], pdfs[i]) for i in range(len(documents))]

    def cheatsheet(self, ctx: BuildContext, topics: list[Topic], cover: bool) -> bytes:
        title = "ML interview cheat sheet" + ("" if cover else f": {topics[0].title}")
        return self._render(ctx, "pdf/cheatsheet.html", CHEATSHEET_FONT_PT, title=title, topics=topics,
                            cover=cover, columns={t.id: columns_for(t) for t in topics})

    def practice(self, ctx: BuildContext, topic: Topic) -> bytes:
        return self._render(ctx, "pdf/practice.html", PRACTICE_FONT_PT,
                            title=f"ML interview practice: {topic.title}", topic=topic)

    def _render(self, ctx: BuildContext, template: str, font_pt: float, **values) -> bytes:
        catalog = ctx.catalog

        def md(text: str) -> Markup:
            return Markup(safe_html(text, lambda latex, display: formula_img(latex, display, font_pt)))

        def figure(name: str) -> Markup:
            return Markup(figure_img(ctx.figures.get(name)))

        css = ctx.templates.get_template("pdf/style.css.j2").render(
            paper=PAPER_SIZES[ctx.paper], doc_title=css_string(values["title"]), version=catalog.version, font_pt=font_pt, code_css=pygments_css())
        html = ctx.templates.get_template(template).render(
            md=md, figure=figure, css=Markup(css), version=catalog.version, catalog=catalog, **values)
        return html_to_pdf(html, base_dir=ROOT, allowed_roots=[ROOT], epoch=ctx.epoch)


def typeset_all_formulas(catalog: Catalog, jobs: int) -> None:
    """Typeset every formula once, in parallel; a formula that cannot be printed is a content error."""
    where: dict[tuple[str, bool], list[tuple[Question, str]]] = {}
    for q in catalog.questions:
        for field in TEXT_FIELDS:
            for seg in split_segments(getattr(q, field)):
                if seg.kind in (INLINE, DISPLAY):
                    where.setdefault((seg.text, seg.kind == DISPLAY), []).append((q, field))
    problems = []
    for latex, display, svg, error in parallel_map(typeset, list(where), jobs, chunksize=32):
        if error:
            problems += [Problem(q.location.path, q.line_of(field), f"{field} of '{q.id}': {error}")
                         for q, field in where[(latex, display)]]
        else:
            remember(latex, display, svg)
    if problems:
        raise ContentError(problems)


def css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def columns_for(topic: Topic) -> int:
    return 3 if len(topic.questions) >= DENSE_TOPIC_QUESTIONS else 2


def figure_img(figure: Figure) -> str:
    data = base64.b64encode(figure.svg).decode("ascii")
    return f'<img class="figure" alt="{html.escape(figure.alt)}" src="data:image/svg+xml;base64,{data}">'
