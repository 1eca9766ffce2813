"""The Excel round trip of measures and of a round's progress (django-import-export)."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from assessments.models import ImportJob
from measures.models import Measure, Progress, Status
from measures.services import standard_rounds

from ..factories import make_measure

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


def lists_of(wb):
    """{column heading: (values offered, strict)} of the active sheet's drop-down lists, read
    from the hidden sheet the rules point at."""
    from kernel.xlsx import LISTS_SHEET

    ws, store = wb.active, wb[LISTS_SHEET]
    assert store.sheet_state == "hidden" and wb.active.title != LISTS_SHEET
    found = {}
    for rule in ws.data_validations.dataValidation:
        (target,) = str(rule.sqref).split()
        first, last = target.split(":")
        heading = ws[f"{first.rstrip('0123456789')}1"].value
        source = rule.formula1.split("!")[1].replace("$", "")
        values = [c.value for row in store[source] for c in row]
        assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) > ws.max_row  # room for new rows
        found[heading] = (values, rule.errorStyle == "stop")
    return found


def test_the_workbooks_offer_drop_down_lists_for_kinds_statuses_and_units(staff, org_a):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    assert wb.active.title == "มาตรการ"
    lists = lists_of(wb)
    assert lists["ประเภท"] == ([str(label) for _v, label in Measure.Kind.choices], True)
    units, strict = lists["ผู้รับผิดชอบ (ส่วนงาน)"]
    with scopes_disabled():
        assert set(units) == set(org_a.unit_set.values_list("name", flat=True)) and not strict
    # the lists' sheet is never read as data: the exported file imports unchanged
    upload(staff, reverse("measures-import", kwargs=Y), wb)
    with scopes_disabled():
        assert ImportJob.objects.get().state == ImportJob.State.CHECKED

    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    wb = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    assert lists_of(wb)["สถานะ"] == ([str(label) for _v, label in Status.choices], True)


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
        sheet = ImportJob.objects.get()
    for tampered in ("abc", "²"):  # a hidden field changed by hand: not found, nothing saved
        assert staff.post(url, {"confirm": tampered}).status_code == 404
    assert state() == before
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
        assert not ImportJob.objects.exists()


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
        sheet = ImportJob.objects.get()
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
        sheet = ImportJob.objects.latest("pk")
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


# --- imports go through the services: history, and no silent overwrite ----------------------

VERSION = "ฉบับข้อมูล (ไม่ต้องแก้)"


def save(wb):
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def preview(client, url, content):
    return client.post(
        url, {"file": SimpleUploadedFile("m.xlsx", content, content_type=XLSX)}
    ).content.decode()


@scopes_disabled()  # the test's own look at the database
def first_measure():
    return Measure.objects.get(number=1, kind="measure")


@scopes_disabled()
def uploads():
    return list(ImportJob.objects.all())


@scopes_disabled()
def progress_of(progress_round):
    return Progress.objects.get(round=progress_round)


def someone_else_saves(measure, title):
    """Another member saves the measure on its page, from the version stored now."""
    from measures.services import measure_save

    from ..factories import make_user

    other = make_user("staff-a2", member_of=[(measure.organisation, "staff")])
    with scopes_disabled():  # what the other person's page shows
        measure = Measure.objects.get(pk=measure.pk)
        steps = [s.text for s in measure.steps.all()]
    measure.title = title
    return measure_save(measure=measure, steps=steps, expected_version=measure.version, user=other)


def test_each_export_carries_the_records_version_in_its_last_column(staff, org_a):
    someone_else_saves(first_measure(), "แก้ชื่อแล้ว")  # version 2 now
    ws = download(staff, reverse("measures-export", kwargs=Y)).active
    assert ws.cell(1, ws.max_column).value == VERSION
    assert ws.cell(2, ws.max_column).value == 2
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    ws = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk})).active
    assert ws.cell(1, ws.max_column).value == VERSION
    assert ws.cell(2, ws.max_column).value == 0  # no progress recorded yet


def test_an_import_saves_measures_and_steps_through_the_service_with_history(staff, people, org_a):
    from measures.models import MeasureStep

    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    col = columns(ws)
    ws.cell(2, col["ขั้นตอนหรือวิธีการปฏิบัติ"] + 1, value="๑. ขั้นแรก\n๒. ขั้นที่สองแก้แล้ว\n๓. ขั้นใหม่")
    new = [None] * len(col)
    new[col["ลำดับ"]], new[col["ประเภท"]] = 2, "โครงการ"
    new[col["มาตรการ/โครงการ/กิจกรรม"]] = "โครงการใหม่จาก Excel"
    new[col["ขั้นตอนหรือวิธีการปฏิบัติ"]] = "๑. ประชุม\n๒. รายงานผล"
    ws.append(new)
    post_and_confirm(staff, url, save(wb))

    importer = people["staff_a"]
    with scopes_disabled():
        changed = Measure.objects.get(number=1, kind="measure")
        created = Measure.objects.get(number=2, kind="project")
        changed_steps, created_steps = list(changed.steps.all()), list(created.steps.all())
    assert changed.version == 2 and created.version == 1
    assert changed.history.latest().history_user == importer
    assert created.history.latest().history_user == importer
    assert [s.text for s in changed_steps] == ["ขั้นแรก", "ขั้นที่สองแก้แล้ว", "ขั้นใหม่"]
    for step in [*changed_steps[1:], *created_steps]:
        record = MeasureStep.history.filter(id=step.pk).latest()
        assert record.history_user == importer, step


def test_an_import_of_a_file_exported_before_someone_else_saved_is_refused(staff):
    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(2, columns(ws)["เป้าหมาย"] + 1, value="เป้าหมายจากไฟล์")
    someone_else_saves(first_measure(), "ชื่อที่อีกคนแก้")
    before = state()
    page = preview(staff, url, save(wb))
    assert "ยังไม่ได้นำเข้า ข้อมูลในระบบไม่เปลี่ยนแปลง" in page
    assert f"แถว ๒ คอลัมน์ R ({VERSION}): มาตรการนี้มีผู้แก้ไขหลังจากส่งออกไฟล์" in page, page[
        page.find('role="alert"') :
    ][:800]
    assert "คุณ staff-a2" in page and "“=HYPERLINK(&quot;x&quot;)” → “ชื่อที่อีกคนแก้”" in page
    assert "กรุณาส่งออกใหม่" in page
    assert state() == before and not uploads()
    assert first_measure().target == ""


def test_a_save_between_preview_and_confirmation_refuses_the_confirmation(staff):
    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(2, columns(ws)["เป้าหมาย"] + 1, value="เป้าหมายจากไฟล์")
    assert "ตัวอย่างก่อนนำเข้า" in preview(staff, url, save(wb))
    someone_else_saves(first_measure(), "ชื่อที่อีกคนแก้")
    page = staff.post(url, {"confirm": uploads()[0].pk}).content.decode()
    assert "มาตรการนี้มีผู้แก้ไขหลังจากส่งออกไฟล์" in page
    measure = first_measure()
    assert (measure.title, measure.target) == ("ชื่อที่อีกคนแก้", "")
    assert uploads()[0].state == ImportJob.State.FAILED


def test_a_row_without_a_version_is_new_and_may_not_take_an_existing_number(staff):
    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    col = columns(ws)
    ws.cell(2, col[VERSION] + 1).value = None
    ws.cell(2, col["มาตรการ/โครงการ/กิจกรรม"] + 1, value="มาตรการใหม่ที่ใช้ลำดับซ้ำ")
    before = state()
    page = preview(staff, url, save(wb))
    assert f"แถว ๒ คอลัมน์ R ({VERSION}): มีมาตรการลำดับนี้ในระบบแล้ว" in page, page[
        page.find('role="alert"') :
    ][:800]
    assert state() == before


@pytest.mark.parametrize("value", ["ฉบับสอง", "-1", "1.5"])
def test_a_version_cell_that_is_not_a_version_is_refused(staff, value):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(2, columns(ws)[VERSION] + 1, value=value)
    page = preview(staff, reverse("measures-import", kwargs=Y), save(wb))
    assert f"แถว ๒ คอลัมน์ R ({VERSION}): ฉบับข้อมูล “{value}” ไม่ถูกต้อง" in page
    assert not uploads()


def test_a_file_exported_before_versions_imports_with_a_warning(staff):
    url = reverse("measures-import", kwargs=Y)
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.delete_cols(columns(ws)[VERSION] + 1)
    ws.cell(2, columns(ws)["มาตรการ/โครงการ/กิจกรรม"] + 1, value="ชื่อจากไฟล์เก่า")
    someone_else_saves(first_measure(), "ชื่อที่อีกคนแก้")
    page = preview(staff, url, save(wb))
    assert "ตัวอย่างก่อนนำเข้า" in page
    assert f"ไฟล์นี้ไม่มีคอลัมน์ “{VERSION}”" in page
    staff.post(url, {"confirm": uploads()[0].pk})
    assert first_measure().title == "ชื่อจากไฟล์เก่า"


def test_rows_left_as_exported_are_not_written(staff):
    url = reverse("measures-import", kwargs=Y)
    response = staff.get(reverse("measures-export", kwargs=Y))
    measure = first_measure()
    records = measure.history.count()
    page = preview(staff, url, response.content)
    assert "ไม่เปลี่ยน ๑" in page and "<td>ไม่เปลี่ยน</td>" in page
    staff.post(url, {"confirm": uploads()[0].pk})
    measure = first_measure()
    assert measure.version == 1 and measure.history.count() == records


def test_a_measure_twice_in_one_file_is_refused(staff):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.append([c.value for c in ws[2]])
    ws.cell(3, columns(ws)["มาตรการ/โครงการ/กิจกรรม"] + 1, value="ชื่ออื่น")
    before = state()
    page = preview(staff, reverse("measures-import", kwargs=Y), save(wb))
    assert "แถว ๓ คอลัมน์ A (ลำดับ): มาตรการลำดับ ๑ อยู่ในแถว ๒ แล้ว" in page, page[
        page.find('role="alert"') :
    ][:800]
    assert state() == before


# --- the progress import: through progress_save_round -----------------------------------------


@pytest.fixture
def six(org_a):
    return standard_rounds(organisation=org_a, fiscal_year=2569)[0]


def someone_else_reports(six, summary):
    from measures.services import ProgressInput, progress_save_round

    from ..factories import make_user

    other = make_user("staff-a2", member_of=[(six.organisation, "staff")])
    with scopes_disabled():  # what the other person's page shows
        measure = Measure.objects.get(number=1)
        stored = Progress.objects.filter(measure=measure, round=six).first()
    entry = ProgressInput(
        measure=measure,
        status=Status.IN_PROGRESS,
        summary=summary,
        expected_version=stored.version if stored else 0,
    )
    progress_save_round(progress_round=six, entries=[entry], user=other)


def test_the_progress_import_leaves_history_by_the_importer(staff, people, six):
    url = reverse("progress-import", kwargs={**Y, "pk": six.pk})
    wb = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    ws = wb.active
    ws.cell(2, columns(ws)["สรุปผลการดำเนินการ"] + 1, value="ประชุมแล้ว")
    post_and_confirm(staff, url, save(wb))
    progress = progress_of(six)
    assert (progress.summary, progress.version) == ("ประชุมแล้ว", 1)
    assert progress.history.latest().history_user == people["staff_a"]
    assert progress.updated_by == people["staff_a"]


def test_the_progress_import_refuses_a_row_someone_else_changed_since_the_export(staff, six):
    url = reverse("progress-import", kwargs={**Y, "pk": six.pk})
    wb = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    ws = wb.active
    ws.cell(2, columns(ws)["สรุปผลการดำเนินการ"] + 1, value="ข้อความจากไฟล์")
    someone_else_reports(six, "ข้อความของอีกคน")
    before = state()
    page = preview(staff, url, save(wb))
    column = get_column_letter(columns(ws)[VERSION] + 1)
    assert f"แถว ๒ คอลัมน์ {column} ({VERSION}): ความก้าวหน้าของมาตรการนี้มีผู้แก้ไขหลังจากส่งออกไฟล์" in (
        page
    ), page[page.find('role="alert"') :][:800]
    assert "“—” → “ข้อความของอีกคน”" in page and "กรุณาส่งออกใหม่" in page
    assert state() == before and not uploads()


def test_a_progress_row_left_as_exported_keeps_the_other_persons_work(staff, six):
    url = reverse("progress-import", kwargs={**Y, "pk": six.pk})
    response = staff.get(reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    someone_else_reports(six, "ข้อความของอีกคน")
    page = preview(staff, url, response.content)
    assert "ไม่เปลี่ยน ๑" in page
    staff.post(url, {"confirm": uploads()[0].pk})
    assert progress_of(six).summary == "ข้อความของอีกคน"


def test_a_progress_file_exported_before_versions_imports_with_a_warning(staff, six):
    url = reverse("progress-import", kwargs={**Y, "pk": six.pk})
    wb = download(staff, reverse("progress-export", kwargs={**Y, "pk": six.pk}))
    ws = wb.active
    ws.delete_cols(columns(ws)[VERSION] + 1)
    ws.cell(2, columns(ws)["สรุปผลการดำเนินการ"] + 1, value="ข้อความจากไฟล์เก่า")
    someone_else_reports(six, "ข้อความของอีกคน")
    page = preview(staff, url, save(wb))
    assert f"ไฟล์นี้ไม่มีคอลัมน์ “{VERSION}”" in page
    staff.post(url, {"confirm": uploads()[0].pk})
    assert progress_of(six).summary == "ข้อความจากไฟล์เก่า"


@pytest.mark.parametrize(
    "column",
    [
        "ระยะเวลา",
        "ผู้รับผิดชอบ (ตามที่เขียน)",
        "การรายงานผลและการกำกับติดตาม",
        "เป้าหมาย",
        "งบประมาณ (บาท)",
        "วันเริ่ม",
        "ผู้รับผิดชอบ (ส่วนงาน)",
        "ตัวชี้วัด (เลข)",
    ],
)
def test_an_empty_optional_cell_is_not_an_error(staff, column):
    """Issue 14 point 6: an empty period once ended in the English "NOT NULL constraint
    failed". Every optional cell may be left empty: the row imports with it empty."""
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(row=2, column=columns(ws)[column] + 1, value=None)
    page = upload(staff, reverse("measures-import", kwargs=Y), wb).content.decode()
    assert "ยังไม่ได้นำเข้า" not in page and "NOT NULL" not in page
    with scopes_disabled():
        job = ImportJob.objects.get()
    assert job.state == ImportJob.State.CHECKED
    assert staff.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk}).status_code == 302
    with scopes_disabled():
        assert ImportJob.objects.get().state == ImportJob.State.DONE


def test_the_issue_a_measure_answers_goes_out_and_comes_back(staff, org_a):
    """Issue 14 point 6: the workbook carries every field a document prints; the ที่มา/ประเด็น
    text (R1's steps cell, R4's first column) was missing."""
    measure = first_measure()
    with scopes_disabled():
        measure.rationale = "<p>จากผลการประเมิน ITA ตัวชี้วัดที่ ๙.๔ ประเด็น การบริหารบุคคล</p>"
        measure.save()
    url = reverse("measures-import", kwargs=Y)
    response = staff.get(reverse("measures-export", kwargs=Y))
    ws = load_workbook(BytesIO(response.content)).active
    column = columns(ws)["ที่มา/ประเด็นจากผลการประเมิน"] + 1
    assert "ตัวชี้วัดที่ ๙.๔" in ws.cell(row=2, column=column).value
    assert "ไม่เปลี่ยน ๑" in preview(staff, url, response.content)  # as exported: unchanged
    ws.cell(row=2, column=column, value="จากผลการประเมิน ITA ตัวชี้วัดที่ ๒ การใช้งบประมาณ")
    out = BytesIO()
    ws.parent.save(out)
    with scopes_disabled():
        ImportJob.objects.all().delete()  # the first preview's job, never confirmed
    page = preview(staff, url, out.getvalue())
    assert "ปรับปรุง ๑" in page
    # the preview names what changes, and only that
    assert 'ปรับปรุง: <span class="changes">ที่มา/ประเด็นจากผลการประเมิน</span>' in page
    staff.post(url, {"confirm": uploads()[0].pk})
    assert "ตัวชี้วัดที่ ๒ การใช้งบประมาณ" in first_measure().rationale


DEADLINES = "กำหนดการรายงานและติดตาม (บรรทัดละรายการ: วันที่ สิ่งที่ต้องรายงาน)"


def test_dated_checkpoints_go_out_and_come_back_one_a_line(staff):
    """Issue 14 point 6: a paper report's checkpoints typed into one cell, one a line."""
    from measures.models import MeasureDeadline

    url = reverse("measures-import", kwargs=Y)
    measure = first_measure()
    with scopes_disabled():
        MeasureDeadline.objects.create(
            measure=measure, label="รายงานรอบ ๖ เดือน", due_date=datetime.date(2026, 3, 31)
        )
    response = staff.get(reverse("measures-export", kwargs=Y))
    wb = load_workbook(BytesIO(response.content))
    ws = wb.active
    column = columns(ws)[DEADLINES] + 1
    assert ws.cell(row=2, column=column).value == "31/03/2569 รายงานรอบ ๖ เดือน"
    assert "ไม่เปลี่ยน ๑" in preview(staff, url, response.content)
    with scopes_disabled():
        ImportJob.objects.all().delete()

    ws.cell(
        row=2,
        column=column,
        value="๓๑/๐๓/๒๕๖๙ รายงานรอบ ๖ เดือน\n\n30/09/2026 รายงานรอบ ๑๒ เดือน\n๑๕/๐๘/๒๕๖๙ ประชุมติดตาม",
    )
    out = BytesIO()
    wb.save(out)
    page = preview(staff, url, out.getvalue())
    assert "ปรับปรุง ๑" in page
    assert 'ปรับปรุง: <span class="changes">กำหนดการรายงานของมาตรการ</span>' in page
    staff.post(url, {"confirm": uploads()[0].pk})
    with scopes_disabled():
        saved = list(first_measure().deadlines.values_list("due_date", "label"))
    assert saved == [
        (datetime.date(2026, 3, 31), "รายงานรอบ ๖ เดือน"),
        (datetime.date(2026, 8, 15), "ประชุมติดตาม"),
        (datetime.date(2026, 9, 30), "รายงานรอบ ๑๒ เดือน"),
    ]


@pytest.mark.parametrize(
    "value,message",
    [
        ("31/02/2569 รายงาน", "บรรทัดที่ ๑: ไม่มีวันที่ ๓๑ เดือน ๒"),
        ("31/03/2569 รายงาน\n30/09/2569", "บรรทัดที่ ๒: ใส่สิ่งที่ต้องรายงานหรือแล้วเสร็จต่อจากวันที่"),
        ("รายงานผลรอบ ๖ เดือน", "บรรทัดที่ ๑:"),
        ("\n".join(["31/03/2569 รายงาน"] * 21), "กำหนดการมีได้ไม่เกิน ๒๐ บรรทัด"),
        (f"31/03/2569 {'ก' * 201}", "ข้อความยาวเกิน ๒๐๐ ตัวอักษร"),
    ],
)
def test_bad_checkpoints_are_refused_in_thai_and_change_nothing(staff, value, message):
    wb = download(staff, reverse("measures-export", kwargs=Y))
    ws = wb.active
    ws.cell(row=2, column=columns(ws)[DEADLINES] + 1, value=value)
    before = state()
    page = upload(staff, reverse("measures-import", kwargs=Y), wb).content.decode()
    assert "ยังไม่ได้นำเข้า ข้อมูลในระบบไม่เปลี่ยนแปลง" in page
    assert message in page, page[page.find('role="alert"') :][:600]
    assert f"({DEADLINES})" in page
    assert state() == before
