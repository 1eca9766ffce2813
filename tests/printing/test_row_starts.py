"""A table row that breaks over a page starts with the first lines of every cell
(printing/rows.py): never a lone line beside empty cells at the foot of a page."""

import pytest

from printing.pdf import html_to_pdf

from ..reports_helpers import compact, pdf_text

pytestmark = pytest.mark.django_db  # html_to_pdf reads the static folders from the settings

STYLE = """<style>@page { size: A5; margin: 1cm }
body { font-family: Sarabun; font-size: 12pt; line-height: 1.4 }
td { border: 1px solid; vertical-align: top } .keep { break-inside: avoid }</style>"""


def _filler(lines):
    return "".join(f"<p style='margin:0'>บรรทัดนำ {i}</p>" for i in range(lines))


def _pages(html):
    return [compact(p) for p in pdf_text(html_to_pdf(html)).split("\f") if p.strip()]


def _lines_to_fill_the_first_page():
    """How many filler lines the first page holds."""
    pages = _pages(f"<html><head>{STYLE}</head><body>{_filler(80)}</body></html>")
    return pages[0].count("บรรทัดนำ")


def test_a_row_whose_cells_cannot_start_at_the_foot_of_a_page_starts_on_the_next():
    fill = _lines_to_fill_the_first_page()
    words = " ".join(["ข้อความยาวของช่องนี้"] * 40)
    row = (
        "<table><tr><td>เครื่องหมายแถว</td>"
        "<td><div class='keep'>กล่องหนึ่ง<br>กล่องสอง<br>กล่องสาม<br>กล่องสี่</div>"
        f"{words}</td></tr></table>"
    )
    # leave two lines' room at the foot of the first page: the row's first cell would fit one
    # line there, its second cell nothing (its boxes stay whole)
    html = f"<html><head>{STYLE}</head><body>{_filler(fill - 2)}{row}</body></html>"
    pages = _pages(html)
    assert "เครื่องหมายแถว" not in pages[0]
    assert "เครื่องหมายแถว" in pages[1] and "กล่องหนึ่ง" in pages[1]


def test_a_row_taller_than_a_page_still_breaks_and_loses_nothing():
    words = [f"คำที่{i}" for i in range(900)]
    row = (
        "<table><tr><td>เครื่องหมายแถว</td>"
        f"<td><div class='keep'>กล่องหนึ่ง</div>{' '.join(words)}</td></tr></table>"
    )
    html = f"<html><head>{STYLE}</head><body>{_filler(3)}{row}</body></html>"
    pages = _pages(html)
    assert len(pages) > 2
    assert "เครื่องหมายแถว" in pages[0]  # the row starts on the first page, high enough
    text = "".join(pages)
    assert all(compact(word) in text for word in words[::50] + words[-1:])
