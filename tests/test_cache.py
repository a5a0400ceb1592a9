"""The build cache: a cached build is byte-identical to a clean one, a no-op
rebuild makes nothing, and an edit rebuilds only the files that show it."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, content_commit_epoch, run_build, section, tree_hashes, write_tree
from studykit.machinery import cache as cache_module

FIXTURE_EPOCH = 1_800_000_000
EPOCH = {"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)}

FIGURE_SCRIPT = '''\
ALT = "A square"
SIDE = 10


def render():
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIDE}" height="{SIDE}"><rect width="{SIDE}" height="{SIDE}"/></svg>'
'''


def question(qid: str, difficulty: str, answer: str, extra: str = "") -> str:
    return (f"  - id: {qid}\n    difficulty: {difficulty}\n    question: What is {qid}, with $x_{{{len(qid)}}}$?\n"
            f"    answer: \"{answer}\"\n    source: Test fixture\n{extra}")


def small_tree(tree):
    """Two topics, two difficulties, formulas, a figure script and checks (one reads the figure)."""
    content = tree({
        "alpha/one": section(
            question("a-easy", "easy", "It is 4, as $2+2=4$.", "    check: |\n      assert '4' in answer\n"),
            question("a-hard", "hard", "Ten.", "    figure: square\n    check: |\n"
                     "      assert figure_data('square')['SIDE'] == 10\n")),
        "beta/two": section(question("b-easy", "easy", "Yes, $y^2$."), question("b-medium", "medium", "No.")),
    })
    (content / "figures").mkdir()
    (content / "figures" / "square.py").write_text(FIGURE_SCRIPT)
    return content


def build(content, out, *args, cache=None):
    options = ["--cache", str(cache)] if cache else ["--no-cache"]
    result = run_build("--content", str(content), "--out", str(out), "--verbose", *options, *args, env=EPOCH)
    assert result.returncode == 0, result.stderr
    return result.stdout


def rebuilt(stdout: str) -> set[str]:
    return set(re.findall(r"^  rebuilt (\S+)$", stdout, re.M))


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The small tree's first build with an empty cache, made once for this file's tests:
    its content, cache, output and what it printed."""
    base = tmp_path_factory.mktemp("first-build")
    content = small_tree(lambda sections: write_tree(base, sections))
    stdout = build(content, base / "cold", cache=base / "cache")
    return base, stdout


@pytest.fixture
def built(first_build, tmp_path):
    """A copy of the small tree built once, at this test's own path: (content, cache). The cache
    is looked up by what is built, not where, so the copy is as good as the first build's own
    (the first test below shows a rebuild from it makes nothing)."""
    base, _ = first_build
    for name in ("content", "cache", "cold"):
        shutil.copytree(base / name, tmp_path / name)
    return tmp_path / "content", tmp_path / "cache"


def test_editing_one_question_rebuilds_only_the_files_that_contain_it(first_build, built, tmp_path):
    (content, cache), (_, first) = built, first_build
    assert len(rebuilt(first)) == len(tree_hashes(tmp_path / "cold")) - 2  # all but manifest and SHA256SUMS
    assert rebuilt(build(content, tmp_path / "again", cache=cache)) == set()
    assert tree_hashes(tmp_path / "again") == tree_hashes(tmp_path / "cold")

    section_file = content / "alpha" / "one.yaml"
    section_file.write_text(section_file.read_text().replace("It is 4, as $2+2=4$.", "Four: $2+2=4$."))
    after_edit = build(content, tmp_path / "edited", cache=cache)
    assert rebuilt(after_edit) == {
        "anki/ml-interviews.apkg", "anki/topic/alpha.apkg", "anki/difficulty/easy.apkg",
        "answers/alpha.md", "pdf/alpha.pdf", "pdf/ml-interviews.pdf", "pdf/practice/alpha.pdf"}
    build(content, tmp_path / "clean")
    assert tree_hashes(tmp_path / "edited") == tree_hashes(tmp_path / "clean")


def test_a_content_commit_remakes_only_the_anki_packages_and_what_shows_the_edit(built, tmp_path):
    """A new build epoch (the time of the last content commit) alone changes no PDF and no answer key."""
    content, cache = built
    section_file = content / "alpha" / "one.yaml"
    section_file.write_text(section_file.read_text().replace("It is 4, as $2+2=4$.", "Four: $2+2=4$."))
    later = {"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH + 86_400)}
    result = run_build("--content", str(content), "--out", str(tmp_path / "after"), "--verbose", "--cache", str(cache),
                       env=later)
    assert result.returncode == 0, result.stderr
    assert rebuilt(result.stdout) == {
        "anki/ml-interviews.apkg", "anki/topic/alpha.apkg", "anki/topic/beta.apkg", "anki/difficulty/easy.apkg",
        "anki/difficulty/medium.apkg", "anki/difficulty/hard.apkg",
        "answers/alpha.md", "pdf/alpha.pdf", "pdf/ml-interviews.pdf", "pdf/practice/alpha.pdf"}
    before, after = tree_hashes(tmp_path / "cold"), tree_hashes(tmp_path / "after")
    unchanged = {path for path in before if not path.startswith("anki/") and "alpha" not in path
                 and path not in ("pdf/ml-interviews.pdf", "manifest.json", "SHA256SUMS")}
    assert unchanged and all(before[path] == after[path] for path in unchanged)
    clean = run_build("--content", str(content), "--out", str(tmp_path / "clean"), "--no-cache", env=later)
    assert clean.returncode == 0, clean.stderr
    assert tree_hashes(tmp_path / "clean") == after


def test_a_content_commit_lays_out_only_the_sheets_that_show_the_edit_not_the_cover(built, tmp_path, monkeypatch):
    """The combined PDF joins the topic sheets behind its cover; when no page count moved, the
    cover (contents with page numbers) is the same and is reused, not laid out again."""
    from studykit import cli
    from studykit.builders.pdf import builder as pdf_builder

    content, cache = built
    section_file = content / "alpha" / "one.yaml"
    section_file.write_text(section_file.read_text().replace("It is 4, as $2+2=4$.", "Four: $2+2=4$."))
    laid_out = []
    real_html_to_pdf = pdf_builder.html_to_pdf
    monkeypatch.setattr(pdf_builder, "html_to_pdf", lambda html, **kw: laid_out.append(html) or real_html_to_pdf(html, **kw))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXTURE_EPOCH + 86_400))
    args = ["--content", str(content), "--out", str(tmp_path / "after"), "--cache", str(cache), "--jobs", "1",
            "--only", "pdf"]
    assert cli.main(args) == 0
    titles = sorted(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip() for html in laid_out)
    assert titles == ["ML interview cheat sheet: Topic alpha", "ML interview practice: Topic alpha"]
    clean = run_build("--content", str(content), "--out", str(tmp_path / "clean"), "--no-cache", "--only", "pdf",
                      env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH + 86_400)})
    assert clean.returncode == 0, clean.stderr
    assert tree_hashes(tmp_path / "after" / "pdf") == tree_hashes(tmp_path / "clean" / "pdf")


def test_a_check_runs_again_when_what_it_reads_changes(built, tmp_path):
    content, cache = built
    section_file = content / "alpha" / "one.yaml"
    section_file.write_text(section_file.read_text().replace("It is 4, as $2+2=4$.", "It is five."))
    result = run_build("--content", str(content), "--out", str(tmp_path / "cold"), "--cache", str(cache))
    assert result.returncode == 2 and "check of 'a-easy' failed" in result.stderr

    section_file.write_text(section_file.read_text().replace("It is five.", "It is 4."))
    (content / "figures" / "square.py").write_text(FIGURE_SCRIPT.replace("SIDE = 10", "SIDE = 12"))
    result = run_build("--content", str(content), "--out", str(tmp_path / "cold"), "--cache", str(cache))
    assert result.returncode == 2 and "check of 'a-hard' failed" in result.stderr


def test_a_deleted_or_damaged_cache_is_safe(first_build, built, tmp_path):
    (content, cache), (_, cold) = built, first_build
    build(content, tmp_path / "clean")
    entries = [p for p in cache.glob("*/*") if p.is_file()]  # <kind>/<key>
    assert {p.parent.name for p in entries} == {"artifact", "check", "cover", "drawing", "figure", "formula", "latex", "note"}
    for path in entries[::2]:
        data = bytearray(path.read_bytes())
        data[-1] ^= 0xFF  # a flipped bit
        path.write_bytes(bytes(data))
    for path in entries[1::2]:
        path.write_bytes(path.read_bytes()[:20])  # a torn write
    damaged = build(content, tmp_path / "damaged", cache=cache)
    assert len(rebuilt(damaged)) == len(rebuilt(cold))  # everything made again, as with no cache
    shutil.rmtree(cache)
    build(content, tmp_path / "deleted", cache=cache)
    clean = tree_hashes(tmp_path / "clean")
    assert tree_hashes(tmp_path / "cold") == tree_hashes(tmp_path / "damaged") == tree_hashes(tmp_path / "deleted") \
        == clean


def test_the_cache_key_covers_code_templates_and_pinned_versions(tmp_path, monkeypatch):
    for name in ("studykit", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(cache_module, "ROOT", tmp_path)

    def fingerprint() -> str:
        return cache_module.code_fingerprint.__wrapped__()

    original = fingerprint()
    assert fingerprint() == original
    for name in ("templates/pdf/style.css.j2", "studykit/render/markdown.py", "requirements.lock"):
        path = tmp_path / name
        text = path.read_text()
        path.write_text(text + "\n")
        assert fingerprint() != original, f"{name} is not part of the cache key"
        path.write_text(text)
    assert fingerprint() == original


def test_parallel_and_serial_builds_are_byte_identical(tree, tmp_path):
    content = small_tree(tree)
    build(content, tmp_path / "serial", "--jobs", "1")
    build(content, tmp_path / "parallel", "--jobs", "3")
    assert tree_hashes(tmp_path / "serial") == tree_hashes(tmp_path / "parallel")


def test_a_cached_rebuild_of_the_real_content_makes_nothing_and_equals_the_clean_build(full_dist, real_build,
                                                                                         tmp_path):
    """full_dist was built with a fresh cache (and test_determinism shows it equals a clean build
    made elsewhere); building again with that cache makes nothing and gives the same bytes."""
    warm = real_build("--out", str(tmp_path / "warm"), "--verbose", epoch=content_commit_epoch()).stdout
    assert rebuilt(warm) == set()
    assert re.findall(r"^(\w+): \d+ files, (\d+) rebuilt$", warm, re.M) == [
        ("anki", "0"), ("answers", "0"), ("pdf", "0")]
    assert tree_hashes(tmp_path / "warm") == tree_hashes(full_dist)


def test_prune_drops_the_entries_used_longest_ago_and_is_skipped_when_nothing_was_added(tmp_path):
    import os

    cache = cache_module.BuildCache(tmp_path / "cache")
    keys = [cache.key("artifact", n) for n in range(6)]
    for n, key in enumerate(keys):
        cache.put(key, bytes(1000))
        os.utime(cache._path(key), ns=(n * 10**9, n * 10**9))  # entry n was last used at second n
    cache.get(keys[0])  # reading an entry makes it the most recently used
    cache.prune(max_bytes=3 * 1032)  # each entry stores its 32-byte checksum too
    assert [cache.get(k) is not None for k in keys] == [True, False, False, False, True, True]

    # the last prune at second 20, the last change to a folder of entries at second 10
    os.utime(cache.folder / cache_module.PRUNED_MARKER, ns=(20 * 10**9,) * 2)
    for kind in cache.folder.iterdir():
        if kind.is_dir():
            os.utime(kind, ns=(10 * 10**9,) * 2)
    cache.prune(max_bytes=0)  # nothing added since: skipped, so a no-op build stats no entry
    assert cache.get(keys[0]) is not None
    cache.put(cache.key("artifact", "new"), b"x")
    cache.prune(max_bytes=0)  # an entry was added: prune runs
    assert all(cache.get(k) is None for k in keys)
