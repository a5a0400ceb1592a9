"""The small interface every builder implements: catalog in, files out.

A builder lists its outputs, each with the content it is made from; this
module does the rest once for all of them: outputs whose inputs are in the
build cache are copied from it, the others are made (in parallel processes
for builders that ask for it) and stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import jinja2

from ..content.model import Catalog, figures_used
from ..machinery.cache import BuildCache
from ..machinery.parallel import parallel_map
from ..machinery.progress import QUIET, Progress
from ..render.figures import FigureStore
from ..render.markdown import github_markdown

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
T = TypeVar("T")


@dataclass(frozen=True)
class BuildContext:
    catalog: Catalog
    figures: FigureStore
    templates: jinja2.Environment
    epoch: int  # SOURCE_DATE_EPOCH: the only time any artifact may contain
    paper: str = "a4"  # page size of the PDFs: a4 | letter
    jobs: int = 1  # parallel processes a builder may use
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    progress: Progress = QUIET


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


@dataclass(frozen=True)
class Output:
    """One file a builder writes."""

    path: str  # inside the builder's folder, e.g. "topic/nlp.apkg"
    inputs: object  # all content the bytes depend on (code, templates, version and, if used, epoch are added)
    make: Callable[..., bytes]  # called with the bytes of `needs`, in order
    weight: int = 1  # rough cost: the heaviest outputs are started first
    needs: tuple[str, ...] = ()  # other outputs of this builder that this one is made from


@dataclass(frozen=True)
class BuildResult:
    written: list[Path]
    rebuilt: list[str]  # paths (inside the builder's folder) that were made, not taken from the cache


class Builder:
    """Subclasses set `name` (also their folder in dist/) and list their files in `outputs`."""

    name: str = ""
    description: str = ""
    parallel: bool = False  # outputs are slow enough to be worth worker processes
    # the build's time stamp is in the bytes (Anki note times); otherwise a new content commit
    # alone remakes nothing, since nothing else shows a date
    uses_epoch: bool = False

    def outputs(self, ctx: BuildContext) -> list[Output]:
        raise NotImplementedError

    def prepare(self, ctx: BuildContext, outputs: list[Output]) -> None:
        """Work shared by the outputs about to be made (those the cache did not have)."""

    def build(self, ctx: BuildContext, out_dir: Path) -> BuildResult:
        """Write this builder's files under out_dir/<name>/."""
        outputs = self.outputs(ctx)
        epoch = ctx.epoch if self.uses_epoch else None
        keys = [ctx.cache.key("artifact", self.name, o.path, ctx.catalog.version, epoch, o.inputs) for o in outputs]
        found = [ctx.cache.get(key) for key in keys]
        missing = sorted((i for i, data in enumerate(found) if data is None), key=lambda i: -outputs[i].weight)
        if missing:
            self.prepare(ctx, [outputs[i] for i in missing])
            index = {o.path: i for i, o in enumerate(outputs)}
            with ctx.progress.task(self.name, len(missing)) as advance:
                # two rounds: outputs made from others come after the others exist
                for this_round in ([i for i in missing if not outputs[i].needs],
                                   [i for i in missing if outputs[i].needs]):
                    made = parallel_map(lambda i: outputs[i].make(*(found[index[p]] for p in outputs[i].needs)),
                                        this_round, ctx.jobs if self.parallel else 1, on_done=advance,
                                        describe=lambda i: f"{self.name}/{outputs[i].path}")
                    for i, data in zip(this_round, made):
                        found[i] = data
                        ctx.cache.put(keys[i], data)
        written = [write_bytes(out_dir / self.name / o.path, data) for o, data in zip(outputs, found)]
        return BuildResult(written, sorted(outputs[i].path for i in missing))


def cached_or_made(ctx: BuildContext, label: str, items: Sequence[T], keys: Sequence[str],
                   make: Callable[[T], bytes | str], chunksize: int = 1,
                   describe: Callable[[T], str] = repr) -> list[bytes | str]:
    """Work shared by several outputs (typeset formulas, figure drawings, notes), item by item:
    each item's bytes from the build cache, or else make(item), run in parallel for the items the
    cache lacks (with progress under `label`). `make` returns bytes, which are stored, or a str
    saying why the item cannot be made, which is not. Results in the order of `items`."""
    found: list[bytes | str | None] = [ctx.cache.get(key) for key in keys]
    missing = [i for i, data in enumerate(found) if data is None]
    with ctx.progress.task(label, len(missing)) as advance:
        made = parallel_map(make, [items[i] for i in missing], ctx.jobs, chunksize=chunksize, on_done=advance,
                            describe=describe)
    for i, result in zip(missing, made):
        found[i] = result
        if isinstance(result, bytes):
            ctx.cache.put(keys[i], result)
    return found


def shown_figures(ctx: BuildContext, questions) -> list:
    """The figures these questions show (name, alt and picture): part of an output's inputs."""
    return [ctx.figures.get(name) for name in figures_used(questions)]


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
