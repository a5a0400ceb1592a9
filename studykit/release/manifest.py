"""dist/manifest.json and dist/SHA256SUMS: what a build produced, for anyone to verify.

Written last, over every file in the output folder, so a user can check a
download with `sha256sum -c SHA256SUMS` and a release can list its counts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from ..content.model import Catalog

MANIFEST_NAME = "manifest.json"
SUMS_NAME = "SHA256SUMS"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def artifact_files(out_dir: Path) -> list[Path]:
    """Every file of the build except the two this module writes, in a stable order."""
    return sorted((p for p in out_dir.rglob("*") if p.is_file() and p.relative_to(out_dir).as_posix()
                   not in (MANIFEST_NAME, SUMS_NAME)), key=lambda p: p.relative_to(out_dir).as_posix())


def question_counts(catalog: Catalog) -> dict:
    return {
        "total": len(catalog.questions),
        "by_difficulty": catalog.count_by_difficulty(),
        "by_topic": {t.id: {"title": t.title, "total": len(t.questions),
                            "by_difficulty": catalog.count_by_difficulty(t.questions)}
                     for t in catalog.topics},
    }


def write_manifest(out_dir: Path, catalog: Catalog, epoch: int) -> list[Path]:
    files = [{"path": p.relative_to(out_dir).as_posix(), "size": p.stat().st_size, "sha256": sha256_of(p)}
             for p in artifact_files(out_dir)]
    manifest = {
        "name": "ml-interviews-kit",
        "version": catalog.version,
        "source_date_epoch": epoch,
        "source_date": dt.datetime.fromtimestamp(epoch, dt.timezone.utc).isoformat().replace("+00:00", "Z"),
        "questions": question_counts(catalog),
        "files": files,
    }
    manifest_path = out_dir / MANIFEST_NAME
    manifest_path.write_bytes((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    sums = [(entry["sha256"], entry["path"]) for entry in files]
    sums.append((sha256_of(manifest_path), MANIFEST_NAME))
    sums_path = out_dir / SUMS_NAME
    sums_path.write_bytes("".join(f"{digest}  {name}\n" for digest, name in sorted(sums, key=lambda s: s[1])).encode())
    return [manifest_path, sums_path]
