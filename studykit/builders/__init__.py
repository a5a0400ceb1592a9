"""One builder per output format, all with the interface in `base`."""
from __future__ import annotations

from .anki import AnkiBuilder
from .answers import AnswersBuilder
from .base import Builder, BuildContext

BUILDERS: dict[str, type[Builder]] = {
    AnkiBuilder.name: AnkiBuilder,
    AnswersBuilder.name: AnswersBuilder,
}

__all__ = ["BUILDERS", "Builder", "BuildContext"]
