"""The one Anki note type. FIRM: its id, field names and order, and template name never change.

Changing any of them breaks every user's upgrade (Anki would create a second
note type and duplicate the cards). Presentation (HTML, CSS) may change.
"""
from __future__ import annotations

import genanki
from pygments.formatters import HtmlFormatter

MODEL_ID = 1_716_150_481_137
MODEL_NAME = "ML Interviews question"
TEMPLATE_NAME = "Question → Answer"
FIELDS = (
    "ID", "Question", "Context", "Figure", "Answer", "AnswerFigure", "Explanation",
    "Topic", "Difficulty", "Source", "Version",
)
SORT_FIELD = FIELDS.index("Question")


def note_type(templates) -> genanki.Model:
    css = templates.get_template("anki/style.css.j2").render(
        light_code_css=HtmlFormatter(style="friendly").get_style_defs(".highlight"),
        dark_code_css=HtmlFormatter(style="monokai").get_style_defs(".nightMode .highlight"),
    )
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": TEMPLATE_NAME,
            "qfmt": _raw(templates, "anki/front.html"),
            "afmt": _raw(templates, "anki/back.html"),
        }],
        css=css,
        sort_field_index=SORT_FIELD,
    )


def _raw(templates, name: str) -> str:
    """A template file as written: Anki's {{Field}} syntax, not Jinja's."""
    source, _, _ = templates.loader.get_source(templates, name)
    return source
