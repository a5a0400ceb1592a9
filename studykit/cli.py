"""`python build.py`: validate the content, then build the selected artifacts into dist/.

Exit codes: 0 success, 1 a bug in the builder itself, 2 content problems
(each printed as `path:line: message`; nothing is written).
"""
from __future__ import annotations

import argparse
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from .builders import BUILDERS, BuildContext
from .builders.base import template_environment
from .builders.pdf.builder import PAPER_SIZES
from .checks.validate import validate
from .content.idslock import LOCK_NAME, IdsLock, lock_problems, read_lock, write_lock
from .content.loader import load_catalog, shown_path_factory
from .content.model import DIFFICULTIES, Catalog
from .content.problems import ContentError
from .machinery.cache import BuildCache, cache_from_settings
from .machinery.cache import DEFAULT_DIR as DEFAULT_CACHE
from .machinery.epoch import EpochError, source_date_epoch
from .machinery.parallel import WorkerDied, default_jobs
from .machinery.progress import QUIET, Progress, wants_live_display
from .machinery.project import CONTENT_DIR, DIST_DIR, ROOT, project_version
from .machinery.supervise import (DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, MEMORY_ENV, TIME_ENV, Limits,
                                 format_size, limits_from)
from .release.assets import ReleaseError, changelog, format_changes, release_assets, release_notes
from .release.manifest import write_manifest
from .release.output import staged_directory
from .render.figures import FigureStore

EXIT_OK, EXIT_BUG, EXIT_CONTENT = 0, 1, 2


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the content only; write nothing")
    parser.add_argument("--only", action="append", choices=sorted(BUILDERS), metavar="ARTIFACT",
                        help=f"build only these artifacts (repeatable): {', '.join(sorted(BUILDERS))}")
    parser.add_argument("--topic", action="append", metavar="ID", help="build only these topics (repeatable)")
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="content folder (default: content/)")
    parser.add_argument("--out", type=Path, default=DIST_DIR, help="output folder (default: dist/)")
    parser.add_argument("--paper", choices=sorted(PAPER_SIZES), default="a4",
                        help="page size of the PDFs (default: a4)")
    parser.add_argument("--jobs", "-j", type=int, default=default_jobs(), metavar="N",
                        help=f"parallel processes (default: the number of CPUs, here {default_jobs()})")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help=f"build cache folder (default: $STUDYKIT_CACHE or {DEFAULT_CACHE.relative_to(ROOT)}/)")
    parser.add_argument("--no-cache", action="store_true", help="build everything afresh; read and write no cache")
    parser.add_argument("--verbose", "-v", action="store_true", help="name every file that was rebuilt")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help=f"wall-clock limit of each check and figure script (default: ${TIME_ENV} or "
                             f"{DEFAULT_TIME_LIMIT:g})")
    parser.add_argument("--memory-limit", metavar="SIZE",
                        help=f"memory limit of each process running checks or figure scripts, e.g. 2G or 512M "
                             f"(default: ${MEMORY_ENV} or {format_size(DEFAULT_MEMORY_LIMIT)})")
    parser.add_argument("--update-ids-lock", action="store_true",
                        help="add the ids of new questions to content/ids.lock (do this when releasing)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of internal errors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in RELEASE_COMMANDS:
        return release_command(argv)
    args = parse_args(argv)
    # `kill` (SIGTERM) cleans up like Ctrl-C: staging removed, workers stopped, dist/ untouched
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted; dist/ was left as it was.", file=sys.stderr)
        return 130
    except WorkerDied as err:
        print(f"build.py: {err}; dist/ was left as it was.", file=sys.stderr)
        return EXIT_BUG
    except Exception as err:  # noqa: BLE001 - a bug in the builder, not in content
        if args.debug:
            raise
        print(f"internal error: {type(err).__name__}: {err} (run with --debug for the traceback)",
              file=sys.stderr)
        return EXIT_BUG
    finally:
        signal.signal(signal.SIGTERM, previous)  # main() may be called by other code (the tests)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    cache = cache_from_settings(args.cache, args.no_cache)
    with Progress(live=wants_live_display()) as progress:
        result = build(args, cache, progress)
    cache.prune()
    return result


def build(args: argparse.Namespace, cache: BuildCache, progress: Progress) -> int:
    started = time.perf_counter()
    try:
        limits = limits_from(args.time_limit, args.memory_limit)
    except ValueError as err:
        raise SystemExit(f"build.py: {err}") from None
    catalog, figures, lock = load_valid_catalog(args.content, jobs=max(1, args.jobs), cache=cache,
                                                progress=progress, limits=limits)
    if args.check:
        print(summary(catalog) + ", 0 problems")
        return EXIT_OK
    if args.update_ids_lock:
        added = write_lock(lock, {q.id for q in catalog.questions})
        print(f"{lock.path}: added {len(added)} id(s)" + "".join(f"\n  {qid}" for qid in added))
        return EXIT_OK
    catalog = select_topics(catalog, args.topic)
    names = args.only or sorted(BUILDERS)
    try:
        epoch = source_date_epoch(args.content)
    except EpochError as err:
        raise SystemExit(f"build.py: {err}") from None
    ctx = BuildContext(catalog=catalog, figures=figures, templates=template_environment(), epoch=epoch,
                       paper=args.paper, jobs=max(1, args.jobs), cache=cache, progress=progress)
    keep = _entries_to_keep(args.out, names) if args.only else set()
    with staged_directory(args.out, keep=keep) as staging:
        for name in names:
            result = BUILDERS[name]().build(ctx, staging)
            print(f"{name}: {len(result.written)} files, {len(result.rebuilt)} rebuilt")
            if args.verbose:
                print("".join(f"  rebuilt {name}/{path}\n" for path in result.rebuilt), end="")
        write_manifest(staging, catalog, epoch)
    print(f"built {summary(catalog)} into {args.out} in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


RELEASE_COMMANDS = ("changelog", "release-notes", "release-assets")


def release_command(argv: list[str]) -> int:
    """`build.py changelog [--since TAG]`, `build.py release-notes VERSION`,
    `build.py release-assets [--dist DIR] DEST`."""
    parser = argparse.ArgumentParser(prog=f"build.py {argv[0]}")
    if argv[0] == "changelog":
        parser.description = ("List the questions added, changed and retired since the previous release "
                              "(its v* tag, or the commit its CHANGELOG.md section was built from).")
        parser.add_argument("--since", metavar="REF", help="compare with this git ref instead")
        parser.add_argument("--content", type=Path, default=CONTENT_DIR)
    elif argv[0] == "release-notes":
        parser.description = "Print the CHANGELOG.md section of a version (for the GitHub release)."
        parser.add_argument("version", help="e.g. v0.2.0 or 0.2.0")
    else:
        parser.description = "Copy dist/ to flat release assets with an answers zip and SHA256SUMS."
        parser.add_argument("dest", type=Path)
        parser.add_argument("--dist", type=Path, default=DIST_DIR)
    args = parser.parse_args(argv[1:])
    try:
        if argv[0] == "changelog":
            print(format_changes(changelog(ROOT, args.content.resolve(), args.since, project_version())), end="")
        elif argv[0] == "release-notes":
            changelog_file = ROOT / "CHANGELOG.md"
            if not changelog_file.is_file():
                raise ReleaseError("CHANGELOG.md is missing")
            print(release_notes(changelog_file.read_text(), args.version), end="")
        else:
            written = release_assets(args.dist, args.dest)
            print(f"{len(written)} release files in {args.dest}")
    except ReleaseError as err:
        print(f"build.py {argv[0]}: {err}", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def load_valid_catalog(content_dir: Path, jobs: int = 1, cache: BuildCache | None = None,
                       progress: Progress = QUIET, limits: Limits = Limits()) -> tuple[Catalog, FigureStore, IdsLock]:
    """Load and validate everything; raise ContentError listing every problem."""
    catalog, problems = load_catalog(content_dir, version=project_version())
    figures = FigureStore(catalog.figures, cache, limits)
    problems += validate(catalog, figures, jobs=jobs, cache=cache, progress=progress, limits=limits)
    lock_path = shown_path_factory(content_dir)(content_dir / LOCK_NAME)
    lock, found = read_lock(content_dir, lock_path)
    problems += found + lock_problems(lock, lock_path, {q.id for q in catalog.questions})
    if problems:
        raise ContentError(problems)
    return catalog, figures, lock


def select_topics(catalog: Catalog, topic_ids: list[str] | None) -> Catalog:
    if not topic_ids:
        return catalog
    known = {t.id for t in catalog.topics}
    unknown = [t for t in topic_ids if t not in known]
    if unknown:
        raise SystemExit(f"build.py: unknown topic(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return replace(catalog, topics=tuple(t for t in catalog.topics if t.id in topic_ids))


def summary(catalog: Catalog) -> str:
    counts = catalog.count_by_difficulty()
    by_level = ", ".join(f"{d} {counts[d]}" for d in DIFFICULTIES)
    n_topics = len(catalog.topics)
    return f"{n_topics} topic{'s' if n_topics != 1 else ''}, {len(catalog.questions)} questions ({by_level})"


def _entries_to_keep(out: Path, rebuilt: list[str]) -> set[str]:
    if not out.is_dir():
        return set()
    return {p.name for p in out.iterdir()} - set(rebuilt)
