"""PDF cheat sheets and practice sheets: their structure read back with pypdf, their text and pixels with PDFium."""
from __future__ import annotations

import re
import socket
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT, run_build
from studykit.content.segments import CODE, DISPLAY, INLINE, TEXT, split_segments

PDF_EPOCH = 1_800_000_000
MAX_CHEATSHEET_PAGES = 6  # per topic, landscape; the README promises it
# the README names the topics that need more: full code listings, and the largest topic
LONGER_CHEATSHEETS = {"computer-science": 8, "ml-workflows": 8}
OUTPUT = ROOT / "tests" / "output"


@pytest.fixture(scope="session")
def pdf_dir(full_dist):
    return full_dist / "pdf"


def _page_texts(path: Path) -> tuple[str, ...]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return tuple(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document)
    finally:
        document.close()


@pytest.fixture(scope="session")
def pages_text(pdf_dir) -> dict[Path, tuple[str, ...]]:
    """The text of every page of every PDF, as PDFium (Chrome's PDF engine) reads it, extracted
    once for all the tests here (pypdf gives the same words, about 30 times slower)."""
    return {path: _page_texts(path) for path in sorted(pdf_dir.rglob("*.pdf"))}


def read(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(path)


def text_of(page_texts: tuple[str, ...]) -> str:
    return "\n".join(page_texts)


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("ﬁ", "fi").replace("ﬂ", "fl"))


def plain_words(markdown_text: str) -> list[str]:
    """The words a reader sees in the rendered text, leaving out formulas (drawn as pictures)
    and list markers (drawn apart from the text they mark)."""
    text = " ".join(s.text for s in split_segments(markdown_text) if s.kind in (TEXT, CODE))
    text = re.sub(r"(?m)^\s*```.*$", " ", text)  # fence lines are not shown
    return tokens(re.sub(r"(?m)^\s*(?:\d+[.)]|[-*+])\s+", " ", text))


def latex_commands(catalog) -> set[str]:
    """LaTeX commands the formulas use and no code or prose shows literally (such as \\d in a regex)."""
    in_math, elsewhere = set(), set()
    for q in catalog.questions:
        for field in ("context", "question", "answer", "explanation"):
            for seg in split_segments(getattr(q, field)):
                found = set(re.findall(r"\\[a-zA-Z]+", seg.text))
                (in_math if seg.kind in (INLINE, DISPLAY) else elsewhere).update(found)
    return in_math - elsewhere


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def outline_titles(reader: pypdf.PdfReader) -> list:
    """The outline as nested lists: [title, [children...]], ..."""
    def walk(items):
        result = []
        for item in items:
            if isinstance(item, list):
                result[-1][1].extend(walk(item))
            else:
                result.append([item.title, []])
        return result
    return walk(reader.outline)


def test_every_topic_has_a_cheat_sheet_and_a_practice_sheet(pdf_dir, catalog):
    expected = {f"{t.id}.pdf" for t in catalog.topics} | {"ml-interviews.pdf"}
    expected |= {f"practice/{t.id}.pdf" for t in catalog.topics}
    assert {p.relative_to(pdf_dir).as_posix() for p in pdf_dir.rglob("*.pdf")} == expected


def test_cheat_sheet_outline_holds_the_topic_and_its_sections(pdf_dir, catalog):
    for topic in catalog.topics:
        outline = outline_titles(read(pdf_dir / f"{topic.id}.pdf"))
        assert outline == [[topic.title, [[s.title, []] for s in topic.sections]]]


def test_combined_cheat_sheet_has_cover_contents_and_an_outline_by_topic(pdf_dir, pages_text, catalog):
    reader = read(pdf_dir / "ml-interviews.pdf")
    outline = outline_titles(reader)
    assert [title for title, _ in outline] == [t.title for t in catalog.topics]
    assert [[s for s, _ in sections] for _, sections in outline] == \
        [[s.title for s in t.sections] for t in catalog.topics]
    cover, contents = pages_text[pdf_dir / "ml-interviews.pdf"][:2]
    assert "Machine-learning interviews" in cover and f"{len(catalog.questions)} questions" in cover
    for topic in catalog.topics:
        assert topic.title in contents


def test_combined_cheat_sheet_is_the_topic_sheets_page_for_page_and_its_contents_lead_to_them(pdf_dir, pages_text,
                                                                                               catalog):
    combined = read(pdf_dir / "ml-interviews.pdf")
    combined_text = pages_text[pdf_dir / "ml-interviews.pdf"]
    contents = combined.pages[1]
    contents_text = combined_text[1]
    link_targets = {combined.get_page_number(annotation.get_object()["/A"]["/D"][0].get_object())
                    for annotation in contents["/Annots"]}
    page = 2  # after the cover and the contents
    for topic in catalog.topics:
        sheet = pages_text[pdf_dir / f"{topic.id}.pdf"]
        assert list(combined_text[page:page + len(sheet)]) == list(sheet), \
            f"{topic.id} differs in the combined cheat sheet"
        assert page in link_targets, f"no contents link to {topic.id} on page {page + 1}"
        assert re.search(rf"{re.escape(topic.title)} \(\d+ questions\)\s*\.+\s*{page + 1}\b", contents_text), \
            f"contents do not say {topic.title} starts on page {page + 1}"
        page += len(sheet)
    assert page == len(combined.pages)
    assert link_targets <= set(range(2, page))


def test_every_question_is_in_the_text_of_its_cheat_sheet_and_practice_sheet(pdf_dir, pages_text, catalog):
    combined = tokens(text_of(pages_text[pdf_dir / "ml-interviews.pdf"]))
    for topic in catalog.topics:
        sheets = {name: tokens(text_of(pages_text[pdf_dir / name]))
                  for name in (f"{topic.id}.pdf", f"practice/{topic.id}.pdf")}
        sheets["ml-interviews.pdf"] = combined
        for q in topic.questions:
            words = plain_words(q.question)
            for name, text in sheets.items():
                assert contains_run(text, words), f"{name} lacks the question {q.id}: {' '.join(words)}"


def test_no_raw_latex_and_no_dates_in_any_pdf(pdf_dir, pages_text, catalog):
    commands = latex_commands(catalog)
    assert {"\\frac", "\\sigma"} <= commands
    assert len(pages_text) == 2 * len(catalog.topics) + 1
    for path in sorted(pdf_dir.rglob("*.pdf")):
        text = text_of(pages_text[path])
        raw = [c for c in re.findall(r"\\[a-zA-Z]+", text) if c in commands]
        raw += re.findall(r"\$[^$\n]{1,40}\$|\\\(|\\\[", text)
        assert raw == [], f"{path.name} shows raw LaTeX: {raw[:5]}"
        info = read(path).metadata or {}
        assert "/CreationDate" not in info and "/ModDate" not in info
        assert b"CreationDate" not in path.read_bytes() and b"ModDate" not in path.read_bytes()


def test_cheat_sheets_are_landscape_and_within_the_page_budget(pdf_dir, catalog):
    for topic in catalog.topics:
        reader = read(pdf_dir / f"{topic.id}.pdf")
        budget = LONGER_CHEATSHEETS.get(topic.id, MAX_CHEATSHEET_PAGES)
        assert len(reader.pages) <= budget, f"{topic.id}: {len(reader.pages)} pages"
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert width > height
            assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_footer_shows_page_x_of_y_and_the_version(pdf_dir, pages_text, catalog):
    from studykit.machinery.project import project_version

    sheet = pages_text[pdf_dir / f"{catalog.topics[0].id}.pdf"]
    pages = len(sheet)
    for number, text in enumerate(sheet, 1):
        assert f"page {number} of {pages}" in text
        assert f"v{project_version()}" in text
        assert catalog.topics[0].title in text  # running header


def test_practice_sheet_numbers_questions_and_puts_answers_last(pdf_dir, pages_text, catalog):
    topic = catalog.topics[0]
    reader = read(pdf_dir / "practice" / f"{topic.id}.pdf")
    first = reader.pages[0]
    assert float(first.mediabox.height) > float(first.mediabox.width)  # portrait, to write on
    answers = reader.outline[-1]
    assert answers.title == "Answers"
    answers_page = reader.get_destination_page_number(answers)
    sheet = pages_text[pdf_dir / "practice" / f"{topic.id}.pdf"]
    questions_text, answers_text = text_of(sheet[:answers_page]), text_of(sheet[answers_page:])
    numbers = [int(n) for n in re.findall(r"^(\d+)\. [EMHO]\b", questions_text, flags=re.M)]
    assert numbers == list(range(1, len(topic.questions) + 1))
    for q in topic.questions:
        assert contains_run(tokens(answers_text), plain_words(q.answer)[:6]), f"no answer to {q.id}"


def test_fonts_are_only_the_project_fonts(pdf_dir):
    reader = read(pdf_dir / "ml-interviews.pdf")
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        names |= {str(f.get_object()["/BaseFont"]).split("+", 1)[-1] for f in fonts.values()}
    assert names and all(name.startswith("DejaVu") for name in names), names


def test_letter_paper_is_an_option(tmp_path, catalog, real_build):
    topic = min(catalog.topics, key=lambda t: len(t.questions)).id  # the smallest: only the page size matters
    real_build("--only", "pdf", "--paper", "letter", "--topic", topic, "--out", str(tmp_path), epoch=PDF_EPOCH)
    page = read(tmp_path / "pdf" / f"{topic}.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def test_first_pages_render_to_png_for_a_person_to_look_at(pdf_dir, catalog):
    import pypdfium2

    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in (f"{catalog.topics[0].id}.pdf", "ml-interviews.pdf", f"practice/{catalog.topics[0].id}.pdf"):
        document = pypdfium2.PdfDocument(pdf_dir / name)
        image = document[0].render(scale=1.5).to_pil()
        target = OUTPUT / ("pdf-" + name.replace("/", "-").replace(".pdf", "-page1.png"))
        image.save(target)
        assert image.getextrema() != ((255, 255),) * 3, f"{name}: the first page is blank"
        assert target.stat().st_size > 10_000


# --- safety: the renderer reads nothing outside the project and never touches the network

def test_url_fetcher_refuses_files_outside_the_project_and_the_network(monkeypatch, tmp_path):
    from studykit.builders.pdf.engine import FetchRefused, html_to_pdf

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    outside = tmp_path / "secret.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    for url in (outside.as_uri(), "http://127.0.0.1:9/x.png", "https://example.com/x.css", "ftp://example.com/x"):
        with pytest.raises(FetchRefused):
            html_to_pdf(f'<p>x</p><img src="{url}">', base_dir=ROOT, allowed_roots=[ROOT])
    with pytest.raises(FetchRefused):
        html_to_pdf('<link rel="stylesheet" href="http://127.0.0.1:9/a.css"><p>x</p>', base_dir=ROOT,
                    allowed_roots=[ROOT])


def test_url_fetcher_serves_data_uris_and_project_files():
    from studykit.builders.pdf.engine import html_to_pdf

    svg_uri = "data:image/svg+xml;utf8,%3Csvg xmlns='http://www.w3.org/2000/svg' width='9' height='9'/%3E"
    inside = (ROOT / "templates" / "pdf" / "style.css.j2").as_uri()
    pdf = html_to_pdf(f'<link rel="stylesheet" href="{inside}"><img src="{svg_uri}"><p>ok</p>',
                      base_dir=ROOT, allowed_roots=[ROOT])
    assert pdf.startswith(b"%PDF")
