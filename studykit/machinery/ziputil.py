"""Deterministic zip files: fixed member order, dates, permissions and system."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

ZIP_EPOCH_MIN = 315_532_800  # 1980-01-01: zip dates cannot be earlier


def zip_bytes(members: list[tuple[str, bytes]], epoch: int) -> bytes:
    """A zip of members (name, bytes) in the given order, every date set to `epoch`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(_zip_info(name, epoch), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


def write_zip(path: Path, members: list[tuple[str, bytes]], epoch: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(members, epoch))
    return path


def _zip_info(name: str, epoch: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6])
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, whatever the building machine
    return info
