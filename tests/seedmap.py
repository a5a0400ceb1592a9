"""Seed maps: proof that every question of a part of a seed document is in the content.

A map (`tests/seed_maps/*.yaml`) names one part of one seed, from the line
`part_start` up to (not including) the line `part_end`, and accounts for every
non-blank line in it: either the line is a question and names the content
question that answers it, or it is listed under `skipped` (stems, hints,
notes), or it lies inside a block that starts with a line in `skip_blocks`
and ends at the next line starting with three backticks. Where a part mixes
questions with reference answers (seed 003), `only_matching: REGEX` limits
the accounting to the lines that match (for example the tagged ones).

Rules checked against the loaded catalog:
- every mapped line occurs in the seed part, verbatim (after stripping);
- every non-blank line of the part is mapped or skipped;
- the mapped id exists, and its context and question share most of the
  seed line's words (so a line cannot be pinned on an unrelated question);
- a seed tag [E]/[M]/[H] fixes the difficulty; a question no seed line tags
  must say `difficulty_assigned: true` (open questions excepted).

Run alone on a draft tree: `python tests/seedmap.py --content DIR MAP.yaml...`
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
MAPS = Path(__file__).resolve().parent / "seed_maps"
TAGS = {"E": "easy", "M": "medium", "H": "hard"}
MIN_SHARED_WORDS = 0.5


def words(text: str) -> set[str]:
    tokens = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {t[:-1] if len(t) > 3 and t.endswith("s") else t for t in tokens}


def seed_part(seed: str, start: str, end: str | None) -> list[str]:
    [path] = SEEDS.glob(f"{seed}_*.txt")
    lines = [line.strip() for line in path.read_text().splitlines()]
    begin = lines.index(start.strip())
    stop = lines.index(end.strip(), begin + 1) if end else len(lines)
    return lines[begin:stop]


def unaccounted_lines(part: list[str], mapped: set[str], skipped: set[str], skip_blocks: set[str],
                      only_matching: str | None = None) -> list[str]:
    missing, in_block = [], False
    for line in part:
        if in_block:
            in_block = not line.startswith("```")
            continue
        if line in skip_blocks:
            in_block = True
            continue
        if only_matching and not re.search(only_matching, line):
            continue
        if line and line not in mapped and line not in skipped:
            missing.append(line)
    return missing


def map_problems(map_path: Path, questions: dict) -> list[str]:
    """Everything wrong with one map; `questions` maps id -> Question."""
    spec = yaml.safe_load(map_path.read_text())
    name = map_path.name
    part = seed_part(spec["seed"], spec["part_start"], spec.get("part_end"))
    entries = spec.get("questions", [])
    mapped = {e["line"].strip() for e in entries}
    skipped = {s.strip() for s in spec.get("skipped", [])}
    problems = [f"{name}: not in the seed part: {line!r}" for line in sorted((mapped | skipped) - set(part))]
    problems += [f"{name}: seed line neither mapped nor skipped: {line!r}"
                 for line in unaccounted_lines(part, mapped, skipped, set(spec.get("skip_blocks", [])),
                                                   spec.get("only_matching"))]
    for entry in entries:
        line, qid = entry["line"].strip(), entry["id"]
        q = questions.get(qid)
        if q is None:
            problems.append(f"{name}: no question with id {qid!r} (for {line!r})")
            continue
        text = re.sub(r"^\s*(?:[-*]|\d+\.)?\s*\[[EMH]\]", "", line)
        seed_words = words(text)
        shared = len(seed_words & words(q.context + " " + q.question)) / max(len(seed_words), 1)
        if shared < MIN_SHARED_WORDS:
            problems.append(f"{name}: {qid} shares only {shared:.0%} of the words of {line!r}")
    return problems


def difficulty_problems(map_paths: list[Path], questions: dict) -> list[str]:
    """Seed tags fix difficulties; untagged questions are marked as assigned."""
    tags: dict[str, set[str]] = {}
    for path in map_paths:
        for entry in yaml.safe_load(path.read_text()).get("questions", []):
            found = re.match(r"^\s*(?:[-*]|\d+\.)?\s*\[([EMH])\]", entry["line"])
            tags.setdefault(entry["id"], set()).update([TAGS[found.group(1)]] if found else [])
    problems = []
    for qid, levels in sorted(tags.items()):
        q = questions.get(qid)
        if q is None:
            continue
        if len(levels) > 1:
            problems.append(f"{qid}: the seeds disagree on its difficulty: {sorted(levels)}")
        elif levels and q.difficulty not in levels:
            problems.append(f"{qid}: the seed tags it {levels.pop()}, the content says {q.difficulty}")
        elif levels and q.difficulty_assigned:
            problems.append(f"{qid}: the seed tags its difficulty, so it is not assigned")
        elif not levels and q.difficulty != "open" and not q.difficulty_assigned:
            problems.append(f"{qid}: no seed tags its difficulty: mark it difficulty_assigned: true")
    return problems


def main(argv: list[str]) -> int:
    import argparse

    sys.path.insert(0, str(ROOT))
    from studykit.content.loader import load_catalog

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("maps", type=Path, nargs="+")
    args = parser.parse_args(argv)
    catalog, load_errors = load_catalog(args.content)
    questions = {q.id: q for q in catalog.questions}
    problems = [str(p) for p in load_errors]
    for path in args.maps:
        problems += map_problems(path, questions)
    problems += difficulty_problems(args.maps, questions)
    print("\n".join(problems) or "every seed line is accounted for")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
