"""Release helpers: the question changelog, release notes and the files to attach.

- `changelog`: questions added, changed and retired since the previous
  release (its `v*` tag, or the commit its CHANGELOG.md section names), from
  the content at that commit (git) and content/ids.lock; for release notes.
- `release_notes`: the section of CHANGELOG.md for one version.
- `release_assets`: every file of dist/ under a flat, unique name (a GitHub
  release has no folders), the answer keys as one zip, and SHA256SUMS over
  exactly the attached files.
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.idslock import read_lock
from ..content.loader import load_catalog
from ..content.model import Catalog, Question
from ..machinery.ziputil import write_zip
from .manifest import SUMS_NAME, artifact_files, sha256_of

COMPARED_FIELDS = ("context", "question", "answer", "explanation", "difficulty", "figure", "answer_figure",
                   "source", "tags", "check")


class ReleaseError(Exception):
    pass


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)


def last_tag(root: Path) -> str | None:
    result = git(root, "describe", "--tags", "--abbrev=0", "--match", "v*")
    return result.stdout.decode().strip() or None if result.returncode == 0 else None


BUILT_FROM = re.compile(r"Built from commit `([0-9a-f]{7,40})`")


def changelog_sections(changelog_text: str) -> list[tuple[str, str]]:
    """(version, body) of each `## [X.Y.Z]` section of CHANGELOG.md, newest first."""
    parts = re.split(r"^## \[?v?([0-9][^\]\s]*)\]?[^\n]*\n", changelog_text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2]))


def previous_release(root: Path, version: str) -> tuple[str, str] | None:
    """(version, commit) of the release before `version`: the first older section of CHANGELOG.md,
    found by its `v` tag or, for a release that was never tagged, its "Built from commit" line."""
    path = root / "CHANGELOG.md"
    older = [s for s in changelog_sections(path.read_text()) if s[0] != version] if path.is_file() else []
    if not older:
        return None
    previous, body = older[0]
    tagged = git(root, "rev-parse", "-q", "--verify", f"v{previous}^{{commit}}")
    if tagged.returncode == 0:
        return previous, tagged.stdout.decode().strip()
    named = BUILT_FROM.search(body)
    if named:
        commit = git(root, "rev-parse", "-q", "--verify", f"{named.group(1)}^{{commit}}")
        if commit.returncode == 0:
            return previous, commit.stdout.decode().strip()
    raise ReleaseError(f"release {previous} has no tag v{previous} and its CHANGELOG.md section names no "
                       "commit it was built from (\"Built from commit `...`\")")


def catalog_at(root: Path, ref: str, content_subdir: str = "content") -> Catalog:
    """The content as it was at a git ref (loaded without validation)."""
    result = git(root, "archive", "--format=tar", ref, content_subdir)
    if result.returncode != 0:
        raise ReleaseError(f"cannot read {content_subdir}/ at {ref}: {result.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory(prefix="changelog-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(tmp, filter="data")
        catalog, _ = load_catalog(Path(tmp, content_subdir))
        return catalog


@dataclass
class Changes:
    since: str | None
    added: list[Question] = field(default_factory=list)
    changed: list[tuple[Question, list[str]]] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)


def compare(old: Catalog | None, new: Catalog, retired_in_lock: set[str], since: str | None) -> Changes:
    before = {q.id: q for q in old.questions} if old else {}
    changes = Changes(since=since)
    for q in new.questions:
        if q.id not in before:
            changes.added.append(q)
            continue
        fields = [name for name in COMPARED_FIELDS if getattr(q, name) != getattr(before[q.id], name)]
        if fields:
            changes.changed.append((q, fields))
    now = {q.id for q in new.questions}
    changes.retired = [f"`{qid}`" if qid in retired_in_lock else f"`{qid}` (not yet marked retired in ids.lock)"
                       for qid in sorted(set(before) - now)]
    return changes


def changelog(root: Path, content_dir: Path, since: str | None = None, version: str | None = None) -> Changes:
    """Changes since `since`, or since the release before `version`, or since the last tag."""
    previous = previous_release(root, version) if version and not since else None
    since = since or (previous[1][:12] if previous else None) or last_tag(root)
    new, _ = load_catalog(content_dir)
    old = catalog_at(root, since, content_dir.relative_to(root).as_posix()) if since else None
    lock, _ = read_lock(content_dir, "content/ids.lock")
    return compare(old, new, lock.retired, since)


def format_changes(changes: Changes) -> str:
    def line(q: Question) -> str:
        text = " ".join(q.question.split())
        return f"- `{q.id}` ({q.topic_id}): {text[:90] + '…' if len(text) > 90 else text}"

    since = f"since {changes.since}" if changes.since else "in the first release"
    out = [f"### Questions {since}", ""]
    out += [f"Added ({len(changes.added)}):", ""] + [line(q) for q in changes.added] + [""]
    out += [f"Changed ({len(changes.changed)}):", ""]
    out += [f"{line(q)} [{', '.join(fields)}]" for q, fields in changes.changed] + [""]
    out += [f"Retired ({len(changes.retired)}):", ""] + [f"- {entry}" for entry in changes.retired]
    return "\n".join(out).rstrip() + "\n"


def release_notes(changelog_text: str, version: str) -> str:
    """The body of the `## [version]` section of CHANGELOG.md."""
    version = version.removeprefix("v")
    body = dict(changelog_sections(changelog_text)).get(version, "").strip()
    if not body:
        raise ReleaseError(f"CHANGELOG.md has no section for version {version}")
    return body + "\n"


def asset_name(relative_path: str) -> str:
    """dist/pdf/practice/nlp.pdf -> pdf-practice-nlp.pdf (release assets have no folders)."""
    return relative_path.replace("/", "-")


def release_assets(dist: Path, dest: Path) -> list[Path]:
    """Copy dist/ into dest/ as flat release assets, add the answers zip and SHA256SUMS."""
    if not (dist / "manifest.json").is_file():
        raise ReleaseError(f"{dist} has no manifest.json: build everything first (python build.py)")
    manifest = json.loads((dist / "manifest.json").read_text())
    version, epoch = manifest["version"], manifest["source_date_epoch"]
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in artifact_files(dist) + [dist / "manifest.json"]:
        target = dest / asset_name(path.relative_to(dist).as_posix())
        if target.exists():
            raise ReleaseError(f"two files of dist/ would share the release name {target.name}")
        target.write_bytes(path.read_bytes())
        written.append(target)
    answers = sorted(p for p in (dist / "answers").rglob("*") if p.is_file())
    if answers:
        members = [(f"answers/{p.relative_to(dist / 'answers').as_posix()}", p.read_bytes()) for p in answers]
        written.append(write_zip(dest / f"ml-interviews-answers-{version}.zip", members, epoch))
    sums = "".join(f"{sha256_of(p)}  {p.name}\n" for p in sorted(written, key=lambda p: p.name))
    (dest / SUMS_NAME).write_text(sums)
    return written + [dest / SUMS_NAME]
