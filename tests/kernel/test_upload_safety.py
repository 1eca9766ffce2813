"""Uploads built to hurt the server: a far cell in a tiny file, a size tag that lies or is
missing, a broken zip, broken XML, an entity bomb, a zip bomb, an oversize file. Each import
(results, measures, progress) answers every one quickly, in Thai, on a normal page, and saves
nothing."""

import io
import re
import signal
import time
import tracemalloc
import zipfile
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook, load_workbook

from assessments.models import Assessment, ImportBatch, ImportJob
from kernel import xlsx
from measures.models import Measure, Progress
from measures.services import standard_rounds

from ..factories import make_measure

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNREADABLE = "ไฟล์นี้ไม่ใช่ไฟล์ Excel ที่อ่านได้"
SECONDS = 2  # what a refusal may take
MEGABYTES = 50  # how much more memory it may need while refusing
RUNAWAY_SECONDS = 6  # the guard: past this the code under test is stopped, not waited for


class RunAway(BaseException):
    """Raised by the guard's alarm; a BaseException so that no `except` in the code under
    test can swallow it."""


@contextmanager
def guarded():
    """Time and peak Python memory of the block; stops the block with RunAway when it runs
    away, so that a regression fails the test instead of eating the machine."""

    def stop(_signum, _frame):
        raise RunAway(f"still running after {RUNAWAY_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, RUNAWAY_SECONDS)
    tracemalloc.start()
    measured = {}
    start = time.perf_counter()
    try:
        yield measured
    finally:
        measured["seconds"] = time.perf_counter() - start
        measured["megabytes"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the three imports, each with a good workbook to start from ----------------------------


def _bytes(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class Import:
    def __init__(self, client, url, export_url, sheet):
        self.client, self.url, self.export_url, self.sheet = client, url, export_url, sheet

    def workbook(self):
        response = self.client.get(self.export_url)
        assert response.status_code == 200
        return load_workbook(io.BytesIO(response.content))

    def post(self, content, name="attack.xlsx"):
        return self.client.post(
            self.url, {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
        )


@scopes_disabled()  # reads the whole database, every organisation
def saved():
    return (
        Assessment.objects.count(),
        ImportBatch.objects.count(),
        sorted(Measure.objects.values_list("number", "title")),
        Progress.objects.count(),
        ImportJob.objects.count(),
    )


@pytest.fixture(params=["results", "measures", "progress"])
def target(request, client, people, org_a):
    client.force_login(people["staff_a"])
    make_measure(org_a, title="มาตรการเดิม")
    if request.param == "results":
        kw = {"org": "org-a", "year": 2568}
        return Import(
            client,
            reverse("results-import", kwargs=kw),
            reverse("results-template", kwargs=kw),
            "IIT",
        )
    kw = {"org": "org-a", "year": 2569}
    if request.param == "measures":
        return Import(
            client,
            reverse("measures-import", kwargs=kw),
            reverse("measures-export", kwargs=kw),
            None,
        )
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    kw["pk"] = six.pk
    return Import(
        client, reverse("progress-import", kwargs=kw), reverse("progress-export", kwargs=kw), None
    )


def _sheet_member(content, title):
    """The zip member holding the sheet called ``title`` (openpyxl saves sheet N as sheetN.xml)."""
    names = load_workbook(io.BytesIO(content), read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def _replace_member(content, member, change):
    """A copy of a zip with one member's text changed by ``change`` (bytes → bytes or chunks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != member:
                copy.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            changed = change(data)
            if isinstance(changed, bytes):
                copy.writestr(info, changed, compress_type=zipfile.ZIP_DEFLATED)
                continue
            streamed = zipfile.ZipInfo(member)
            streamed.compress_type = zipfile.ZIP_DEFLATED
            with copy.open(streamed, "w", force_zip64=True) as stream:
                for chunk in changed:
                    stream.write(chunk)
    return out.getvalue()


def assert_refused_quickly(target, content, *messages):
    """Posted through the real view: refused within SECONDS and MEGABYTES, on a normal page
    that says each of ``messages``, with nothing saved."""
    before = saved()
    with guarded() as measured:
        response = target.post(content)
    assert measured["seconds"] < SECONDS, measured
    assert measured["megabytes"] < MEGABYTES, measured
    page = response.content.decode()
    assert response.status_code == 200
    for message in messages:
        assert message in page, page[-3000:]
    assert saved() == before


def _target_sheet(target, workbook):
    return workbook[target.sheet] if target.sheet else workbook.active


# --- a far cell in a tiny file -------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["as written", "absent", "lying"])
@pytest.mark.parametrize("far", ["XFD1048576", "Z200000"])
def test_a_far_cell_is_refused_quickly_without_walking_the_sheet(target, far, dimension):
    workbook = target.workbook()
    sheet = _target_sheet(target, workbook)
    title = sheet.title
    sheet[far] = "x"
    content = _bytes(workbook)
    assert len(content) < 40_000  # a small file, like the 11 KB one of the report
    member = _sheet_member(content, title)
    if dimension == "absent":
        content = _replace_member(
            content, member, lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml)
        )
    elif dimension == "lying":
        content = _replace_member(
            content,
            member,
            lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C3"', xml),
        )
    assert_refused_quickly(target, content, f"ชีต “{title}”", "เกินที่รับได้")


# --- files that are not readable workbooks -------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def _zip_bomb(_xml):
    """A sheet of about 60 MB once unpacked (60 kB packed): one cell of 60 million letters."""
    yield (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    for _ in range(60):
        yield b"a" * 1_000_000
    yield b"</t></is></c></row></sheetData></worksheet>"


@pytest.mark.parametrize(
    "attack",
    ["broken zip", "broken XML", "entity bomb", "zip bomb"],
)
def test_an_unreadable_file_gets_a_thai_message_and_changes_nothing(target, attack):
    workbook = target.workbook()
    content = _bytes(workbook)
    member = _sheet_member(content, _target_sheet(target, workbook).title)
    if attack == "broken zip":
        content = content[:4] + b"\x00" * 200 + content[-300:]
    elif attack == "broken XML":
        content = _replace_member(content, member, lambda xml: xml[: len(xml) // 2])
    elif attack == "entity bomb":
        content = _replace_member(content, member, lambda _xml: BILLION_LAUGHS)
    else:
        content = _replace_member(content, member, _zip_bomb)
        assert len(content) < 1_000_000
    assert_refused_quickly(target, content, UNREADABLE)


def test_an_oversize_file_is_refused_by_its_size_in_thai(target):
    content = b"PK\x03\x04" + b"\x00" * xlsx.MAX_UPLOAD_BYTES
    before = saved()
    response = target.post(content, name="ใหญ่.xlsx")
    page = response.content.decode()
    assert response.status_code == 200
    assert "เกินกำหนด ๕ เมกะไบต์" in page, page[-3000:]
    assert saved() == before


# --- the bounded reader itself ------------------------------------------------------------


def test_openpyxl_parses_uploads_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML  # pinned in requirements.lock; no entity declarations accepted


def _sheet(cells, dimension=None):
    workbook = Workbook()
    for coordinate, value in cells.items():
        workbook.active[coordinate] = value
    content = _bytes(workbook)
    if dimension == "absent":
        content = _replace_member(
            content,
            "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml),
        )
    return content


@pytest.mark.parametrize("dimension", ["as written", "absent"])
def test_a_sheet_up_to_the_limit_is_read_and_one_cell_beyond_is_refused(dimension):
    limit = xlsx.SheetLimit(rows=3, columns=3)
    inside = xlsx.read_uploaded_workbook(_sheet({"A1": "หัว", "C3": 1}, dimension), limit=limit)
    rows = inside.sheets[inside.active]
    assert [[c.value for c in row] for row in rows] == [["หัว"], [], [None, None, 1]]
    assert (rows[2][2].row, rows[2][2].column_letter) == (3, "C")
    for beyond, size, real in (
        ("A4", "ระบุขนาดไว้ ๔ แถว × ๑ คอลัมน์", "มีข้อมูลเลยแถวที่ ๓"),
        ("D2", "ระบุขนาดไว้ ๒ แถว × ๔ คอลัมน์", "แถว ๒ มีข้อมูลถึงคอลัมน์ D"),
    ):
        message = size if dimension == "as written" else real
        with pytest.raises(ValidationError, match=message):
            xlsx.read_uploaded_workbook(_sheet({"A1": "หัว", beyond: 1}, dimension), limit=limit)


def test_a_formula_is_a_formula_and_trailing_empty_rows_are_dropped():
    content = _sheet({"A1": "หัว", "B2": "=SUM(A1:A2)", "A5": None})
    book = xlsx.read_uploaded_workbook(content, limit=xlsx.TABLE_SHEET)
    cell = book.sheets[book.active][1][1]
    assert (cell.value, cell.formula) == ("=SUM(A1:A2)", True)
    assert len(book.sheets[book.active]) == 2
