"""One PDF from several: the combined cheat sheet is its cover followed by the
topic cheat sheets, page for page, so no topic is laid out twice.

The cover's contents link to topics with `topic:<id>` URIs; here they become
jumps to the first page of that topic. Outlines are kept, one entry per topic.
"""
from __future__ import annotations

import io

TOPIC_LINK = "topic:"


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader  # imported when PDFs are made, not on every build

    return len(PdfReader(io.BytesIO(pdf)).pages)


def concatenate(cover: bytes, parts: dict[str, bytes], title: str) -> bytes:
    """`cover` then each of `parts` (topic id -> PDF) in order, with the cover's topic links resolved."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    writer = PdfWriter()
    writer.append(io.BytesIO(cover), import_outline=False)
    cover_pages = len(writer.pages)
    first_page: dict[str, int] = {}
    for topic_id, pdf in parts.items():
        first_page[topic_id] = len(writer.pages)
        writer.append(io.BytesIO(pdf))
    for page in writer.pages[:cover_pages]:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            uri = annotation.get("/A", {}).get("/URI", "")
            if str(uri).startswith(TOPIC_LINK):
                target = writer.pages[first_page[str(uri)[len(TOPIC_LINK):]]]
                annotation[NameObject("/A")] = DictionaryObject({
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject([target.indirect_reference, NameObject("/Fit")]),
                })
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
