"""The render engine the set-up provides: WeasyPrint embeds font subsets with HarfBuzz
(Debian's libharfbuzz-subset0, installed by ``./portal``), not with its fontTools fallback,
which took two thirds of a render's CPU (a 12-page test document: 0.97 s → 0.31 s)."""

import logging

from printing.pdf import html_to_pdf


def test_fonts_are_subset_by_harfbuzz(caplog):
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None, "./portal installs Debian's libharfbuzz-subset0"
    assert harfbuzz.hb_version_atleast(4, 1, 0)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        html_to_pdf('<p style="font-family: Sarabun">ดำเนินการ ๑</p>')
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()]
