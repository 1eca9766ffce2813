"""Sara am in copied text, read with pdftotext and pypdf without any normalising: ำ comes out
as its compatibility decomposition U+0E4D U+0E32 (README, "Official reports": one glyph id
serves า alone and า inside ำ, so a ToUnicode map cannot tell them apart), and nothing else
is changed: the า of "การ" copies out as า, not as ำ."""

import subprocess
import tempfile
import unicodedata
from io import BytesIO

from pypdf import PdfReader

from printing.pdf import html_to_pdf

WORDS = "ดำเนินการ น้ำ ประจำตำบล การ"


def copied(content: bytes) -> dict[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        poppler = subprocess.run(
            ["pdftotext", "-raw", f.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return {
        "pdftotext": " ".join(poppler.split()),
        "pypdf": " ".join(PdfReader(BytesIO(content)).pages[0].extract_text().split()),
    }


def test_sara_am_copies_out_as_its_decomposition_and_nothing_else_changes():
    html = f'<html><body style="font-family: Sarabun"><p>{WORDS}</p></body></html>'
    for tool, text in copied(html_to_pdf(html)).items():
        assert text == unicodedata.normalize("NFKC", WORDS), tool
        assert "\u0e33" not in text and text.endswith("การ"), tool
