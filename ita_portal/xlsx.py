"""Small helpers for the workbooks the portal writes and reads (openpyxl)."""

import datetime
import re
from io import BytesIO
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile, ZipInfo

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

# openpyxl names a font, it does not embed one: this is the one Thai government PCs have.
THAI_FONT = "TH SarabunPSK"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)([^<]*)(</dcterms:modified>)")


def safe_text(value):
    """A text cell that a spreadsheet will never read as a formula."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_sheet(workbook, title, header, rows, widths=None):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(name=THAI_FONT, bold=True, size=14)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in rows:
        sheet.append([safe_text(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name=THAI_FONT, size=14)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(workbook, *, stamp=None) -> bytes:
    """The .xlsx file. With ``stamp`` (a datetime) the file is the same byte for byte each
    time it is written from the same data: the workbook's own dates and every zip member's
    date are the stamp, not the moment of writing (open data must not change on its own)."""
    if stamp is not None:
        moment = stamp.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
        workbook.properties.created = workbook.properties.modified = moment
    out = BytesIO()
    workbook.save(out)
    if stamp is None:
        return out.getvalue()
    fixed = BytesIO()
    with ZipFile(out) as source, ZipFile(fixed, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = _MODIFIED.sub(
                    lambda m: m.group(1) + moment.isoformat() + "Z" + m.group(3), data.decode()
                ).encode()
            member = ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            member.compress_type = ZIP_DEFLATED
            target.writestr(member, data)
    return fixed.getvalue()


def open_uploaded_workbook(upload):
    """Open an uploaded .xlsx (formulas kept as formulas) or refuse it with a Thai message."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "ไฟล์ใหญ่เกิน ๕ เมกะไบต์ กรุณาตรวจสอบว่าเป็นไฟล์ผลการประเมินที่ถูกต้อง", code="too_big"
        )
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)", code="not_xlsx")
    try:
        return load_workbook(upload, data_only=False, read_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError("เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย", code="not_xlsx") from None
