"""Deterministic zip files: fixed member order, dates, permissions and system."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

ZIP_EPOCH_MIN = 315_532_800  # 1980-01-01: zip dates cannot be earlier


def write_zip(path: Path, members: list[tuple[str, bytes]], epoch: int) -> Path:
    """Write members (name, bytes) in the given order, every date set to `epoch`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            archive.writestr(_zip_info(name, epoch), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return path


def _zip_info(name: str, epoch: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6])
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, whatever the building machine
    return info
