"""Benchmark: build times and peak memory, printed as numbers (no assertions).

    .venv/bin/python bench/bench.py              # the real content and a synthetic tree 10x its size
    .venv/bin/python bench/bench.py --scale 1    # the real content only

For each tree it measures, as separate `build.py` processes into temporary
folders with a fresh build cache:

- clean:    nothing cached (validation, every check, figure, formula and file);
- no-op:    the same build again;
- one edit: one answer changed, then built again (an uncommitted edit: same epoch);
- after a content commit: another answer changed and a new build epoch, as the
  first `make` after committing (or pulling) an edited answer.

The synthetic tree is the real content copied `scale` times under new topic,
question and figure ids, so math, code, checks and figures keep their
proportions. Identical formulas are typeset once per build, as in real
content; every copy's checks, figures and pages are made in full.

Peak memory is the largest total memory of the build process and all its
workers at any moment (proportional set size, so memory a forked worker
shares with the build counts once; sampled four times a second).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1800000000"
SAMPLE_SECONDS = 0.25  # reading memory maps costs CPU: sample sparingly
EDITED_TOPIC = "nlp"  # the one-edit run changes the first answer of this topic


def tree_memory_kib(root_pid: int) -> float:
    """Memory of a process and all its descendants, in KiB: the sum of their proportional set
    sizes (PSS), so pages that forked workers share with the build count once, not per process."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as f:
                    parents[int(entry.name)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    total, stack = 0.0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass  # the process has just ended
        stack += [child for child, parent in parents.items() if parent == pid]
    return total


def timed_build(content: Path, cache: Path, jobs: int | None, epoch: str = EPOCH) -> tuple[float, float]:
    """(seconds, peak MiB of the whole process tree) of one build."""
    args = ["--content", str(content), "--cache", str(cache)] + (["--jobs", str(jobs)] if jobs else [])
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--out", out, *args], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=errors,
                                   env={**os.environ, "SOURCE_DATE_EPOCH": epoch, "CI": "true"})
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, tree_memory_kib(process.pid))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"build of {content} failed:\n{errors.read().decode()[-3000:]}")
    return seconds, peak / 1024


def synthetic_tree(dest: Path, scale: int) -> Path:
    """The real content `scale` times: copy k > 0 renames topics, questions and figures with `-x<k>`."""
    source = ROOT / "content"
    shutil.copytree(source, dest)
    topics_file = yaml.safe_load((source / "topics.yaml").read_text())
    figures = sorted(p for p in (source / "figures").iterdir() if p.suffix in (".py", ".svg"))
    all_topics = list(topics_file["topics"])
    for k in range(1, scale):
        suffix = f"-x{k}"
        for figure in figures:
            shutil.copy(figure, dest / "figures" / f"{figure.stem}{suffix}{figure.suffix}")
        for topic in topics_file["topics"]:
            all_topics.append({**topic, "id": topic["id"] + suffix, "title": f"{topic['title']} ({k + 1})"})
            (dest / (topic["id"] + suffix)).mkdir()
            for section_file in sorted((source / topic["id"]).glob("*.yaml")):
                section = yaml.safe_load(section_file.read_text())
                for question in section["questions"]:
                    question["id"] += suffix
                    for field in ("figure", "answer_figure"):
                        if question.get(field):
                            question[field] += suffix
                (dest / (topic["id"] + suffix) / section_file.name).write_text(
                    yaml.safe_dump(section, sort_keys=False, allow_unicode=True, width=10_000))
    (dest / "topics.yaml").write_text(yaml.safe_dump({"topics": all_topics}, sort_keys=False, allow_unicode=True))
    return dest


def edit_one_answer(content: Path, which: int = 0) -> None:
    section_file = sorted((content / EDITED_TOPIC).glob("*.yaml"))[0]
    section = yaml.safe_load(section_file.read_text())
    section["questions"][which]["answer"] += "\n\nEdited for the benchmark."
    section_file.write_text(yaml.safe_dump(section, sort_keys=False, allow_unicode=True, width=10_000))


def count(content: Path) -> tuple[int, int]:
    """(topics, questions) of a content tree."""
    topics = yaml.safe_load((content / "topics.yaml").read_text())["topics"]
    questions = sum(len(yaml.safe_load(p.read_text())["questions"])
                    for t in topics for p in (content / t["id"]).glob("*.yaml"))
    return len(topics), questions


def measure(label: str, content: Path, work: Path, jobs: int | None) -> None:
    cache = work / ("cache-" + label.replace(" ", "-"))
    topics, questions = count(content)
    print(f"\n{label}: {topics} topics, {questions} questions")
    print(f"  {'build':<24} {'seconds':>8} {'peak MiB':>9}")
    later = str(int(EPOCH) + 86_400)
    runs = [("clean", None, EPOCH), ("no-op", None, EPOCH), ("one edit", edit_one_answer, EPOCH),
            ("after a content commit", lambda c: edit_one_answer(c, which=1), later)]
    for name, before, epoch in runs:
        if before:
            before(content)
        seconds, peak = timed_build(content, cache, jobs, epoch)
        print(f"  {name:<24} {seconds:>8.1f} {peak:>9.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="size of the synthetic tree (1: real content only)")
    parser.add_argument("--jobs", type=int, help="passed to build.py (default: its own, the number of CPUs)")
    args = parser.parse_args()
    print(f"{len(os.sched_getaffinity(0))} CPUs; build.py --jobs {args.jobs or 'default'}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        real = shutil.copytree(ROOT / "content", work / "real")  # the edit must not touch the checkout
        measure("real content", real, work, args.jobs)
        if args.scale > 1:
            measure(f"synthetic x{args.scale}", synthetic_tree(work / "synthetic", args.scale), work, args.jobs)


if __name__ == "__main__":
    main()
