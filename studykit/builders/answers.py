"""Markdown answer keys for reading on GitHub: dist/answers/<topic-id>.md and an index."""
from __future__ import annotations

from pathlib import Path

from ..model import DIFFICULTIES, Topic, figures_used
from .base import Builder, BuildContext, write_bytes, write_text

FIGURES_SUBDIR = "figures"


class AnswersBuilder(Builder):
    name = "answers"
    description = "Markdown answer keys (dist/answers/)"

    def build(self, ctx: BuildContext, out_dir: Path) -> list[Path]:
        root = out_dir / self.name
        catalog = ctx.catalog
        written = []
        topic_template = ctx.templates.get_template("answers/topic.md.j2")
        for topic in catalog.topics:
            text = topic_template.render(topic=topic, numbered=_numbered(topic), version=catalog.version,
                                         figures=ctx.figures, figures_dir=FIGURES_SUBDIR)
            written.append(write_text(root / f"{topic.id}.md", text))
        index = ctx.templates.get_template("answers/index.md.j2").render(
            topics=catalog.topics, difficulties=DIFFICULTIES, catalog=catalog, version=catalog.version)
        written.append(write_text(root / "README.md", index))
        for name in figures_used(catalog.questions):
            written.append(write_bytes(root / FIGURES_SUBDIR / f"{name}.svg", ctx.figures.get(name).svg))
        return written


def _numbered(topic: Topic):
    """(section number, section, [(number like '2.3', question)])."""
    return [
        (s_index, section, [(f"{s_index}.{q_index}", q) for q_index, q in enumerate(section.questions, 1)])
        for s_index, section in enumerate(topic.sections, 1)
    ]
