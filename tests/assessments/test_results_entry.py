"""Recording results: the browser form and the Excel workbook, good input and bad."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from assessments.models import (
    Assessment,
    AssessorSuggestion,
    ImportBatch,
    IndicatorScore,
    OITItemScore,
    QuestionScore,
    ToolScore,
)

from ..factories import record_results
from ..pages import element_ids, latin_words, posted_as_is

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@scopes_disabled()  # reads the whole database, every organisation
def db_state():
    return (
        Assessment.objects.count(),
        list(Assessment.objects.values_list("total_score", flat=True)),
        ToolScore.objects.count(),
        IndicatorScore.objects.count(),
        sorted(QuestionScore.objects.values_list("question__code", "part", "score")),
        OITItemScore.objects.count(),
        AssessorSuggestion.objects.count(),
        ImportBatch.objects.count(),
    )


def url(name, org="org-a", year=2568, **kw):
    return reverse(name, kwargs={"org": org, "year": year, **kw})


# --- the workbook ------------------------------------------------------------------------


@pytest.fixture
def staff(client, people):
    client.force_login(people["staff_a"])
    return client


def template(client):
    response = client.get(url("results-template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content))


def filled_template(client):
    wb = template(client)
    summary = wb["สรุป"]
    values = {"TOTAL": 92.89, "IIT": 99.25, "EIT-1": 95.89, "EIT-2": "77.78", "OIT": 98.75}
    for row in summary.iter_rows(min_row=2):
        row[2].value = values[row[0].value]
    for row in wb["IIT"].iter_rows(min_row=2):
        row[2].value = 98 if row[0].value.startswith("IND") else 97.33
    for row in wb["EIT"].iter_rows(min_row=2):
        row[2].value, row[3].value = 90.53, 70.00
        if row[0].value.startswith("IND"):
            row[4].value = 80.27
    for row in wb["OIT"].iter_rows(min_row=2):
        row[2].value = 100
    wb["ข้อเสนอแนะผู้ตรวจ"].append(["EIT", 2, "E4", "ควรปรับปรุงช่องทางการเผยแพร่ข้อมูล"])
    wb["EIT Survey"].append([1, "ควรให้ประชาชนมีส่วนร่วมและตรวจสอบการทำงานได้"])
    return wb


def upload(client, wb, name="ita.xlsx", org="org-a"):
    out = BytesIO()
    wb.save(out)
    return client.post(
        url("results-import", org=org),
        {"file": SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)},
    )


def test_template_has_a_sheet_per_tool_and_every_code(staff):
    wb = template(staff)
    assert wb.sheetnames == ["สรุป", "IIT", "EIT", "OIT", "ข้อเสนอแนะผู้ตรวจ", "EIT Survey"]
    codes = [r[0].value for r in wb["IIT"].iter_rows(min_row=2)]
    assert codes[:4] == ["IND1", "i1", "i2", "i3"] and "i15" in codes
    assert [c.value for c in wb["EIT"][1]] == [
        "รหัส",
        "รายการ",
        "คะแนน ส่วนที่ ๑",
        "คะแนน ส่วนที่ ๒",
        "คะแนนภาพรวม",
    ]
    assert sum(1 for r in wb["OIT"].iter_rows(min_row=2) if r[0].value.startswith("O")) == 28


def test_a_good_workbook_is_previewed_then_imported_on_confirmation(staff):
    before = db_state()
    response = upload(staff, filled_template(staff))
    assert response.status_code == 302
    preview = staff.get(response["Location"])
    page = preview.content.decode()
    assert "ไม่พบข้อผิดพลาด" in page and "i15" in page and "O28" in page
    # nothing is saved until confirmed (the pending batch is the only new row)
    assert db_state()[:7] == before[:7]
    staff.post(response["Location"], {"action": "confirm"})
    with scopes_disabled():
        assessment = Assessment.objects.get(organisation__code="org-a", framework__fiscal_year=2568)
        assert assessment.total_score == Decimal("92.89")
        assert QuestionScore.objects.filter(assessment=assessment).count() == 15 + 18
        e4 = QuestionScore.objects.get(assessment=assessment, question__code="e4", part=2)
        assert e4.score == 70
        assert OITItemScore.objects.filter(assessment=assessment).count() == 28
        eit = ToolScore.objects.get(assessment=assessment, tool__code="EIT", part=2)
        assert eit.score == Decimal("77.78")
        assert assessment.assessor_suggestions.get().code == "E4"
    assert assessment.survey_suggestions == ["ควรให้ประชาชนมีส่วนร่วมและตรวจสอบการทำงานได้"]
    # a confirmed batch cannot be applied twice
    again = staff.post(response["Location"], {"action": "confirm"}, follow=True)
    assert "ถูกนำเข้าหรือยกเลิกไปแล้ว" in again.content.decode()


def test_thai_digits_in_a_cell_are_read(staff):
    wb = filled_template(staff)
    wb["IIT"]["C3"].value = "๙๕.๑๗"  # row 3 is i1
    response = upload(staff, wb)
    staff.post(response["Location"], {"action": "confirm"})
    with scopes_disabled():
        i1 = QuestionScore.objects.get(question__framework__fiscal_year=2568, question__code="i1")
    assert i1.score == Decimal("95.17")


def _bad(staff, wb, *messages):
    before = db_state()
    response = upload(staff, wb)
    assert response.status_code == 200
    page = response.content.decode()
    for message in messages:
        assert message in page, message
    assert "ข้อมูลในระบบไม่เปลี่ยนแปลง" in page
    assert db_state() == before


def test_a_score_of_101_is_refused_with_row_and_column(staff):
    wb = filled_template(staff)
    wb["IIT"]["C4"].value = 101  # i2
    _bad(staff, wb, "ชีต “IIT” แถว ๔ คอลัมน์ C", "คะแนน ๑๐๑ อยู่นอกช่วง ๐–๑๐๐")


def test_a_code_not_in_the_years_framework_is_refused(staff):
    wb = filled_template(staff)
    wb["IIT"].append(["i16", "ข้อที่ไม่มี", 90])
    _bad(staff, wb, "คอลัมน์ A", "ไม่มีข้อ “i16” ในเครื่องมือ IIT ของกรอบการประเมินปี ๒๕๖๘")


@pytest.mark.parametrize("code", ["EIT-²", "EIT-٢", "EIT-3"])
def test_a_tool_part_that_is_not_one_of_the_tools_parts_is_refused(staff, code):
    """A part read by the one whole-number rule: "EIT-²" is refused like any unknown code,
    not taken for an error page."""
    wb = filled_template(staff)
    wb["สรุป"].append([code, "ส่วนที่ไม่มี", 90])
    _bad(staff, wb, "ชีต “สรุป”", f"ไม่มีเครื่องมือ “{code}” ในกรอบการประเมินปี ๒๕๖๘")


def test_a_missing_sheet_is_refused(staff):
    wb = filled_template(staff)
    del wb["OIT"]
    _bad(staff, wb, "ชีต “OIT”: ไม่พบชีตนี้ในไฟล์")


def test_a_formula_cell_is_refused(staff):
    wb = filled_template(staff)
    wb["EIT"]["C3"].value = "=AVERAGE(C4:C6)"
    _bad(staff, wb, "ชีต “EIT” แถว ๓ คอลัมน์ C: เป็นสูตร (=AVERAGE(C4:C6))")


def test_grouped_or_foreign_digits_in_a_cell_are_refused(staff):
    wb = filled_template(staff)
    wb["IIT"]["C4"].value = "1_00"  # i2; Python's Decimal would read 100
    wb["OIT"]["C3"].value = "٩٠"  # Arabic-Indic digits
    _bad(
        staff,
        wb,
        "ชีต “IIT” แถว ๔ คอลัมน์ C: i2 คะแนน: “1_00” ไม่ใช่ตัวเลขคะแนน",
        "ชีต “OIT” แถว ๓ คอลัมน์ C",
        "“٩٠” ไม่ใช่ตัวเลขคะแนน",
    )


def test_too_many_decimals_and_words_are_refused(staff):
    wb = filled_template(staff)
    wb["OIT"]["C3"].value = "85.125"
    wb["สรุป"]["C2"].value = "เก้าสิบ"
    _bad(staff, wb, "มีทศนิยมเกิน ๒ ตำแหน่ง", "ชีต “สรุป” แถว ๒ คอลัมน์ C", "ไม่ใช่ตัวเลขคะแนน")


def test_a_file_that_is_not_excel_is_refused(staff):
    before = db_state()
    response = staff.post(
        url("results-import"),
        {"file": SimpleUploadedFile("ita.xlsx", b"%PDF-1.7 not a workbook", content_type=XLSX)},
    )
    assert "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)" in response.content.decode()
    assert db_state() == before


def test_an_import_replaces_previous_results_whole(staff, org_a):
    record_results(org_a, 2568, total="50", items={"O1": "10"})
    response = upload(staff, filled_template(staff))
    staff.post(response["Location"], {"action": "confirm"})
    with scopes_disabled():
        o1 = OITItemScore.objects.get(item__code="O1", assessment__organisation=org_a)
    assert o1.score == 100


def test_staff_of_another_organisation_cannot_import_or_preview(client, people, org_a):
    client.force_login(people["staff_a"])
    response = upload(client, filled_template(client))
    preview = response["Location"]
    before = db_state()
    client.force_login(people["staff_b"])
    assert client.get(url("results-template")).status_code == 404
    assert upload(client, filled_b(client), org="org-a").status_code == 404
    assert client.post(preview, {"action": "confirm"}).status_code == 404
    # and org B's own URL does not reach org A's batch either
    batch = preview.rstrip("/").rsplit("/", 1)[1]
    other = reverse("results-import-preview", kwargs={"org": "org-b", "year": 2568, "batch": batch})
    assert client.post(other, {"action": "confirm"}).status_code == 404
    assert db_state() == before


def filled_b(client):
    response = client.get(url("results-template", org="org-b"))
    return load_workbook(BytesIO(response.content))


# --- the form ------------------------------------------------------------------------------


def form_data(**values):
    data = {
        "sug-TOTAL_FORMS": "0",
        "sug-INITIAL_FORMS": "0",
        "sug-MIN_NUM_FORMS": "0",
        "sug-MAX_NUM_FORMS": "1000",
        "survey": "",
    }
    data.update(values)
    return data


def test_the_form_saves_official_figures_as_given(staff):
    response = staff.post(
        url("results-edit"),
        form_data(
            **{
                "total": "๙๒.๘๙",
                "tool__IIT__0": "99.25",
                "ind__1__0": "98",
                "q__i1__0": "98.00",
                "q__i2__0": "96",
                "q__i3__0": "100",
                "q__e1__1": "88.77",
                "q__e1__2": "71.36",
                "item__O2": "50",
                "survey": "ข้อหนึ่ง\nข้อสอง\n",
            }
        ),
    )
    assert response.status_code == 302
    with scopes_disabled():
        a = Assessment.objects.get(organisation__code="org-a", framework__fiscal_year=2568)
        assert a.total_score == Decimal("92.89") and a.level.code == "A"
        assert a.survey_suggestions == ["ข้อหนึ่ง", "ข้อสอง"]
        assert QuestionScore.objects.filter(assessment=a).count() == 5
    results = staff.get(url("results")).content.decode()
    assert "๙๒.๘๙" in results and "ระดับ A (ผ่าน)" in results


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("total", "101", "คะแนนรวม: คะแนน ๑๐๑ อยู่นอกช่วง ๐–๑๐๐"),
        ("q__i2__0", "96.555", "ข้อ i2: คะแนน ๙๖.๕๕๕ มีทศนิยมเกิน ๒ ตำแหน่ง"),
        ("q__e4__2", "abc", "ข้อ e4 ส่วนที่ ๒: “abc” ไม่ใช่ตัวเลขคะแนน"),
        ("ind__6__1", "-1", "ตัวชี้วัดที่ ๖ ส่วนที่ ๑: คะแนน -๑ อยู่นอกช่วง ๐–๑๐๐"),
        ("q__i2__0", "1,00", "ข้อ i2: “๑,๐๐” ไม่ใช่ตัวเลขคะแนน"),
        ("total", "９０", "คะแนนรวม: “９０” ไม่ใช่ตัวเลขคะแนน"),
    ],
)
def test_bad_scores_in_the_form_change_nothing(staff, org_a, field, value, message):
    record_results(org_a, 2568, total="80", questions={("i2", 0): "70"})
    before = db_state()
    response = staff.post(url("results-edit"), form_data(**{"total": "90", field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert db_state() == before


def test_a_year_without_a_framework_is_404(staff):
    assert staff.get(url("results", year=2599)).status_code == 404


def test_a_suggestion_starting_with_a_dash_round_trips_exactly(staff):
    """A leading "-" is common in Thai documents: the template keeps it as quoted text (never
    a formula, no apostrophe added) and a re-import stores exactly it."""
    wb = filled_template(staff)
    wb["ข้อเสนอแนะผู้ตรวจ"].append(["IIT", 0, "I1", "-ควรเผยแพร่ข้อมูลให้ครบถ้วน"])
    staff.post(upload(staff, wb)["Location"], {"action": "confirm"})
    again = template(staff)
    cell = next(r[3] for r in again["ข้อเสนอแนะผู้ตรวจ"].iter_rows(min_row=2) if r[2].value == "I1")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("-ควรเผยแพร่ข้อมูลให้ครบถ้วน", "s", True)
    staff.post(upload(staff, again)["Location"], {"action": "confirm"})
    with scopes_disabled():
        texts = list(AssessorSuggestion.objects.values_list("text", flat=True))
    assert "-ควรเผยแพร่ข้อมูลให้ครบถ้วน" in texts and not any(t.startswith("'") for t in texts)


# --- the form as delivered, in Thai --------------------------------------------------------


def test_the_form_saves_as_delivered_with_its_blank_suggestion_rows(staff):
    data = posted_as_is(staff.get(url("results-edit")).content)
    assert (data["sug-0-tool"], data["sug-1-tool"]) == ("IIT", "IIT")  # selects come filled in
    data["total"] = "90"
    response = staff.post(url("results-edit"), data)
    assert response.status_code == 302
    with scopes_disabled():
        assessment = Assessment.objects.get(organisation__code="org-a", framework__fiscal_year=2568)
        assert assessment.total_score == Decimal("90.00")
        assert not AssessorSuggestion.objects.exists()


def test_a_suggestion_row_typed_in_is_saved(staff):
    data = posted_as_is(staff.get(url("results-edit")).content)
    data.update({"sug-0-tool": "EIT", "sug-0-code": "e1", "sug-0-text": "ควรเผยแพร่ช่องทาง"})
    assert staff.post(url("results-edit"), data).status_code == 302
    with scopes_disabled():
        saved = list(AssessorSuggestion.objects.values_list("tool__code", "code", "text"))
    assert saved == [("EIT", "e1", "ควรเผยแพร่ช่องทาง")]


def test_every_refusal_on_the_form_is_thai_and_listed_with_links(staff, people):
    data = posted_as_is(staff.get(url("results-edit")).content)
    data.update(
        {
            "total": "abc",
            "sug-0-code": "i1",  # a code without the suggestion itself
            "sug-1-tool": "XYZ",
            "sug-1-code": "i12345678901",
            "sug-1-text": "ข้อเสนอแนะ",
        }
    )
    before = db_state()
    response = staff.post(url("results-edit"), data, HTTP_ACCEPT_LANGUAGE="en-US,en")
    page = response.content.decode()
    assert response.status_code == 200 and db_state() == before
    typed = ["XYZ", "abc"]
    framework_names = ["E-Service", "No Gift Policy"]  # O-item names as the NACC writes them
    assert latin_words(page, allowed=[people["staff_a"], *typed, *framework_names]) == []
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    for field_id in ("id_total", "id_sug-0-text", "id_sug-1-tool", "id_sug-1-code"):
        assert f'href="#{field_id}"' in summary
        assert field_id in element_ids(page)
    assert "ข้อเสนอแนะจากผู้ตรวจ แถวที่ ๑" in summary and "คะแนนรวม" in summary
