"""The workbooks the portal writes, and the one bounded way it reads uploaded ones (openpyxl)."""

import datetime
import math
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import ParseError
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import tablib
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .thai import clean_text, thai_digits

# openpyxl names a font, it does not embed one: this is the one Thai government PCs have.
THAI_FONT = "TH SarabunPSK"
# Text a spreadsheet would read as a formula (CSV/formula injection) when it starts so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)([^<]*)(</dcterms:modified>)")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def safe_text(value):
    """A CSV cell that a spreadsheet will never read as a formula. CSV has no way to mark a
    cell as text other than a leading apostrophe; workbooks use ``put`` instead."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    return "'" + value if looks_like_formula(value) else value


def put(cell, value):
    """Write ``value`` into an openpyxl cell. Text that looks like a formula is stored as a text
    cell with Excel's quote prefix: shown, never evaluated, and read back exactly as written."""
    if isinstance(value, Promise):
        value = str(value)
    cell.value = value  # openpyxl makes any text starting with "=" a formula ...
    if looks_like_formula(value):
        cell.data_type = "s"  # ... so say it is text
        cell.quotePrefix = True


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_sheet(workbook, title, header, rows, widths=None):
    sheet = workbook.create_sheet(title)
    for column, value in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        put(cell, value)
        cell.font = Font(name=THAI_FONT, bold=True, size=14)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            put(cell, value)
            cell.font = Font(name=THAI_FONT, size=14)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


LISTS_SHEET = "รายการให้เลือก"
LIST_MAX = 1000  # values in one drop-down list


def add_choice_lists(workbook, sheet, lists: dict, *, rows: int):
    """Drop-down lists in ``sheet``: ``lists`` maps a column (1-based) to (values, strict),
    offered from row 2 to ``rows``. The values are kept on a hidden sheet (a list written in
    the rule itself may hold only 255 characters); the sheet people fill stays the active one,
    the one an upload is read from. A strict list refuses another value in Excel, with a Thai
    message; a loose one (a cell may name several, one per line) only warns."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if not lists:
        return
    store = workbook.create_sheet(LISTS_SHEET)
    store.sheet_state = "hidden"
    for number, (column, (values, strict)) in enumerate(sorted(lists.items()), start=1):
        values = list(values)[:LIST_MAX]
        if not values:
            continue
        letter = get_column_letter(number)
        for row, value in enumerate(values, start=1):
            put(store.cell(row=row, column=number), value)
        rule = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle="ค่าไม่อยู่ในรายการ",
            error=(
                "เลือกจากรายการในช่องนี้"
                if strict
                else "ค่านี้ไม่อยู่ในรายการ หากใส่หลายรายการ ให้ขึ้นบรรทัดใหม่หรือคั่นด้วยจุลภาค"
            ),
        )
        target = get_column_letter(column)
        rule.add(f"{target}2:{target}{max(rows, 2)}")
        sheet.add_data_validation(rule)
    workbook.active = workbook.index(sheet)


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


# --- reading uploads -------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the file as uploaded
# Everything inside it once unpacked, as the zip's directory declares (zipfile never inflates a
# member past its declared size): a real upload unpacks to well under a megabyte.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class SheetLimit:
    rows: int
    columns: int


# How far a sheet may reach: far above any real file, far below what would hurt the server.
RESULTS_SHEET = SheetLimit(rows=1_000, columns=12)  # the results template: ~100 rows × 5 columns
TABLE_SHEET = SheetLimit(rows=5_000, columns=60)  # measures, progress: ~50 rows × 15 columns

# What openpyxl, zipfile and the XML parser (defusedxml when installed) raise on a file that is
# not a readable workbook: broken zip or XML, entity declarations, unsupported or encrypted parts.
_UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    ParseError,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,  # also defusedxml's EntitiesForbidden
    AttributeError,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
)


def _unreadable(detail=""):
    message = "ไฟล์นี้ไม่ใช่ไฟล์ Excel ที่อ่านได้"
    message += f" ({detail})" if detail else " ไฟล์อาจเสียหาย กรุณาบันทึกจาก Excel เป็น .xlsx ใหม่"
    return ValidationError(message, code="unreadable")


def _number(value) -> str:
    return thai_digits(f"{value:,}")


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    column: int
    value: object
    formula: bool = False

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column)

    @property
    def formula_error(self) -> str:
        return f"เป็นสูตร ({self.value}) กรุณาคัดลอกแล้ววางแบบค่าเท่านั้น"


@dataclass(frozen=True)
class UploadedWorkbook:
    sheetnames: list
    active: str
    sheets: dict  # name → rows from row 1, each a list of Cell as long as its last cell


def read_uploaded_workbook(upload, *, limit: SheetLimit, sheets=None) -> UploadedWorkbook:
    """The cells of an uploaded .xlsx (a file or its bytes): the named ``sheets`` it has, or else
    its active sheet. Never walks a size the file merely declares; refuses with a Thai
    ValidationError a file too big, not a workbook, unreadable, or a sheet beyond ``limit``."""
    content = _checked_bytes(upload)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except _UNREADABLE:
        raise _unreadable() from None
    try:
        names = list(workbook.sheetnames)
        active = workbook.active.title if workbook.active is not None else ""
        wanted = [active] if sheets is None else [name for name in sheets if name in names]
        rows = {name: _rows(workbook[name], limit) for name in wanted if name}
    except _UNREADABLE:
        raise _unreadable() from None
    finally:
        workbook.close()
    return UploadedWorkbook(sheetnames=names, active=active, sheets=rows)


def _checked_bytes(upload) -> bytes:
    if isinstance(upload, bytes | bytearray | memoryview):
        name, size = "", len(upload)
    else:
        name, size = clean_text(upload.name or ""), upload.size
    if size > MAX_UPLOAD_BYTES:
        megabytes = thai_digits(math.ceil(size / 2**20 * 10) / 10)  # 5.01 is over 5: say 5.1
        raise ValidationError(
            f"ไฟล์{f' “{name}”' if name else ''} มีขนาด {megabytes} เมกะไบต์ "
            f"เกินกำหนด {thai_digits(MAX_UPLOAD_BYTES // 2**20)} เมกะไบต์",
            code="too_big",
        )
    if isinstance(upload, bytes | bytearray | memoryview):
        content = bytes(upload)
    else:
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)", code="not_xlsx")
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except _UNREADABLE:
        raise _unreadable() from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _unreadable(
            f"ข้อมูลภายในขยายได้ถึง {_number(unpacked // 2**20)} เมกะไบต์ ผิดปกติสำหรับไฟล์ขนาดนี้"
        )
    return content


def _too_far(title, what, limit):
    return ValidationError(
        f"ชีต “{title}” {what} เกินที่รับได้ (ไม่เกิน {_number(limit.rows)} แถว × "
        f"{_number(limit.columns)} คอลัมน์) กรุณาคัดลอกเฉพาะตารางที่ใช้ไปวางในไฟล์ใหม่",
        code="too_far",
    )


def _rows(sheet, limit):
    title = clean_text(sheet.title)
    if not hasattr(sheet, "iter_rows"):  # a chart sheet
        raise ValidationError(f"ชีต “{title}” ไม่ใช่ตาราง", code="not_a_table")
    # The size the file declares (its dimension tag) may be absent or lie; a large one is refused
    # before anything is read, because openpyxl pads every row and gap up to it.
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > limit.rows or declared_columns > limit.columns:
        size = f"{_number(declared_rows)} แถว × {_number(declared_columns)} คอลัมน์"
        raise _too_far(title, f"ระบุขนาดไว้ {size}", limit)
    # Without a declared size openpyxl yields each row as long as its last real cell and one
    # empty row per missing row; so the walk is over what the file holds, stopped at the limit.
    sheet.reset_dimensions()
    rows = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > limit.rows:
            raise _too_far(title, f"มีข้อมูลเลยแถวที่ {_number(limit.rows)}", limit)
        if len(cells) > limit.columns:
            last = get_column_letter(len(cells))
            raise _too_far(title, f"แถว {_number(number)} มีข้อมูลถึงคอลัมน์ {last}", limit)
        rows.append([_cell(number, column, c) for column, c in enumerate(cells, start=1)])
    while rows and all(cell.value is None for cell in rows[-1]):
        rows.pop()
    return rows


def _cell(row, column, cell):
    value = cell.value
    if cell.data_type == "f":
        return Cell(row, column, getattr(value, "text", value), formula=True)
    # Exports before quote prefixes wrote a literal apostrophe before text such as "-ควรมี…";
    # such a cell means the text after it (Excel itself never stores a typed apostrophe).
    if isinstance(value, str) and value.startswith("'") and looks_like_formula(value[1:]):
        value = value[1:]
    return Cell(row, column, value)


def table_from_upload(upload) -> tablib.Dataset:
    """The active sheet of an uploaded .xlsx as the Dataset django-import-export imports (row 1
    the headers), read by the bounded reader. Formula cells are refused: import-export would
    read their cached values, which are often empty."""
    workbook = read_uploaded_workbook(upload, limit=TABLE_SHEET)
    rows = workbook.sheets.get(workbook.active) or []
    formulas = [
        f"แถว {thai_digits(c.row)} คอลัมน์ {c.column_letter}: {c.formula_error}"
        for row in rows
        for c in row
        if c.formula
    ]
    if formulas:
        raise ValidationError(formulas, code="formula")
    if not rows or not rows[0]:
        raise ValidationError(
            f"ชีต “{clean_text(workbook.active)}” ไม่มีหัวตารางในแถวแรก", code="empty"
        )
    width = max(len(row) for row in rows)
    dataset = tablib.Dataset()
    dataset.headers = _values(rows[0], width)
    for row in rows[1:]:
        dataset.append(_values(row, width))
    return dataset


def _values(row, width):
    return [cell.value for cell in row] + [None] * (width - len(row))
