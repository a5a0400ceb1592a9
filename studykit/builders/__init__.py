"""One builder per output format, all with the interface in `base`."""
from __future__ import annotations

from .anki.builder import AnkiBuilder
from .answers import AnswersBuilder
from .base import Builder, BuildContext
from .pdf.builder import PdfBuilder

BUILDERS: dict[str, type[Builder]] = {
    AnkiBuilder.name: AnkiBuilder,
    AnswersBuilder.name: AnswersBuilder,
    PdfBuilder.name: PdfBuilder,
}

__all__ = ["BUILDERS", "Builder", "BuildContext"]
