"""HTML to PDF with WeasyPrint: sealed off from the network and the machine's fonts.

- The URL fetcher serves data: URIs and files under the allowed folders (the
  project and the pinned font folder); anything else stops the render.
- Fontconfig sees only the fonts the project installs (DejaVu, pinned with
  matplotlib), so the output does not depend on what a machine has.
- No dates in the metadata, and a PDF identifier derived from the content.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse


@functools.cache
def font_dir() -> Path:
    """DejaVu Sans, Serif and Mono, pinned with matplotlib (found, not imported: importing it
    costs a third of a second in every build that makes a PDF)."""
    import importlib.util

    return Path(importlib.util.find_spec("matplotlib").origin).with_name("mpl-data") / "fonts" / "ttf"


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{font_dir}</dir>
  <cachedir>{cache_dir}</cachedir>
  <config></config>
</fontconfig>
"""


class FetchRefused(Exception):
    pass


def make_url_fetcher(allowed_roots: list[Path]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    roots = [r.resolve() for r in allowed_roots]

    class ProjectOnlyFetcher(URLFetcher):
        """Data URIs and files inside the project; nothing from the network."""

        def fetch(self, url, headers=None):
            scheme = urlparse(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return URLFetcherResponse(url, body=path.read_bytes())
            raise FatalURLFetchingError(f"refused to fetch {url!r}: only files inside the project are allowed")

    return ProjectOnlyFetcher()


@contextlib.contextmanager
def environment(**values: str):
    """Set environment variables for the duration of a block."""
    previous = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def isolated_fonts():
    """A fontconfig configuration that knows only the project's fonts."""
    from weasyprint.text.fonts import FontConfiguration

    with tempfile.TemporaryDirectory(prefix="fontconfig-") as tmp:
        conf = Path(tmp, "fonts.conf")
        conf.write_text(FONTS_CONF.format(font_dir=font_dir(), cache_dir=tmp))
        with environment(FONTCONFIG_FILE=str(conf)):
            yield FontConfiguration()  # reads FONTCONFIG_FILE now


FONT_TIMESTAMP = 946684800  # 2000-01-01T00:00:00Z, in the subset fonts' 'head' tables


def html_to_pdf(html: str, base_dir: Path, allowed_roots: list[Path],
                images: dict[str, object] | None = None) -> bytes:
    """Render HTML (styles inline) to PDF bytes, deterministically.

    `images` maps URLs to ready image objects (typeset formulas); WeasyPrint
    looks in its image cache before it fetches anything.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = make_url_fetcher([*allowed_roots, font_dir()])
    # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set; a fixed
    # time, not the build's, so that a PDF's bytes depend only on what it shows
    with environment(SOURCE_DATE_EPOCH=str(FONT_TIMESTAMP)), isolated_fonts() as font_config:
        document = weasyprint.HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        try:
            return document.write_pdf(font_config=font_config, pdf_identifier=identifier, cache=dict(images or {}))
        except FatalURLFetchingError as err:  # a BaseException: turn it into an ordinary error
            raise FetchRefused(str(err)) from None
