"""The build's one timestamp: SOURCE_DATE_EPOCH, or the last commit time of the content.

Anki updates a note on re-import only when the incoming note is newer, so each
release must carry a later time than the one before: the content's last commit
gives exactly that, and the same commit always gives the same bytes.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

FALLBACK_EPOCH = 1_767_225_600  # 2026-01-01 UTC, used only outside a git checkout


class EpochError(Exception):
    pass


def source_date_epoch(content_dir: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise EpochError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {value!r}")
        return int(value)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=content_dir,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return FALLBACK_EPOCH
    stamp = out.stdout.strip()
    return int(stamp) if out.returncode == 0 and stamp.isdigit() else FALLBACK_EPOCH
