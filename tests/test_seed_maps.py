"""Every question of the mapped seed parts is in the content (see tests/seedmap.py)."""
from __future__ import annotations

import pytest

from seedmap import MAPS, SEEDS, difficulty_problems, map_problems

MAP_FILES = sorted(MAPS.glob("*.yaml"))
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this clone")


@needs_seeds
@pytest.mark.parametrize("map_path", MAP_FILES, ids=[p.stem for p in MAP_FILES])
def test_every_line_of_the_seed_part_is_answered_or_accounted_for(map_path, catalog):
    assert map_problems(map_path, {q.id: q for q in catalog.questions}) == []


@needs_seeds
def test_seed_tags_fix_difficulties_and_the_rest_are_marked_assigned(catalog):
    assert difficulty_problems(MAP_FILES, {q.id: q for q in catalog.questions}) == []
