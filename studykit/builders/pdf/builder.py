"""Printable PDFs: cheat sheets per topic and combined, and practice sheets.

dist/pdf/<topic-id>.pdf            landscape cheat sheet of one topic
dist/pdf/ml-interviews.pdf         every topic, with a cover, contents and an outline
dist/pdf/practice/<topic-id>.pdf   numbered questions with room to write, answers at the end

Presentation is in templates/pdf/; this module only gathers what to show.
"""
from __future__ import annotations

import base64
import html

from markupsafe import Markup

from ...content.model import Question, Topic, formula_uses
from ...content.problems import ContentError, Problem
from ...content.segments import DISPLAY
from ...machinery.project import ROOT
from ...render.figures import Figure
from ...render.markdown import pygments_css, safe_html
from ..base import Builder, BuildContext, Output, cached_or_made, shown_figures
from .engine import html_to_pdf
from .figurepdf import compile_for_worker, compiled_figure_url, figure_images, remember_figure
from .mathpdf import formula_images, formula_img, remember, typeset
from .mathsvg import BODY_FONT_PT
from .merge import concatenate, page_count

COMBINED_NAME = "ml-interviews"
COMBINED_TITLE = "ML interview cheat sheet"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
DENSE_TOPIC_QUESTIONS = 30  # from this many questions a cheat sheet uses three columns
CHEATSHEET_FONT_PT = BODY_FONT_PT
PRACTICE_FONT_PT = 10.0


class PdfBuilder(Builder):
    name = "pdf"
    description = "PDF cheat sheets and practice sheets (dist/pdf/)"
    parallel = True

    def outputs(self, ctx: BuildContext) -> list[Output]:
        topics = ctx.catalog.topics

        def document(path: str, chosen: tuple[Topic, ...], make, needs: tuple[str, ...] = ()) -> Output:
            questions = [q for t in chosen for q in t.questions]
            return Output(path, (chosen, shown_figures(ctx, questions), ctx.paper), make, weight=len(questions),
                          needs=needs)

        outputs = [document(f"{t.id}.pdf", (t,), lambda t=t: self.cheatsheet(ctx, t)) for t in topics]
        outputs.append(document(f"{COMBINED_NAME}.pdf", topics, lambda *sheets: self.combined(ctx, topics, sheets),
                                needs=tuple(f"{t.id}.pdf" for t in topics)))
        outputs += [document(f"practice/{t.id}.pdf", (t,), lambda t=t: self.practice(ctx, t)) for t in topics]
        return outputs

    def prepare(self, ctx: BuildContext, outputs: list[Output]) -> None:
        # only the sheets about to be laid out need their formulas and figures; the combined
        # sheet (made from the topic sheets it needs) lays out only its cover, which is text
        laid_out = [topic for o in outputs if not o.needs for topic in o.inputs[0]]  # inputs: (topics, ...)
        questions = [q for t in laid_out for q in t.questions]
        typeset_all_formulas(ctx, questions)
        draw_all_figures(ctx, questions)

    def cheatsheet(self, ctx: BuildContext, topic: Topic) -> bytes:
        return self._render(ctx, "pdf/cheatsheet.html", CHEATSHEET_FONT_PT,
                            title=f"{COMBINED_TITLE}: {topic.title}", topic=topic, columns=columns_for(topic))

    def combined(self, ctx: BuildContext, topics: tuple[Topic, ...], sheets: tuple[bytes, ...]) -> bytes:
        """The cover and contents, then every topic's cheat sheet as it is (not laid out again)."""
        pages = [page_count(pdf) for pdf in sheets]
        cover_pages = 2  # the cover and a page of contents, unless the contents run longer
        for _ in range(3):
            starts = [cover_pages + 1 + sum(pages[:i]) for i in range(len(topics))]
            # kept by its HTML: a content commit that leaves every topic's page count as it was
            # reuses the cover instead of laying it out again
            cover = self._render(ctx, "pdf/cover.html", CHEATSHEET_FONT_PT, cache_kind="cover", title=COMBINED_TITLE,
                                 topics=topics, starts=starts, question_count=sum(len(t.questions) for t in topics))
            pages_now = page_count(cover)
            if pages_now == cover_pages:
                break
            cover_pages = pages_now
        else:
            raise RuntimeError("the page numbers in the contents do not settle")
        return concatenate(cover, {t.id: pdf for t, pdf in zip(topics, sheets)}, COMBINED_TITLE)

    def practice(self, ctx: BuildContext, topic: Topic) -> bytes:
        return self._render(ctx, "pdf/practice.html", PRACTICE_FONT_PT,
                            title=f"ML interview practice: {topic.title}", topic=topic)

    def _render(self, ctx: BuildContext, template: str, font_pt: float, cache_kind: str = "", **values) -> bytes:
        version = ctx.catalog.version

        def md(text: str) -> Markup:
            return Markup(safe_html(text, lambda latex, display: formula_img(latex, display, font_pt)))

        def figure(name: str) -> Markup:
            return Markup(figure_img(ctx.figures.get(name)))

        css = ctx.templates.get_template("pdf/style.css.j2").render(
            paper=PAPER_SIZES[ctx.paper], doc_title=css_string(values["title"]), version=version, font_pt=font_pt,
            code_css=pygments_css())
        html = ctx.templates.get_template(template).render(
            md=md, figure=figure, css=Markup(css), version=version, **values)
        def make() -> bytes:
            return html_to_pdf(html, base_dir=ROOT, allowed_roots=[ROOT], images={**formula_images(), **figure_images()})

        return ctx.cache.fetch(cache_kind, (html,), make) if cache_kind else make()


def draw_all_figures(ctx: BuildContext, questions) -> None:
    """Draw each figure these questions show once (WeasyPrint's drawing, kept as PDF operators), in
    parallel, or take it from the build cache; a figure that cannot be kept is drawn as usual."""
    figures = sorted(shown_figures(ctx, questions), key=lambda figure: figure.hashed_name)
    drawn = cached_or_made(ctx, "figure drawings", figures, [ctx.cache.key("drawing", f.svg) for f in figures],
                           compile_for_worker,
                           describe=lambda figure: f"the drawing of figure '{figure.name}'")
    for figure, data in zip(figures, drawn):
        if data:  # empty: WeasyPrint draws it itself
            remember_figure(figure.hashed_name, data)


def typeset_all_formulas(ctx: BuildContext, questions) -> None:
    """Typeset every formula of these questions once, in parallel, or take it from the build cache;
    a formula that cannot be printed is a content error."""
    where: dict[tuple[str, bool], list[tuple[Question, str]]] = {}
    for q, field, seg in formula_uses(questions):
        where.setdefault((seg.text, seg.kind == DISPLAY), []).append((q, field))
    formulas = list(where)
    typeset_now = cached_or_made(ctx, "formulas", formulas, [ctx.cache.key("formula", *f) for f in formulas],
                                 typeset, chunksize=32, describe=lambda formula: f"the formula ${formula[0]}$")
    problems = []
    for (latex, display), result in zip(formulas, typeset_now):
        if isinstance(result, str):
            problems += [Problem(q.location.path, q.line_of(field), f"{field} of '{q.id}': {result}")
                         for q, field in where[(latex, display)]]
        else:
            remember(latex, display, result)
    if problems:
        raise ContentError(problems)


def css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def columns_for(topic: Topic) -> int:
    return 3 if len(topic.questions) >= DENSE_TOPIC_QUESTIONS else 2


def figure_img(figure: Figure) -> str:
    src = compiled_figure_url(figure) or "data:image/svg+xml;base64," + base64.b64encode(figure.svg).decode("ascii")
    return f'<img class="figure" alt="{html.escape(figure.alt)}" src="{src}">'
