"""Shared test helpers: small fixture content trees and running build.py for real."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# every build in the tests is a clean one, unless a test of the cache gives it a cache folder
os.environ["STUDYKIT_CACHE"] = "off"

# Test files in the order the test processes take them up (pytest-xdist, one file at a time, in
# this order: see --no-loadscope-reorder in pyproject.toml). On two cores the run is only as short as
# its CPU allows if the longest work starts first: the session's build of the real content (whichever
# of the first two files asks first makes it, the other waits for it), the second build that
# reproducibility compares with it, the previous release's build, then the rest, small files last.
LONGEST_FIRST = ("test_pdf.py", "test_determinism.py", "test_anki.py", "test_cache.py",
                 "test_cards_in_browser.py", "test_release.py", "test_supervision.py")


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)  # stable: tests keep their order inside a file, other files theirs


GOOD_QUESTION = """\
  - id: {id}
    difficulty: easy
    question: What is {id}?
    answer: It is $x^2$.
    source: "Test fixture"
"""


def write_tree(base: Path, sections: dict[str, str], topics: str | None = None) -> Path:
    """Write a content tree. `sections` maps 'topic/section' to the section file's YAML."""
    content = base / "content"
    content.mkdir(parents=True, exist_ok=True)
    topic_ids = sorted({key.split("/")[0] for key in sections})
    if topics is None:
        topics = "topics:\n" + "".join(
            f"  - id: {t}\n    title: Topic {t}\n    description: About {t}.\n" for t in topic_ids)
    (content / "topics.yaml").write_text(topics)
    for key, text in sections.items():
        path = content / f"{key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return content


def section(*questions: str, title: str = "Section") -> str:
    return f"title: {title}\nquestions:\n" + "".join(questions)


def good(qid: str) -> str:
    return GOOD_QUESTION.format(id=qid)


def run_build(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def tree(tmp_path):
    """Write a fixture tree under tmp_path and return its content folder."""
    return lambda sections, topics=None: write_tree(tmp_path, sections, topics)


def content_commit_epoch() -> int:
    """The epoch `make` uses: the time of the last commit that touched content/."""
    from studykit.machinery.epoch import source_date_epoch

    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        return source_date_epoch(ROOT / "content")
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


# Every build of the real content in the tests shares one cache, so that what one build made
# (checks, figures, formulas, files) the next need not make again. That a cached build equals a
# clean one is itself tested: test_determinism compares a clean build with the first one here.
# Under pytest-xdist the test processes share them too (made once, under a lock).
@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """A folder every test process of this run sees (the run's base temp folder under xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock_file: Path):
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def session_cache(shared_dir) -> Path:
    folder = shared_dir / "session-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def real_build(session_cache):
    """Run build.py on the real content (or a copy given with --content) with the session's cache."""
    def build(*args: str, epoch: int) -> subprocess.CompletedProcess:
        result = run_build(*args, "--cache", str(session_cache), env={"SOURCE_DATE_EPOCH": str(epoch)})
        assert result.returncode == 0, result.stderr
        return result
    return build


@pytest.fixture(scope="session")
def full_dist(shared_dir, real_build):
    """The one complete build of the real content (every artifact, manifest, SHA256SUMS) that
    every test which only reads a build uses; at the epoch `make` would use, with a fresh cache."""
    out = shared_dir / "full" / "dist"
    with exclusive(shared_dir / "full.lock"):
        if not (out / "SHA256SUMS").is_file():  # another test process may have made it
            real_build("--out", str(out), epoch=content_commit_epoch())
    return out


@pytest.fixture(scope="session")
def anki_dir(full_dist):
    return full_dist / "anki"


@pytest.fixture(scope="session")
def catalog():
    """The real content, loaded as the builders see it."""
    from studykit.content.loader import load_catalog
    from studykit.machinery.project import project_version

    loaded, problems = load_catalog(ROOT / "content", version=project_version())
    assert problems == []
    return loaded
