"""The printing pipeline: a document is a template + a context → HTML → PDF, and rows → XLSX.

Nothing here knows about the ITA. A document class gathers its context and its rows; this
module renders them in the document's digit style, keeps the PDF in the ``rendered`` storage
(``settings.STORAGES["rendered"]``) under a key made of the document's fingerprint and the
print templates (so an unchanged document is served as stored and any change makes a new
one), and writes the Excel twin. Requests only look a rendered file up (``stored_pdf``);
rendering runs in workers, bounded by ``printing.limits``.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string

from kernel.thai import digit_style
from kernel.xlsx import new_workbook, workbook_bytes, write_sheet

from .pdf import html_to_pdf

ENGINE_VERSION = "reports-2"  # change to invalidate every cached PDF
STYLESHEET = Path(settings.BASE_DIR) / "static" / "reports" / "print.css"


def rendered_storage():
    """Where rendered PDFs live: a folder (REPORT_CACHE_DIR) by default, S3 when
    ITA_RENDERED_STORAGE=s3."""
    return storages["rendered"]


def rendered_name(key: str) -> str:
    return f"{key}.pdf"


def store_pdf(key: str, content: bytes) -> None:
    """Keep a rendered PDF under its key, replacing any file of that key (the same bytes)."""
    rendered_storage().save(rendered_name(key), ContentFile(content))


def stored_pdf(key: str) -> bytes | None:
    storage = rendered_storage()
    try:
        with storage.open(rendered_name(key), "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


@dataclass
class Sheet:
    title: str
    header: list
    rows: list
    widths: list | None = None


class Document:
    """Base of one official document. Subclasses set the class attributes and implement
    ``context`` and ``sheets``."""

    code = ""
    title = ""
    template_name = ""
    orientation = "landscape"  # or "portrait"
    font_size = "14pt"
    # "foot": "หน้า ๑/๓" at the foot of each page; "top": "- ๒ -" at the top centre of every
    # page but the first (a memo, by the งานสารบรรณ rules); None: none (a cover)
    page_numbers = "foot"
    preview = False  # drawn for a browser's frame (templates/print/base.html adds the fonts)

    def __init__(self, *, thai_digits=True):
        self.thai_digits = thai_digits

    # to implement -------------------------------------------------------------------------
    def context(self) -> dict:
        raise NotImplementedError

    def sheets(self) -> list[Sheet]:
        raise NotImplementedError

    def filename_stem(self) -> str:
        return self.code

    def options(self) -> dict:
        """The keyword arguments beyond the subject and digits that drew this document (a
        render job keeps them to draw it again)."""
        return {}

    def fingerprint(self):
        """Cheap JSON-able data that changes whenever anything the document shows changes,
        or None to key the cache on the rendered HTML instead."""
        return None

    # rendering ----------------------------------------------------------------------------
    def digit_style(self):
        """Everything rendered inside it — template filters, dates and numbers formatted in
        ``context`` and ``sheets`` — uses this document's digits (the one mechanism)."""
        return digit_style("thai" if self.thai_digits else "arabic")

    def print_context(self) -> dict:
        """What only the printed page needs beyond ``context`` (which the Excel twin reads
        too): read when the HTML is drawn."""
        return {}

    def html(self) -> str:
        with self.digit_style():
            context = self.context()
            context.update(self.print_context())
            context.update(
                document=self,
                stylesheet=STYLESHEET.read_text(encoding="utf-8"),
                page_counter="thai" if self.thai_digits else "decimal",
            )
            return render_to_string(self.template_name, context)

    def cache_key(self):
        fingerprint = self.fingerprint()
        if fingerprint is None:
            return None
        stamp = [ENGINE_VERSION, self.code, self.thai_digits, _sources_digest(), fingerprint]
        return hashlib.sha256(json.dumps(stamp, default=str, sort_keys=True).encode()).hexdigest()

    def key(self) -> str:
        """The rendered file's key: the document's data fingerprint when it has one (no
        rendering needed to know it), else the hash of its final HTML."""
        key = self.cache_key()
        if key is None:
            key = hashlib.sha256(f"{ENGINE_VERSION}\n{self.html()}".encode()).hexdigest()
        return key

    def pdf(self) -> tuple[bytes, bool]:
        """The PDF and whether it came from the cache, rendered in this process when not
        stored yet (tests, benchmarks and the management commands; requests never do this)."""
        key = self.key()
        content = stored_pdf(key)
        if content is not None:
            return content, True
        content = html_to_pdf(self.html())
        store_pdf(key, content)
        return content, False

    def xlsx(self) -> bytes:
        workbook = new_workbook()
        with self.digit_style():
            for sheet in self.sheets():
                write_sheet(workbook, sheet.title[:31], sheet.header, sheet.rows, sheet.widths)
        return workbook_bytes(workbook)


def _sources_digest() -> str:
    """What every printed page is drawn with: the print stylesheet, the column widths' rule
    (printing/columns.py) and the print templates (settings.PRINT_TEMPLATES_DIR), by content
    — editing a web page leaves the cache alone."""
    folder = Path(settings.PRINT_TEMPLATES_DIR)
    digest = hashlib.sha256(STYLESHEET.read_bytes())
    digest.update(Path(__file__).with_name("columns.py").read_bytes())
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
