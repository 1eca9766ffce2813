"""The report pipeline: a document is a template + a context → HTML → PDF, and rows → XLSX.

Nothing here knows about the ITA. A document class gathers its context and its rows; this
module renders them, converts digits, caches the PDF under the hash of its final HTML (so an
unchanged report is served from disk and any change of data makes a new one), and writes the
Excel twin.
"""

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from ita_portal.thai import thai_digits
from ita_portal.xlsx import new_workbook, workbook_bytes, write_sheet

from .pdf import html_to_pdf

ENGINE_VERSION = "reports-1"  # change to invalidate every cached PDF
STYLESHEET = Path(settings.BASE_DIR) / "static" / "reports" / "print.css"
_TEXT = re.compile(r">([^<]+)<")


def cache_dir() -> Path:
    path = Path(getattr(settings, "REPORT_CACHE_DIR", settings.VAR_DIR / "report-cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def thai_digits_in_text(html: str) -> str:
    """Arabic → Thai digits in the text of the body, never inside tags, styles or attributes."""
    head, sep, body = html.partition("<body")
    if not sep:
        return html
    return head + sep + _TEXT.sub(lambda m: ">" + thai_digits(m.group(1)) + "<", body)


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

    def __init__(self, *, thai_digits=True):
        self.thai_digits = thai_digits

    # to implement -------------------------------------------------------------------------
    def context(self) -> dict:
        raise NotImplementedError

    def sheets(self) -> list[Sheet]:
        raise NotImplementedError

    def filename_stem(self) -> str:
        return self.code

    def fingerprint(self):
        """Cheap JSON-able data that changes whenever anything the document shows changes,
        or None to key the cache on the rendered HTML instead."""
        return None

    # rendering ----------------------------------------------------------------------------
    def html(self) -> str:
        context = self.context()
        context.update(
            document=self,
            stylesheet=STYLESHEET.read_text(encoding="utf-8"),
            page_counter="thai" if self.thai_digits else "decimal",
        )
        html = render_to_string(self.template_name, context)
        return thai_digits_in_text(html) if self.thai_digits else html

    def cache_key(self):
        fingerprint = self.fingerprint()
        if fingerprint is None:
            return None
        sources = [STYLESHEET, *sorted(Path(settings.BASE_DIR, "templates", "reports").glob("*"))]
        stamp = [
            ENGINE_VERSION,
            self.code,
            self.thai_digits,
            [(p.name, p.stat().st_mtime_ns) for p in sources],
            fingerprint,
        ]
        return hashlib.sha256(json.dumps(stamp, default=str, sort_keys=True).encode()).hexdigest()

    def pdf(self) -> tuple[bytes, bool]:
        """The PDF and whether it came from the cache. The key is the document's data
        fingerprint when it has one (no rendering at all on a hit), else its final HTML."""
        key = self.cache_key()
        html = None
        if key is None:
            html = self.html()
            key = hashlib.sha256(f"{ENGINE_VERSION}\n{html}".encode()).hexdigest()
        path = cache_dir() / f"{key}.pdf"
        if path.exists():
            return path.read_bytes(), True
        content = html_to_pdf(html if html is not None else self.html())
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
        return content, False

    def xlsx(self) -> bytes:
        workbook = new_workbook()
        for sheet in self.sheets():
            rows = sheet.rows
            if self.thai_digits:
                rows = [[thai_digits(v) if isinstance(v, str) else v for v in row] for row in rows]
            write_sheet(workbook, sheet.title[:31], sheet.header, rows, sheet.widths)
        return workbook_bytes(workbook)
