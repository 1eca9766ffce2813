"""The Excel round trip of measures and of a round's progress (django-import-export)."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from measures.models import Measure, Progress, SheetUpload, Status
from measures.services import standard_rounds

from .factories import make_measure

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@scopes_disabled()  # the test's own look at the database
def state():
    return (
        sorted(Measure.objects.values_list("number", "title", "end_date")),
        sorted(Progress.objects.values_list("measure__number", "status", "summary")),
    )


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content))


def upload(client, url, wb, **extra):
    out = BytesIO()
    wb.save(out)
    return client.post(
        url, {"file": SimpleUploadedFile("m.xlsx", out.getvalue(), content_type=XLSX), **extra}
    )


@pytest.fixture
def staff(client, people, org_a):
    with scopes_disabled():
        unit = org_a.unit_set.get(name="กองคลัง")
    m = make_measure(org_a, title='=HYPERLINK("x")', units=[unit])
    m.budget = 15000
    m.save()
    client.force_login(people["staff_a"])
    return client


def columns(ws):
    return {c.value: c.column - 1 for c in ws[1]}


def test_export_reads_back_with_numbers_as_numbers_and_no_formulas(staff):
    ws = download(staff, reverse("measures-export", kwargs=Y)).active
    col = columns(ws)
    row = [c.value for c in ws[2]]
    assert row[col["ลำดับ"]] == 1 and row[col["งบประมาณ (บาท)"]] == 15000
    assert row[col["ผู้รับผิดชอบ (ส่วนงาน)"]] == "กองคลัง"
    assert row[col["กำหนดแล้วเสร็จ"]] == "30/09/2569"
    assert row[col["ขั้นตอนหรือวิธีการปฏิบัติ"]] == "๑. ขั้นแรก\n๒. ขั้นที่สอง"
    assert row[col["มาตรการ/โครงการ/กิจกรรม"]] == '=HYPERLINK("x")'  # as written, but ...
    for cells in ws.iter_rows():
        for cell in cells:
            assert cell.data_type != "f", cell.value  # ... never a formula


def test_import_previews_then_applies_all_rows(staff):
    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    col = columns(ws)
    ws.cell(row=2, column=col["มาตรการ/โครงการ/กิจกรรม"] + 1, value="มาตรการที่แก้ชื่อแล้ว")
    new = [None] * len(col)
    new[col["ลำดับ"]], new[col["ประเภท"]] = 2, "กิจกรรม"
    new[col["มาตรการ/โครงการ/กิจกรรม"]] = "กิจกรรมใหม่จาก Excel"
    new[col["ขั้นตอนหรือวิธีการปฏิบัติ"]] = "๑. ประชุม\n๒. รายงานผล"
    new[col["ระยะเวลา"]] = "ต.ค. ๖๘ ถึง ก.ย. ๖๙"
    new[col["ผู้รับผิดชอบ (ส่วนงาน)"]] = "สำนักปลัด, กองคลัง"
    new[col["ตัวชี้วัด (เลข)"]] = "7"
    ws.append(new)
    before = state()
    response = upload(staff, url, wb)
    page = response.content.decode()
    assert "ตัวอย่างก่อนนำเข้า" in page and "เพิ่มใหม่" in page
    assert state() == before  # the dry run changed nothing
    with scopes_disabled():
        sheet = SheetUpload.objects.get()
    staff.post(url, {"confirm": sheet.pk})
    with scopes_disabled():
        assert Measure.objects.get(number=1).title == "มาตรการที่แก้ชื่อแล้ว"
        activity = Measure.objects.get(number=2, kind="activity")
        assert [s.text for s in activity.steps.all()] == ["ประชุม", "รายงานผล"]
        assert activity.end_date == datetime.date(2026, 9, 30)
        units = sorted(u.name for u in activity.responsible_units.all())
        assert units == ["กองคลัง", "สำนักปลัด"]
        assert list(activity.indicators.values_list("number", flat=True)) == [7]


@pytest.mark.parametrize(
    "column,value,message",
    [
        ("ผู้รับผิดชอบ (ส่วนงาน)", "กองที่ไม่มี", "ไม่มีส่วนงาน “กองที่ไม่มี”"),
        ("กำหนดแล้วเสร็จ", "31/02/2569", "ไม่มีวันที่ ๓๑ เดือน ๒"),
        ("กำหนดแล้วเสร็จ", "30/09/69", "ปีไม่ชัดเจน"),
        ("ประเภท", "ภารกิจ", "ประเภท “ภารกิจ” ไม่ถูกต้อง"),
        ("ลำดับ", "หนึ่ง", "ลำดับต้องเป็นเลขจำนวนเต็มบวก"),
        ("งบประมาณ (บาท)", "-5", "งบประมาณต้องไม่ติดลบ"),
        ("ข้อคำถาม (รหัส)", "i99", "ไม่มีข้อคำถาม “i99”"),
    ],
)
def test_bad_cells_are_refused_with_row_and_column_and_change_nothing(
    staff, column, value, message
):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(row=2, column=columns(ws)[column] + 1, value=value)
    before = state()
    page = upload(staff, reverse("measures-import", kwargs=Y), wb).content.decode()
    assert "ยังไม่ได้นำเข้า ข้อมูลในระบบไม่เปลี่ยนแปลง" in page
    assert "แถว ๒" in page and message in page, page[page.find('role="alert"') :][:600]
    assert state() == before
    with scopes_disabled():
        assert not SheetUpload.objects.exists()


def test_a_formula_is_refused(staff):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    wb.active["C2"] = "=A1&B1"
    page = upload(staff, reverse("measures-import", kwargs=Y), wb).content.decode()
    assert "แถว ๒ คอลัมน์ C: เป็นสูตร" in page


def test_progress_round_trip(staff, org_a):
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    export = reverse("progress-export", kwargs={**Y, "pk": six.pk})
    url = reverse("progress-import", kwargs={**Y, "pk": six.pk})
    wb = download(staff, export)
    ws = wb.active
    col = columns(ws)
    assert ws.cell(row=2, column=col["สถานะ"] + 1).value == "ยังไม่ได้ดำเนินการ"
    ws.cell(row=2, column=col["สถานะ"] + 1, value="ดำเนินการแล้วเสร็จ")
    ws.cell(
        row=2, column=col["สรุปผลการดำเนินการ"] + 1, value="<p>จัดประชุมแล้ว</p><script>x()</script>"
    )
    ws.cell(row=2, column=col["วันที่แล้วเสร็จ"] + 1, value="๑๕/๐๓/๒๕๖๙")
    upload(staff, url, wb)
    with scopes_disabled():
        sheet = SheetUpload.objects.get()
    staff.post(url, {"confirm": sheet.pk})
    with scopes_disabled():
        progress = Progress.objects.get(round=six)
    assert progress.status == Status.DONE and progress.done_on == datetime.date(2026, 3, 15)
    assert progress.summary == "<p>จัดประชุมแล้ว</p>"


def test_progress_bad_status_and_unknown_measure(staff, org_a):
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    wb = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    ws = wb.active
    col = columns(ws)
    ws.cell(row=2, column=col["สถานะ"] + 1, value="เสร็จ")
    row = [None] * len(col)
    row[col["ลำดับ"]], row[col["ประเภท"]], row[col["สถานะ"]] = 9, "มาตรการ", "ดำเนินการแล้วเสร็จ"
    ws.append(row)
    page = upload(
        staff, reverse("progress-import", kwargs={**Y, "pk": six.pk}), wb
    ).content.decode()
    assert "สถานะ “เสร็จ” ไม่ถูกต้อง" in page and "ไม่มีมาตรการลำดับ ๙ ในปี ๒๕๖๙" in page
    with scopes_disabled():
        assert not Progress.objects.exists()


# --- export → import gives back exactly the text ---------------------------------------------

LOOKS_LIKE_FORMULA = ["=1+1", "+1", "-ข้อความ", "@x"]


def assert_text_cell_excel_will_not_evaluate(cell, text):
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def post_and_confirm(client, url, content):
    page = client.post(
        url, {"file": SimpleUploadedFile("m.xlsx", content, content_type=XLSX)}
    ).content.decode()
    assert "ตัวอย่างก่อนนำเข้า" in page, page[page.find('role="alert"') :][:600]
    with scopes_disabled():
        sheet = SheetUpload.objects.latest("pk")
    client.post(url, {"confirm": sheet.pk})


@pytest.mark.parametrize("text", LOOKS_LIKE_FORMULA)
def test_measure_text_that_looks_like_a_formula_round_trips_exactly(staff, org_a, text):
    measure = make_measure(org_a, number=2, title=text)
    with scopes_disabled():
        Measure.objects.filter(pk=measure.pk).update(target=text)
    response = staff.get(reverse("measures-export", kwargs=Y))
    ws = load_workbook(BytesIO(response.content)).active
    col = columns(ws)
    assert_text_cell_excel_will_not_evaluate(ws.cell(3, col["มาตรการ/โครงการ/กิจกรรม"] + 1), text)
    assert_text_cell_excel_will_not_evaluate(ws.cell(3, col["เป้าหมาย"] + 1), text)
    with scopes_disabled():
        Measure.objects.filter(pk=measure.pk).update(title="ชื่อชั่วคราว", target="")
    post_and_confirm(staff, reverse("measures-import", kwargs=Y), response.content)
    measure.refresh_from_db()
    assert (measure.title, measure.target) == (text, text)


@pytest.mark.parametrize("text", LOOKS_LIKE_FORMULA)
def test_progress_text_that_looks_like_a_formula_round_trips_exactly(staff, org_a, text):
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    with scopes_disabled():
        progress = Progress.objects.create(
            measure=Measure.objects.get(number=1), round=six, summary=text, suggestions=text
        )
    response = staff.get(reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    ws = load_workbook(BytesIO(response.content)).active
    col = columns(ws)
    assert_text_cell_excel_will_not_evaluate(ws.cell(2, col["สรุปผลการดำเนินการ"] + 1), text)
    assert_text_cell_excel_will_not_evaluate(ws.cell(2, col["ข้อเสนอแนะ/ปัญหาอุปสรรค"] + 1), text)
    with scopes_disabled():
        Progress.objects.filter(pk=progress.pk).update(summary="", suggestions="")
    post_and_confirm(
        staff, reverse("progress-import", kwargs={**Y, "pk": six.pk}), response.content
    )
    progress.refresh_from_db()
    assert (progress.summary, progress.suggestions) == (text, text)


def test_a_file_exported_before_quote_prefixes_imports_without_the_apostrophe(staff):
    """The old export wrote a literal ' before such text; Excel never keeps a typed one, so
    the apostrophe is the old export's and the text after it is what was meant."""
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(2, columns(ws)["มาตรการ/โครงการ/กิจกรรม"] + 1).value = "'-ควรมีการประชุม"
    out = BytesIO()
    wb.save(out)
    post_and_confirm(staff, reverse("measures-import", kwargs=Y), out.getvalue())
    with scopes_disabled():
        assert Measure.objects.get(number=1).title == "-ควรมีการประชุม"
