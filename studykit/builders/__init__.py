"""One builder per output format, all with the interface in `base`."""
from __future__ import annotations

from .answers import AnswersBuilder
from .base import Builder, BuildContext

BUILDERS: dict[str, type[Builder]] = {
    AnswersBuilder.name: AnswersBuilder,
}

__all__ = ["BUILDERS", "Builder", "BuildContext"]
