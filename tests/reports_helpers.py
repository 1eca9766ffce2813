"""Reading PDFs back the way a reader would: their text, their fonts, their pages."""

import re
import subprocess
import tempfile
import unicodedata
from io import BytesIO

from pypdf import PdfReader
from pythainlp.util import normalize


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        out = subprocess.run(
            ["pdftotext", "-raw", f.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return normalize(unicodedata.normalize("NFKC", out))


def compact(text: str) -> str:
    """Text without any white space: Thai lines break inside sentences."""
    return re.sub(r"\s+", "", normalize(unicodedata.normalize("NFKC", text)))


def fonts(content: bytes) -> dict[str, bool]:
    """Base font name (subset prefix removed) -> embedded?"""
    found = {}
    for page in PdfReader(BytesIO(content)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def page_count(content: bytes) -> int:
    return len(PdfReader(BytesIO(content)).pages)


def get_document(client, url):
    """A PDF address as a reader opens it, for tests about what a document shows rather than
    about the workers: a document not rendered yet answers with the waiting page (202); its
    job is then run here by the worker's own code (reports.jobs.run, the body of the task the
    page waits for), and the address opened again serves the PDF. The tests of the real
    worker are in tests/reports/test_render_jobs.py."""
    from reports.jobs import run

    response = client.get(url)
    if response.status_code == 202:
        assert "กำลังจัดทำเอกสาร" in response.content.decode()
        run(response.context["job"].key)
        response = client.get(url)
    if response.status_code == 200 and url.split("?")[0].endswith(".pdf"):
        assert response["Content-Type"] == "application/pdf", response.content[:200]
    return response
