"""Releases: manifest, checksums, release assets, release notes, the question changelog, the workflow."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, content_commit_epoch, good, run_build, section, write_tree
from studykit.release.assets import ReleaseError

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_version_epoch_counts_and_every_file(full_dist, catalog):
    manifest = json.loads((full_dist / "manifest.json").read_text())
    assert manifest["version"] == catalog.version
    assert manifest["source_date_epoch"] == content_commit_epoch()
    stamp = time.gmtime(content_commit_epoch())
    assert manifest["source_date"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)  # e.g. 2026-12-01T21:20:07Z
    counts = manifest["questions"]
    assert counts["total"] == len(catalog.questions)
    assert counts["by_difficulty"] == catalog.count_by_difficulty()
    for topic in catalog.topics:
        entry = counts["by_topic"][topic.id]
        assert entry["total"] == len(topic.questions)
        assert sum(entry["by_difficulty"].values()) == len(topic.questions)
    on_disk = {p.relative_to(full_dist).as_posix() for p in full_dist.rglob("*") if p.is_file()}
    listed = {f["path"] for f in manifest["files"]}
    assert listed == on_disk - {"manifest.json", "SHA256SUMS"}
    for entry in manifest["files"]:
        path = full_dist / entry["path"]
        assert entry["size"] == path.stat().st_size and entry["sha256"] == sha256(path)
    assert {"anki/ml-interviews.apkg", "pdf/ml-interviews.pdf", "answers/README.md"} <= listed


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum is not installed")
def test_sha256sums_is_what_sha256sum_reads_and_catches_tampering(full_dist, tmp_path):
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=full_dist, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = [line.split("  ", 1)[1] for line in (full_dist / "SHA256SUMS").read_text().splitlines()]
    assert "manifest.json" in listed and len(listed) == len(set(listed))
    copy = shutil.copytree(full_dist, tmp_path / "copy")
    (copy / "answers" / "README.md").write_text("tampered\n")
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0 and "answers/README.md: FAILED" in result.stdout


def test_release_assets_are_flat_unique_and_checksummed(full_dist, tmp_path):
    dest = tmp_path / "release"
    result = run_build("release-assets", str(dest), "--dist", str(full_dist))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((full_dist / "manifest.json").read_text())
    names = {p.name for p in dest.iterdir()}
    for entry in manifest["files"]:
        flat = entry["path"].replace("/", "-")
        assert flat in names and sha256(dest / flat) == entry["sha256"]
    assert {"manifest.json", "SHA256SUMS", f"ml-interviews-answers-{manifest['version']}.zip"} <= names
    with zipfile.ZipFile(dest / f"ml-interviews-answers-{manifest['version']}.zip") as archive:
        members = archive.namelist()
        assert "answers/README.md" in members
        stamp = time.gmtime(manifest["source_date_epoch"])
        assert {i.date_time for i in archive.infolist()} == {(*stamp[:5], stamp[5] - stamp[5] % 2)}  # zip: 2 s steps
    sums = dict(reversed(line.split("  ", 1)) for line in (dest / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == names - {"SHA256SUMS"}
    assert all(sums[name] == sha256(dest / name) for name in sums)


def test_release_assets_refuse_an_incomplete_dist(tmp_path):
    (tmp_path / "dist").mkdir()
    result = run_build("release-assets", str(tmp_path / "out"), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 2 and "manifest.json" in result.stderr and "Traceback" not in result.stderr


def test_release_notes_come_from_the_changelog(catalog):
    result = run_build("release-notes", f"v{catalog.version}")
    assert result.returncode == 0, result.stderr
    section_text = (ROOT / "CHANGELOG.md").read_text().split(f"## [{catalog.version}]", 1)[1].split("\n## ", 1)[0]
    assert result.stdout.strip() == section_text.strip()
    missing = run_build("release-notes", "v999.0.0")
    assert missing.returncode == 2 and "no section for version 999.0.0" in missing.stderr


# --- the question changelog, on a small git repository of its own

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo,
                   check=True, capture_output=True)


def test_changelog_lists_questions_added_changed_and_retired_since_the_last_tag(tmp_path):
    from studykit.release.assets import changelog, format_changes

    repo = tmp_path / "repo"
    content = write_tree(repo, {"t/basics": section(good("kept-same"), good("gets-edited"), good("goes-away"))})
    (content / "ids.lock").write_text("kept-same\ngets-edited\ngoes-away\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    git(repo, "tag", "v0.1.0")
    (content / "t" / "basics.yaml").write_text(
        section(good("kept-same"), good("gets-edited").replace("answer: It is $x^2$.", "answer: It is $x^2$, squared."), good("brand-new")))
    (content / "ids.lock").write_text("kept-same\ngets-edited\ngoes-away retired\n")
    git(repo, "commit", "-qam", "second")

    changes = changelog(repo, content)
    assert changes.since == "v0.1.0"
    assert [q.id for q in changes.added] == ["brand-new"]
    assert [(q.id, fields) for q, fields in changes.changed] == [("gets-edited", ["answer"])]
    assert changes.retired == ["`goes-away`"]
    text = format_changes(changes)
    assert "since v0.1.0" in text and "`brand-new`" in text and "[answer]" in text


def test_changelog_without_a_tag_lists_everything_as_added(tmp_path):
    from studykit.release.assets import changelog

    repo = tmp_path / "repo"
    content = write_tree(repo, {"t/basics": section(good("only-one"))})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    changes = changelog(repo, content)
    assert changes.since is None and [q.id for q in changes.added] == ["only-one"]


# --- the GitHub Actions workflow (it cannot run here: check it against the workflow schema)

def check_workflow(path: Path) -> subprocess.CompletedProcess:
    tool = Path(ROOT, ".venv", "bin", "check-jsonschema")
    command = [str(tool) if tool.exists() else "check-jsonschema"]
    return subprocess.run([*command, "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True)


def test_workflow_matches_the_github_workflow_schema(tmp_path):
    assert check_workflow(WORKFLOW).returncode == 0, check_workflow(WORKFLOW).stdout
    broken = yaml.safe_load(WORKFLOW.read_text())
    broken["jobs"]["test"]["runs-on"] = {"not": "valid"}
    del broken["jobs"]["test"]["steps"]
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(broken))
    assert check_workflow(bad).returncode != 0, "the schema check must catch a broken workflow"


def test_workflow_tests_every_push_and_releases_tags_with_every_file():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["tags"] == ["v*"]
    test_steps = [s.get("run", "") for s in workflow["jobs"]["test"]["steps"]]
    assert "make test" in test_steps  # the command the README gives
    release = workflow["jobs"]["release"]
    assert release["needs"] == "test" and "refs/tags/v" in release["if"]
    runs = "\n".join(s.get("run", "") for s in release["steps"])
    for command in ("make", "sha256sum -c SHA256SUMS", "release-assets release", "release-notes", "changelog"):
        assert command in runs
    upload = next(s for s in release["steps"] if s.get("uses", "").startswith("softprops/action-gh-release"))
    assert upload["with"]["files"] == "release/*" and upload["with"]["body_path"] == "release-notes.md"
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                ref = step["uses"].split("@", 1)[1]
                assert ref.count(".") == 2 or len(ref) == 40, f"{step['uses']} is not pinned to a version"


def test_changelog_compares_with_the_previous_release_by_its_tag_or_the_commit_its_section_names(tmp_path):
    from studykit.release.assets import changelog, previous_release

    repo = tmp_path / "repo"
    content = write_tree(repo, {"t/basics": section(good("kept"), good("edited"))})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the first release, never tagged")
    first = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    (content / "t" / "basics.yaml").write_text(
        section(good("kept"), good("edited").replace("It is $x^2$.", "It is $x^2$, squared.")))
    changelog_md = "# Changelog\n\n## [0.2.0]\n\nFixes.\n\n## [0.1.0]\n\nFirst release.\n"
    (repo / "CHANGELOG.md").write_text(changelog_md)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "second")
    with pytest.raises(ReleaseError, match="no tag v0.1.0"):
        previous_release(repo, "0.2.0")

    (repo / "CHANGELOG.md").write_text(changelog_md.replace("First release.", f"First release. Built from commit `{first[:9]}`."))
    assert previous_release(repo, "0.2.0") == ("0.1.0", first)
    changes = changelog(repo, content, version="0.2.0")
    assert changes.since == first[:12] and [q.id for q, _ in changes.changed] == ["edited"]

    git(repo, "tag", "v0.1.0", "HEAD")  # a tag, where there is one, wins
    assert previous_release(repo, "0.2.0")[1] != first
