"""The build cache: results of slow, pure steps, stored by a key of everything they depend on.

A key hashes the step's own inputs (question text, a formula, a figure script,
a check's code) together with a fingerprint of the code that computes it: the
source of this package, the templates, the pinned dependency versions, the
Python version and the text-layout libraries WeasyPrint uses. Any change to
those starts afresh, so a cached build is byte-identical to a clean one.

The cache lives in `.cache/` (git-ignored; `--cache DIR` or STUDYKIT_CACHE
to move it, `--no-cache` or STUDYKIT_CACHE=off to go without). Deleting it
is always safe. Entries are written atomically and carry their own digest,
so a torn or corrupted entry is a miss, never wrong output.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable

from .project import ROOT

DEFAULT_DIR = ROOT / ".cache"
ENV_VAR = "STUDYKIT_CACHE"
MAX_BYTES = 512 * 1024 * 1024  # beyond this, the entries used longest ago are removed
PRUNED_MARKER = ".pruned"  # its time is that of the last prune
# versions that shape the output but are not in requirements.lock on a machine set up by hand
TOOLS = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "ziamath", "ziafont", "matplotlib",
         "numpy", "scipy", "sympy", "genanki", "markdown", "nh3", "pygments", "jinja2", "latex2mathml", "pyyaml",
         "pypdf")
# C libraries WeasyPrint lays text out with: (library, function returning its version string)
TEXT_LIBRARIES = (("pango-1.0", "pango_version_string"), ("harfbuzz", "hb_version_string"))


def canonical(value) -> object:
    """A JSON-able form of content objects, for hashing: dataclasses become their fields,
    except where content was written (line numbers move when a neighbour is edited)."""
    if dataclasses.is_dataclass(value):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("location", "check_location", "field_lines")}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, Path):
        raise TypeError("paths differ between checkouts; key on the file's content instead")
    return value


def digest(*parts) -> str:
    text = json.dumps(canonical(parts), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_digest(base: Path, files) -> str:
    """A hash of these files' paths (relative to base) and bytes."""
    hashed = hashlib.sha256()
    for path in files:
        hashed.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def tree_files(folder: Path) -> list[Path]:
    """Every file under folder, sorted, without Python's bytecode caches."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@functools.cache
def code_fingerprint() -> str:
    """Everything besides the content that decides what a build writes."""
    files = tree_files(ROOT / "studykit") + tree_files(ROOT / "templates")
    files += [ROOT / "requirements.lock", ROOT / "pyproject.toml"]
    return digest(files_digest(ROOT, files), sys.version, sys.platform, _tool_versions(), _library_versions())


def _tool_versions() -> dict[str, str]:
    versions = {}
    for name in TOOLS:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = ""
    return versions


def _library_versions() -> dict[str, str]:
    versions = {}
    for library, function in TEXT_LIBRARIES:
        found = ctypes.util.find_library(library)
        try:
            call = getattr(ctypes.CDLL(found), function)
            call.restype = ctypes.c_char_p
            versions[library] = call().decode()
        except (OSError, AttributeError, TypeError):
            versions[library] = f"not found ({found})"
    return versions


class BuildCache:
    """get/put bytes by key; `folder=None` is a cache that never hits (a clean build)."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()

    def key(self, kind: str, *parts) -> str:
        if not self.folder:  # nothing is stored or found: skip hashing the code and the inputs
            return kind + "-"
        return kind + "-" + digest(code_fingerprint(), kind, *parts)

    def get(self, key: str) -> bytes | None:
        kind = key.split("-", 1)[0]
        data = self._read(key) if self.folder else None
        (self.misses if data is None else self.hits)[kind] += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self.folder:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".tmp-") as tmp:
                tmp.write(hashlib.sha256(data).digest() + data)
            os.replace(tmp.name, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def fetch(self, kind: str, parts: tuple, produce: Callable[[], bytes]) -> bytes:
        key = self.key(kind, *parts)
        data = self.get(key)
        if data is None:
            data = produce()
            self.put(key, data)
        return data

    def prune(self, max_bytes: int = MAX_BYTES) -> None:
        """Keep the cache under max_bytes, dropping the entries used longest ago. Skipped when
        nothing was added since the last prune (a no-op build should not stat every entry)."""
        if not self.folder or not self.folder.is_dir():
            return
        marker = self.folder / PRUNED_MARKER
        last = marker.stat().st_mtime_ns if marker.exists() else -1
        kinds = [d for d in self.folder.iterdir() if d.is_dir()]
        if all(d.stat().st_mtime_ns <= last for d in kinds):  # a new entry changes its folder's time
            return
        entries = []
        for kind in kinds:
            for path in kind.iterdir():
                info = path.stat()
                entries.append((info.st_mtime_ns, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
        marker.touch()  # after the removals, which also change the folders' times

    def _path(self, key: str) -> Path:
        kind, hexdigest = key.split("-", 1)
        return self.folder / kind / hexdigest

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        stored, data = raw[:32], raw[32:]
        if hashlib.sha256(data).digest() != stored:
            return None
        try:
            os.utime(path)  # recently used: kept longest by prune()
        except OSError:
            pass
        return data


def cache_from_settings(option: Path | None, disabled: bool) -> BuildCache:
    """--no-cache, then --cache DIR, then STUDYKIT_CACHE (a folder, or 'off'), then .cache/."""
    if disabled:
        return BuildCache(None)
    if option:
        return BuildCache(option)
    setting = os.environ.get(ENV_VAR, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return BuildCache(None)
    return BuildCache(Path(setting) if setting else DEFAULT_DIR)
