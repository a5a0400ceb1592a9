"""The small interface every builder implements: catalog in, files out."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..figures import FigureStore
from ..model import Catalog
from ..render import github_markdown

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class BuildContext:
    catalog: Catalog
    figures: FigureStore
    templates: jinja2.Environment
    epoch: int  # SOURCE_DATE_EPOCH: the only time any artifact may contain
    paper: str = "a4"  # page size of the PDFs: a4 | letter
    jobs: int = 1  # parallel processes a builder may use


def template_environment(directory: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["gfm"] = github_markdown
    env.filters["oneline"] = lambda text: " ".join(text.split())
    env.filters["first_block"] = lambda text: text.split("\n\n", 1)[0]
    env.filters["other_blocks"] = lambda text: text.split("\n\n", 1)[1] if "\n\n" in text else ""
    env.filters["quote"] = lambda text: "\n".join(f"> {line}".rstrip() for line in text.splitlines())
    return env


class Builder:
    """Subclasses set `name` (also their folder in dist/) and write files in `build`."""

    name: str = ""
    description: str = ""

    def build(self, ctx: BuildContext, out_dir: Path) -> list[Path]:
        """Write this builder's files under out_dir/<name>/ and return their paths."""
        raise NotImplementedError


def write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
