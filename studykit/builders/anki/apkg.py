"""Write an .apkg byte for byte the same on every build.

genanki stamps the clock on notes and zips with today's date; here every time
comes from the build epoch and the zip members have fixed dates, permissions
and order.
"""
from __future__ import annotations

import itertools
import json
import sqlite3
import tempfile
from pathlib import Path

import genanki

from ...machinery.ziputil import zip_bytes


def apkg_bytes(decks: list[genanki.Deck], media: dict[str, bytes], epoch: int) -> bytes:
    """media maps file names (as used in fields) to their bytes."""
    with tempfile.TemporaryDirectory(prefix="apkg-") as tmp:
        db_path = Path(tmp, "collection.anki2")
        connection = sqlite3.connect(db_path)
        try:
            ids = itertools.count(epoch * 1000)  # note and card ids, in content order
            genanki.Package(decks).write_to_db(connection.cursor(), epoch, ids)
            connection.commit()
        finally:
            connection.close()
        names = sorted(media)
        members = [("collection.anki2", db_path.read_bytes()),
                   ("media", json.dumps({str(i): name for i, name in enumerate(names)},
                                        sort_keys=True).encode())]
        members += [(str(i), media[name]) for i, name in enumerate(names)]
        return zip_bytes(members, epoch)

