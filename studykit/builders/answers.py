"""Markdown answer keys for reading on GitHub: dist/answers/<topic-id>.md and an index."""
from __future__ import annotations

from ..content.model import DIFFICULTIES, Topic, figures_used
from .base import Builder, BuildContext, Output, shown_figures

FIGURES_SUBDIR = "figures"


class AnswersBuilder(Builder):
    name = "answers"
    description = "Markdown answer keys (dist/answers/)"

    def outputs(self, ctx: BuildContext) -> list[Output]:
        catalog = ctx.catalog

        def topic_page(topic: Topic) -> bytes:
            return ctx.templates.get_template("answers/topic.md.j2").render(
                topic=topic, numbered=_numbered(topic), version=catalog.version, figures=ctx.figures,
                figures_dir=FIGURES_SUBDIR).encode("utf-8")

        def index() -> bytes:
            return ctx.templates.get_template("answers/index.md.j2").render(
                topics=catalog.topics, difficulties=DIFFICULTIES, catalog=catalog,
                version=catalog.version).encode("utf-8")

        outputs = [Output(f"{t.id}.md", (t, shown_figures(ctx, t.questions)), lambda t=t: topic_page(t))
                   for t in catalog.topics]
        # the index shows titles and counts only, so editing a question's text leaves it alone
        outputs.append(Output("README.md", [(t.id, t.title, catalog.count_by_difficulty(t.questions))
                                            for t in catalog.topics], index))
        outputs += [Output(f"{FIGURES_SUBDIR}/{name}.svg", ctx.figures.get(name).svg,
                           lambda name=name: ctx.figures.get(name).svg)
                    for name in figures_used(catalog.questions)]
        return outputs


def _numbered(topic: Topic):
    """(section number, section, [(number like '2.3', question)])."""
    return [
        (s_index, section, [(f"{s_index}.{q_index}", q) for q_index, q in enumerate(section.questions, 1)])
        for s_index, section in enumerate(topic.sections, 1)
    ]
