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

from fontTools.ttLib import TTFont

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


def html_to_pdf(html: str) -> bytes:
    """Render; refuse to return a PDF with missing glyphs."""
    from weasyprint import HTML

    install_tounicode_fix()
    collect = _Collect()
    LOGGER.addHandler(collect)
    try:
        pdf = HTML(string=html, base_url=None).write_pdf()
    finally:
        LOGGER.removeHandler(collect)
    missing = [m for m in collect.messages if ".notdef" in m]
    if missing:
        raise MissingGlyphError("; ".join(missing[:5]))
    return pdf
