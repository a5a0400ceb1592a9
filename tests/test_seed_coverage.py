"""Every Training-neural-networks question of the seeds is in the content, with the seed's difficulty.

Seed 004 lists exactly the leaf questions of that part, each tagged [E]/[M]/[H];
seeds 001-003 repeat them. The seeds live in ../shared/seeds beside the repo.
"""
from __future__ import annotations

import re
import pytest

from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
TAGS = {"E": "easy", "M": "medium", "H": "hard"}


def words(text: str) -> set[str]:
    tokens = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {t[:-1] if len(t) > 3 and t.endswith("s") else t for t in tokens}  # neurons ~ neuron


def coverage(seed_text: str, ours: set[str]) -> float:
    """The share of the seed question's words that our context and question contain."""
    seed = words(seed_text)
    return len(seed & ours) / len(seed)


def seed_file(prefix: str):
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text()


def training_leaves() -> list[str]:
    """The leaf questions of seed 001's "Training a Neural Network" list, each with its stem."""
    part = seed_file("001").split("## Training a Neural Network", 1)[1].split("\n## ", 1)[0]
    items: list[tuple[int, str]] = []  # (level, text); a sub-question's text includes its stem
    for indent, text in re.findall(r"^( *)\d+\.\s+(.+)$", part, flags=re.M):
        level = len(indent) // 4
        if level == 2:  # "too high / too low / acceptable" belong to their question
            items[-1] = (items[-1][0], items[-1][1] + " " + text)
            continue
        if level == 1:
            parent = next(t for lvl, t in reversed(items) if lvl == 0)
            text = parent + " " + text
        items.append((level, text))
    return [text for i, (level, text) in enumerate(items)
            if not (level == 0 and i + 1 < len(items) and items[i + 1][0] == 1)]


def seed_difficulties() -> list[str]:
    """Seed 004 tags the same leaves, in the same order, with [E]/[M]/[H]."""
    return [TAGS[tag] for tag in re.findall(r"^\s*(?:\d+\.\s*)?\[([EMH])\]", seed_file("004"), flags=re.M)]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this clone")
def test_every_training_question_of_the_seeds_is_in_the_content(catalog):
    [topic] = [t for t in catalog.topics if t.id == "training-neural-networks"]
    ours = {q.id: words(q.context + " " + q.question) for q in topic.questions}
    difficulty = {q.id: q.difficulty for q in topic.questions}
    seeds = list(zip(seed_difficulties(), training_leaves(), strict=True))
    assert len(seeds) == 44
    matched: dict[str, str] = {}
    for level, text in seeds:
        best = max(ours, key=lambda qid: coverage(text, ours[qid]))
        assert coverage(text, ours[best]) >= 0.6, f"no question in the content matches the seed question {text!r}"
        assert best not in matched, f"{text!r} and {matched.get(best)!r} both match {best}"
        assert difficulty[best] == level, f"{best}: seed says {level}"
        matched[best] = text
    assert len(topic.questions) == len(seeds), "the topic has questions that are not in the seeds"
