"""The Anki packages, imported with the real Anki backend (the `anki` package)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from conftest import ROOT, content_commit_epoch
from studykit.builders.anki.builder import DIFFICULTY_ROOT_DECK, ROOT_DECK, note_guid, topic_deck_name
from studykit.builders.anki.notetype import FIELDS, MODEL_ID
from studykit.machinery.project import project_version
from studykit.release.assets import previous_release

def fresh_collection(tmp_path: Path, name: str = "collection") -> Collection:
    return Collection(str(tmp_path / f"{name}.anki2"))


def import_package(col: Collection, package: Path):
    request = ImportAnkiPackageRequest(package_path=str(package),
                                       options=ImportAnkiPackageOptions(with_scheduling=False))
    return col.import_anki_package(request)


SCHEDULE = "select id, nid, did, type, queue, due, ivl, factor, reps, lapses from cards order by id"


def review(col: Collection, deck: str, eases) -> tuple[list, list]:
    """Study the next cards of a deck with these answers; the cards' scheduling and the review log after."""
    col.decks.select(col.decks.id_for_name(deck))
    for ease in eases:
        col.sched.answerCard(col.sched.getCard(), ease)
    return col.db.all(SCHEDULE), col.db.all("select * from revlog order by id")


def notes_by_id(col: Collection) -> dict[str, object]:
    return {col.get_note(nid)["ID"]: col.get_note(nid) for nid in col.find_notes("")}


def test_full_deck_has_every_question_in_its_topic_subdeck(anki_dir, catalog, tmp_path):
    col = fresh_collection(tmp_path)
    try:
        import_package(col, anki_dir / "ml-interviews.apkg")
        notes = notes_by_id(col)
        assert sorted(notes) == sorted(q.id for q in catalog.questions)
        assert col.card_count() == len(catalog.questions)
        deck_names = {d.name for d in col.decks.all_names_and_ids()} - {"Default"}
        assert deck_names == {ROOT_DECK} | {topic_deck_name(t) for t in catalog.topics}
        for q in catalog.questions:
            note = notes[q.id]
            assert note.guid == note_guid(q.id)
            assert note.note_type()["id"] == MODEL_ID
            assert [f["name"] for f in note.note_type()["flds"]] == list(FIELDS)
            assert {f"topic::{q.topic_id}", f"difficulty::{q.difficulty}"} <= set(note.tags)
            assert note["Source"] and note["Answer"] and note["Version"] == catalog.version
            [card] = note.cards()
            assert col.decks.name(card.did) == topic_deck_name(catalog.topic(q.topic_id))
    finally:
        col.close()


# The subdeck names as released in 0.2.0: Anki matches decks by name, so these never change.
RELEASED_SUBDECKS = [
    "ML Interviews::01 Mathematics",
    "ML Interviews::02 Probability and statistics",
    "ML Interviews::03 Computer science",
    "ML Interviews::04 ML workflows",
    "ML Interviews::05 Classic ML algorithms",
    "ML Interviews::06 Natural language processing",
    "ML Interviews::07 Computer vision",
    "ML Interviews::08 Reinforcement learning",
    "ML Interviews::09 Advanced deep learning",
    "ML Interviews::10 Training neural networks",
    "ML Interviews::11 Open research questions",
    "ML Interviews::12 The research-engineer role",
]


def test_released_subdeck_names_are_kept_and_sort_in_topic_order(catalog):
    names = [topic_deck_name(t) for t in catalog.topics]
    assert names[:len(RELEASED_SUBDECKS)] == RELEASED_SUBDECKS
    assert sorted(names) == names  # Anki's alphabetical order is the order of topics.yaml


def test_new_cards_of_the_full_deck_come_in_topic_then_question_order(anki_dir, catalog, tmp_path):
    """Anki's own scheduler, default options, studying the whole deck from the top."""
    col = fresh_collection(tmp_path)
    try:
        import_package(col, anki_dir / "ml-interviews.apkg")
        col.decks.select(col.decks.id_for_name(ROOT_DECK))
        config = col.decks.config_dict_for_deck_id(col.decks.id_for_name(ROOT_DECK))
        config["new"]["perDay"] = 60
        col.decks.update_config(config)
        studied = []
        for _ in range(60):
            card = col.sched.getCard()
            assert card is not None and card.type == 0  # a new card
            studied.append(card.note()["ID"])
            col.sched.answerCard(card, 4)  # "easy": graduates at once, so only new cards come next
        mathematics = [q.id for q in catalog.topics[0].questions]
        probability = [q.id for q in catalog.topics[1].questions]
        expected = (mathematics + probability)[:60]
        assert studied == expected
    finally:
        col.close()


@pytest.mark.parametrize("split", ["topic", "difficulty"])
def test_split_packages_together_hold_exactly_the_full_deck(anki_dir, catalog, tmp_path, split):
    col = fresh_collection(tmp_path)
    try:
        packages = sorted((anki_dir / split).glob("*.apkg"))
        expected = ({f"{t.id}.apkg" for t in catalog.topics} if split == "topic"
                    else {f"{level}.apkg" for level, n in catalog.count_by_difficulty().items() if n})
        assert {p.name for p in packages} == expected
        for package in packages:
            import_package(col, package)
        notes = notes_by_id(col)
        assert sorted(notes) == sorted(q.id for q in catalog.questions)
        if split == "difficulty":
            for q in catalog.questions:
                [card] = notes[q.id].cards()
                assert col.decks.name(card.did) == f"{DIFFICULTY_ROOT_DECK}::{q.difficulty.capitalize()}"
    finally:
        col.close()


def test_cards_render_through_anki_with_math_and_figures(anki_dir, catalog, tmp_path):
    col = fresh_collection(tmp_path)
    try:
        import_package(col, anki_dir / "ml-interviews.apkg")
        notes = notes_by_id(col)
        for q in catalog.questions:
            [card] = notes[q.id].cards()
            front, back = card.question(), card.answer()
            assert '<div class="question">' in front and '<div class="answer">' in back
            assert back.index('class="answer"') < back.index('class="meta"')
            assert f"v{catalog.version}</div>" in back  # the release, in small print on every card
            assert "$" not in notes[q.id]["Question"] + notes[q.id]["Answer"], "math must be \\( \\)"
            if q.answer_figure:
                name = next(iter(n for n in Path(col.media.dir()).iterdir() if n.name.startswith(q.answer_figure)))
                assert f'src="{name.name}"' in back
        sigmoid = notes["sigmoid-derivative-vector"]
        assert "\\(" in sigmoid["Question"] and "\\[" in sigmoid["Answer"]
    finally:
        col.close()


def test_reimporting_a_newer_release_updates_notes_and_keeps_reviews(anki_dir, catalog, real_build, tmp_path):
    release_1 = anki_dir
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    section = content / "training-neural-networks" / "basics.yaml"
    text = section.read_text()
    assert "**Overfit first.**" in text
    section.write_text(text.replace("**Overfit first.**", "**Overfit first (release 2).**", 1))
    real_build("--only", "anki", "--content", str(content), "--out", str(tmp_path / "r2"),
               epoch=content_commit_epoch() + 86_400)
    release_2 = tmp_path / "r2" / "anki"

    col = fresh_collection(tmp_path)
    try:
        import_package(col, release_1 / "ml-interviews.apkg")
        cards_before, revlog_before = review(col, topic_deck_name(catalog.topic("training-neural-networks")),
                                             (3, 3, 4, 1))
        assert len(revlog_before) == 4

        log = import_package(col, release_2 / "ml-interviews.apkg").log
        assert len(log.new) == 0 and len(log.duplicate) == 0 and len(log.updated) == len(catalog.questions)

        note = notes_by_id(col)["overfit-or-underfit-first"]
        assert "Overfit first (release 2)." in note["Answer"]
        assert col.note_count() == len(catalog.questions)
        assert col.db.all(SCHEDULE) == cards_before
        assert col.db.all("select * from revlog order by id") == revlog_before
    finally:
        col.close()


def test_upgrading_from_the_previous_release_updates_cards_and_keeps_reviews(anki_dir, catalog, tmp_path):
    """The previous release, built by its own code from its own commit, then this one imported over it."""
    found = previous_release(ROOT, project_version())
    assert found, "CHANGELOG.md names no release before this one"
    old_version, commit = found
    old_tree = tmp_path / "old"
    old_tree.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True, timeout=120)
    subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive.stdout, check=True, timeout=120)
    built = subprocess.run([sys.executable, str(old_tree / "build.py"), "--only", "anki", "--out", str(tmp_path / "d")],
                           cwd=old_tree, capture_output=True, text=True, timeout=900,
                           env={**os.environ, "SOURCE_DATE_EPOCH": str(content_commit_epoch() - 86_400),
                                "STUDYKIT_CACHE": "off"})
    assert built.returncode == 0, built.stderr

    newer = fresh_collection(tmp_path, "newer")
    try:
        import_package(newer, anki_dir / "ml-interviews.apkg")
        expected = {qid: note.fields for qid, note in notes_by_id(newer).items()}
    finally:
        newer.close()

    col = fresh_collection(tmp_path)
    try:
        import_package(col, tmp_path / "d" / "anki" / "ml-interviews.apkg")
        before = {qid: note.fields for qid, note in notes_by_id(col).items()}
        assert {note["Version"] for note in notes_by_id(col).values()} == {old_version}
        changed = [qid for qid in before if qid in expected and before[qid][:-1] != expected[qid][:-1]]
        assert changed, "the two releases show the same cards: nothing to upgrade"
        cards_before, revlog_before = review(col, ROOT_DECK, (3, 4, 1, 3, 2))
        assert len(revlog_before) == 5

        log = import_package(col, anki_dir / "ml-interviews.apkg").log
        assert len(log.duplicate) == 0
        assert len(log.new) == len(set(expected) - set(before))
        after = {qid: note.fields for qid, note in notes_by_id(col).items()}
        assert after == expected  # every card shows the new release, corrected ones included
        assert col.db.all(SCHEDULE)[:len(cards_before)] == cards_before
        assert col.db.all("select * from revlog order by id") == revlog_before
    finally:
        col.close()
