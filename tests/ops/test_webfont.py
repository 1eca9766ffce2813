"""Browsers get Sarabun from the portal's own static files (no CDN), like the PDFs."""

import re

from fontTools.ttLib import TTFont

from .. import ROOT_DIR

CSS = ROOT_DIR / "static" / "css" / "portal.css"


def test_every_font_the_stylesheet_names_is_a_static_file_of_the_portal():
    urls = re.findall(r'url\("([^"]+)"\)', CSS.read_text(encoding="utf-8"))
    assert urls, "the stylesheet declares no web font"
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), url
        assert (CSS.parent / url).resolve().is_file(), url


def test_the_thai_subset_covers_the_thai_alphabet_in_both_weights():
    for weight in (400, 700):
        font = TTFont(ROOT_DIR / f"static/fonts/sarabun/sarabun-thai-{weight}-normal.woff2")
        cmap = font.getBestCmap()
        missing = [hex(c) for c in range(0x0E01, 0x0E3B) if c not in cmap and c not in (0x0E3B,)]
        assert missing == [], missing
        assert "Sarabun" in font["name"].getDebugName(1)
