"""HTML → PDF with WeasyPrint, and the one workaround Thai needs.

WeasyPrint writes each glyph's Unicode text (the PDF ToUnicode map, used for copying and
searching) from the first text it saw the glyph in. Thai shaping decomposes SARA AM (ำ) into
NIKHAHIT + SARA AA and uses ligature/alternate glyphs for stacked marks, so the glyph of า
is first seen inside "ำ" and every later า copies out as "ำ" ("ก้ำร" for "การ").
``install_tounicode_fix`` seeds each font's map with what its glyphs really are — the cmap, and
glyphs reached from it through GSUB single, alternate and ligature substitutions — before any
text is drawn. Copied text is then the original up to NFKC (ํา ≡ ำ).
"""

import hashlib
import logging
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from fontTools.ttLib import TTFont

from .rows import install_row_start_fix

LOGGER = logging.getLogger("weasyprint")


class MissingGlyphError(RuntimeError):
    """WeasyPrint drew a .notdef: some text has no glyph in the fonts given."""


def _glyph_texts(font: TTFont) -> dict[int, str]:
    text = {}
    for codepoint, name in sorted(font.getBestCmap().items(), reverse=True):
        text[name] = chr(codepoint)
    if "GSUB" in font:
        lookups = font["GSUB"].table.LookupList.Lookup
        for _ in range(3):  # substitutions may chain
            for lookup in lookups:
                for subtable in lookup.SubTable:
                    kind = lookup.LookupType
                    if kind == 7:
                        kind, subtable = subtable.ExtensionLookupType, subtable.ExtSubTable
                    if kind == 1:
                        pairs = [(src, dst) for src, dst in subtable.mapping.items()]
                    elif kind == 3:
                        pairs = [
                            (src, dst) for src, alts in subtable.alternates.items() for dst in alts
                        ]
                    elif kind == 4:
                        for first, ligatures in subtable.ligatures.items():
                            for lig in ligatures:
                                parts = [first, *lig.Component]
                                if lig.LigGlyph not in text and all(p in text for p in parts):
                                    text[lig.LigGlyph] = "".join(text[p] for p in parts)
                        continue
                    else:
                        continue
                    for src, dst in pairs:
                        if src in text and dst not in text:
                            text[dst] = text[src]
    return {font.getGlyphID(name): value for name, value in text.items()}


@lru_cache(maxsize=32)
def _font_texts(digest: str, content: bytes, index: int) -> dict[int, str]:
    return _glyph_texts(TTFont(BytesIO(content), fontNumber=index, lazy=True))


def install_tounicode_fix():
    from weasyprint.pdf import fonts

    if getattr(fonts.Font, "_ita_tounicode_fix", False):
        return
    original = fonts.Font.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        content = bytes(self.file_content)
        digest = hashlib.sha256(content).hexdigest()
        self.to_unicode.update(_font_texts(digest, content, self.index))

    fonts.Font.__init__ = __init__
    fonts.Font._ita_tounicode_fix = True


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def allowed_url(url: str, roots) -> str | None:
    """The URL WeasyPrint may open for ``url``: data: URLs, and files inside ``roots`` (as the
    resolved file's own URL, so ``..`` and symlinks cannot lead out); None for anything else.

    A report's HTML carries text that users typed; were a tag or url() to slip through, the
    default fetcher would request any http(s) address from the server (reaching the internal
    network) or embed any readable file (``<link rel=attachment href=file:///etc/passwd>``).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return url
    if scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if path.is_file() and any(path.is_relative_to(Path(r).resolve()) for r in roots):
            return path.as_uri()
    return None


@lru_cache(maxsize=1)
def _fetcher_class():
    from weasyprint.urls import URLFetcher  # imported on first render, as WeasyPrint itself

    class LocalFilesFetcher(URLFetcher):
        """WeasyPrint's fetcher, limited by ``allowed_url``. A refused URL raises; WeasyPrint
        logs it and renders without the resource."""

        def __init__(self, roots):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.roots = list(roots)

        def fetch(self, url, headers=None):
            allowed = allowed_url(url, self.roots)
            if allowed is None:
                raise ValueError(f"refused to fetch {url[:200]!r}: only data: and static files")
            return super().fetch(allowed, headers)

    return LocalFilesFetcher


def layout(html: str, roots):
    """WeasyPrint's laid-out document of ``html`` (its pages can be counted before anything
    is written) and a check to call after ``write_pdf`` that raises MissingGlyphError if a
    glyph was missing. Only data: URLs and files inside ``roots`` are fetched."""
    from weasyprint import HTML

    install_tounicode_fix()
    install_row_start_fix()
    collect = _Collect()
    LOGGER.addHandler(collect)
    fetcher = _fetcher_class()(roots)
    try:
        document = HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    except BaseException:
        LOGGER.removeHandler(collect)
        raise

    def check():
        LOGGER.removeHandler(collect)
        missing = [m for m in collect.messages if ".notdef" in m]
        if missing:
            raise MissingGlyphError("; ".join(missing[:5]))

    return document, check


def html_to_pdf(html: str) -> bytes:
    """Render in this process; refuse to return a PDF with missing glyphs. Nothing outside the
    portal's own static files (and data: URLs) is fetched. (Requests never call this: the
    workers render through ``printing.limits.render_limited``.)"""
    document, check = layout(html, settings.STATICFILES_DIRS)
    try:
        pdf = document.write_pdf()
    finally:
        check()
    return pdf
