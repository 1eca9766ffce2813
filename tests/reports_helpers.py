"""Reading PDFs back the way a reader would: their text, their fonts, their pages."""

import math
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


def placed(content: bytes) -> list[dict]:
    """Each page's text runs and images where the PDF puts them: {"size": (w, h),
    "texts": [(font size pt, x, y of the baseline, base font, text)], "images": [(x, y of
    the top edge, width, height)]}, in points from the page's lower left corner."""
    pages = []
    for page in PdfReader(BytesIO(content)).pages:
        texts, images = [], []

        def text(run, cm, tm, font, size, texts=texts):
            if run.strip():
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                name = str(font.get("/BaseFont", "")).split("+", 1)[-1] if font else ""
                texts.append((round(size * scale, 1), round(x, 1), round(y, 1), name, run))

        def operand(op, args, cm, tm, images=images):
            if op == b"Do":  # an image is drawn into the unit square the matrix maps
                images.append((cm[4], cm[5] + cm[3], cm[0], cm[3]))

        page.extract_text(visitor_text=text, visitor_operand_before=operand)
        box = page.mediabox
        pages.append(
            {"size": (float(box.width), float(box.height)), "texts": texts, "images": images}
        )
    return pages


def set_emblem(org, size):
    """Give ``org`` an emblem image of ``size`` pixels, as the settings page saves one."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from organisations.forms import check_emblem

    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    upload = ContentFile(buffer.getvalue(), name="emblem.png")
    upload.content_type = "image/png"
    org.emblem = check_emblem(upload)  # a new random name each time
    org.save()


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
