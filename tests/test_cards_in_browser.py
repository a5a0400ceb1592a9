"""Every card, as Anki renders it, typeset by MathJax 3 in headless Chromium.

MathJax comes from npm (node_modules/, installed by `make test`), never from
a CDN. Screenshots of a few cards land in tests/output/ for a person to look at.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from anki.collection import Collection

from conftest import ROOT
from test_anki import import_package, notes_by_id

MATHJAX = ROOT / "node_modules" / "mathjax" / "es5" / "tex-svg.js"
OUTPUT = ROOT / "tests" / "output"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--allow-file-access-from-files", "--virtual-time-budget=20000"]
SCREENSHOT_IDS = ["sigmoid-derivative-vector", "two-layer-net-numpy", "activation-function-graphs"]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<script>
window.MathJax = {{
  tex: {{inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']],
        packages: {{'[-]': ['noundefined']}}}},
  startup: {{pageReady: () => MathJax.startup.defaultPageReady().then(
    () => document.body.setAttribute('data-typeset', 'done'))}}
}};
</script>
<script src="{mathjax}"></script>
</head>
<body class="card{night}">{body}</body></html>
"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "Chromium is not installed (Debian: apt-get install chromium; `make test` does it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def cards(anki_dir, tmp_path_factory):
    """(id, side, html) for every card's front and back as Anki renders them, plus the media folder."""
    if not MATHJAX.exists():
        pytest.fail(f"{MATHJAX} is missing: run `npm ci` (make test does)")
    col = Collection(str(tmp_path_factory.mktemp("col") / "collection.anki2"))
    try:
        import_package(col, anki_dir / "ml-interviews.apkg")
        rendered = []
        for qid, note in sorted(notes_by_id(col).items()):
            [card] = note.cards()
            rendered += [(qid, "front", card.question()), (qid, "back", card.answer())]
        return rendered, Path(col.media.dir())
    finally:
        col.close()


def page(body: str, media: Path, night: bool = False) -> str:
    body = re.sub(r'src="([^":/]+)"', lambda m: f'src="{(media / m.group(1)).as_uri()}"', body)
    return PAGE.format(mathjax=MATHJAX.as_uri(), body=body, night=" nightMode" if night else "")


def run_chromium(html_file: Path, *extra: str) -> str:
    result = subprocess.run([chromium(), *CHROMIUM_FLAGS, *extra, html_file.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def visible_text(dom: str) -> str:
    """Page text outside code, scripts, styles and typeset math."""
    for tag in ("script", "style", "pre", "code", "mjx-container", "svg"):
        dom = re.sub(rf"<{tag}\b.*?</{tag}>", " ", dom, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", dom))


def typeset(body: str, media: Path, html_file: Path) -> tuple[int, list[str], list[str]]:
    """(formulas typeset, MathJax errors, raw delimiters left in the text) for a page of cards."""
    html_file.write_text(page(body, media))
    dom = run_chromium(html_file, "--dump-dom")
    assert 'data-typeset="done"' in dom, "MathJax did not finish typesetting"
    errors = re.findall(r'data-mjx-error="([^"]*)"', dom) + re.findall(r"<mjx-merror", dom)
    text = visible_text(dom)
    leftovers = [m for m in ("\\(", "\\)", "\\[", "\\]", "$") if m in text]
    return dom.count("<mjx-container"), errors, leftovers


def test_every_card_typesets_without_mathjax_errors(cards, tmp_path):
    rendered, media = cards
    sections = "".join(f'<section id="{qid}-{side}">{body}</section><hr>' for qid, side, body in rendered)
    formulas, errors, leftovers = typeset(sections, media, tmp_path / "all-cards.html")
    assert formulas > 100, f"expected the cards' formulas to be typeset, found {formulas}"
    assert errors == [], f"MathJax errors: {errors[:10]}"
    assert leftovers == [], f"raw math delimiters left on the page: {leftovers}"


def test_the_harness_sees_errors_and_leftovers(tmp_path):
    body = "<p>\\(\\notamacro{x}\\)</p><p>costs $5 and \\(x</p>"
    formulas, errors, leftovers = typeset(body, tmp_path, tmp_path / "broken.html")
    assert formulas == 1 and errors and "$" in leftovers and "\\(" in leftovers


def test_screenshots_for_a_person_to_look_at(cards):
    rendered, media = cards
    OUTPUT.mkdir(parents=True, exist_ok=True)
    by_key = {(qid, side): body for qid, side, body in rendered}
    for qid in SCREENSHOT_IDS:
        for night in (False, True):
            name = f"card-{qid}-back{'-night' if night else ''}"
            html_file = OUTPUT / f"{name}.html"
            html_file.write_text(page(by_key[(qid, "back")], media, night))
            png = OUTPUT / f"{name}.png"
            png.unlink(missing_ok=True)
            run_chromium(html_file, f"--screenshot={png}", "--window-size=480,1400", "--hide-scrollbars")
            assert png.stat().st_size > 10_000, f"{png} looks empty"
