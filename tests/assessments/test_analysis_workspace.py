"""The analysis workspace in the browser: drafting, editing, issues, the guideline library."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessments.analysis import analysis_draft
from assessments.models import AnalysisText, Guideline, ImprovementIssue

from ..factories import record_results

pytestmark = pytest.mark.django_db
A = {"org": "org-a", "year": 2568}


@pytest.fixture
def assessment(org_a):
    return record_results(
        org_a,
        2568,
        indicators={(1, 0): "90", (7, 0): "78.10", (9, 0): "97.25"},
        questions={
            ("i1", 0): "98",
            ("i2", 0): "82",
            ("i3", 0): "100",
            ("e4", 1): "88.77",
            ("e4", 2): "71.36",
            ("e5", 1): "90.53",
            ("e5", 2): "70.00",
            ("e6", 1): "96.49",
            ("e6", 2): "100.00",
        },
        items={"O1": "100", "O2": "50"},
    )


def test_staff_draft_then_see_the_workspace(client, people, assessment):
    client.force_login(people["staff_a"])
    page = client.get(reverse("analysis", kwargs=A)).content.decode()
    assert "ร่างการวิเคราะห์จากข้อมูล" in page
    client.post(reverse("analysis-draft", kwargs=A))
    page = client.get(reverse("analysis", kwargs=A)).content.decode()
    assert "<svg" in page and "ค่าเป้าหมาย ๘๕" in page  # the ranking chart
    assert "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร" in page
    assert "ข้อ OIT ที่ยังไม่ได้คะแนนเต็ม" in page and "O2 ข้อมูลผู้บริหาร" in page
    assert "สร้างประเด็นที่ต้องยกระดับ" in page
    with scopes_disabled():
        assert "ข้อ i๒" in AnalysisText.objects.get(key="narrative:1").text


def test_the_drafting_message_counts_in_the_pages_digits(client, people, assessment):
    import re

    client.force_login(people["staff_a"])
    page = client.post(reverse("analysis-draft", kwargs=A), follow=True).content.decode()
    message = re.search(r"ร่างจากข้อมูลแล้ว:[^<]*", page).group()
    assert re.search("[๑-๙]", message) and not re.search("[0-9]", message), message


def test_executive_reads_but_cannot_draft(client, people, assessment):
    analysis_draft(assessment)
    client.force_login(people["exec_a"])
    page = client.get(reverse("analysis", kwargs=A)).content.decode()
    assert "การวิเคราะห์ตัวชี้วัดที่ ๑" in page
    assert "ร่างใหม่จากข้อมูลล่าสุด" not in page
    assert client.post(reverse("analysis-draft", kwargs=A)).status_code == 403


def test_an_edited_narrative_survives_a_redraft_unless_replaced(client, people, assessment):
    analysis_draft(assessment)
    client.force_login(people["staff_a"])
    edit_url = reverse("analysis-indicator", kwargs={**A, "number": 1})
    with scopes_disabled():
        texts = AnalysisText.objects.filter(assessment=assessment, indicator__number=1)
        data = {t.key: t.text for t in texts}
    data["narrative:1"] = "การวิเคราะห์ที่เจ้าหน้าที่เขียนเอง\u200b\x07"
    assert client.post(edit_url, data).status_code == 302
    with scopes_disabled():
        narrative = AnalysisText.objects.get(key="narrative:1")
    assert narrative.text == "การวิเคราะห์ที่เจ้าหน้าที่เขียนเอง" and narrative.edited

    record_results(
        assessment.organisation,
        2568,
        indicators={(1, 0): "60"},
        questions={("i1", 0): "50", ("i2", 0): "82", ("i3", 0): "100"},
    )
    confirm = client.get(reverse("analysis-draft", kwargs=A)).content.decode()
    assert "การวิเคราะห์ที่เจ้าหน้าที่เขียนเอง" in confirm  # asked about, by content
    client.post(reverse("analysis-draft", kwargs=A))
    narrative.refresh_from_db()
    assert narrative.text == "การวิเคราะห์ที่เจ้าหน้าที่เขียนเอง"
    client.post(reverse("analysis-draft", kwargs=A), {"replace_edited": "1"})
    narrative.refresh_from_db()
    assert "ข้อ i๑" in narrative.text and not narrative.edited


def test_an_issue_is_drafted_from_a_weak_indicator(client, people, assessment):
    client.force_login(people["staff_a"])
    new = reverse("issue-new", kwargs=A)
    form = client.get(new + "?indicator=7").content.decode()
    assert 'value="ประสิทธิภาพการสื่อสาร"' in form
    framework = assessment.framework
    e4 = framework.questions.get(code="e4")
    response = client.post(
        new,
        {
            "number": 1,
            "title": "ช่องทางและรูปแบบการประชาสัมพันธ์",
            "indicators": [framework.indicators.get(number=7).pk],
            "questions": [e4.pk],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        issue = ImprovementIssue.objects.get(assessment=assessment)
    assert list(issue.questions.all()) == [e4]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"number": 1, "title": "ประเด็น"}, "กรุณาเลือกตัวชี้วัด ข้อคำถาม หรือข้อ OIT"),
        ({"number": 1, "title": "   ", "indicators": ["$ind7"]}, "กรุณาระบุชื่อประเด็น"),
        ({"number": 5, "title": "ซ้ำ", "indicators": ["$ind7"]}, "มีประเด็นหมายเลขนี้แล้ว"),
    ],
)
def test_bad_issues_are_refused_in_thai(client, people, assessment, data, message):
    ImprovementIssue.objects.create(assessment=assessment, number=5, title="มีอยู่แล้ว")
    ind7 = assessment.framework.indicators.get(number=7).pk
    data = {k: [ind7] if v == ["$ind7"] else v for k, v in data.items()}
    client.force_login(people["staff_a"])
    response = client.post(reverse("issue-new", kwargs=A), data)
    assert response.status_code == 200 and message in response.content.decode()
    with scopes_disabled():
        assert ImprovementIssue.objects.filter(assessment=assessment).count() == 1


def test_organisation_guidelines_extend_the_library_for_that_organisation_only(
    client, people, org_a, org_b
):
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("guidelines", kwargs={"org": "org-a"}),
        {"indicator_number": 7, "code": "e4", "fiscal_year": "", "text": "ทำป้ายประกาศหน้าสำนักงาน"},
    )
    assert response.status_code == 302
    assert Guideline.objects.get(organisation=org_a).code == "e4"
    client.force_login(people["staff_b"])
    page = client.get(reverse("guidelines", kwargs={"org": "org-b"})).content.decode()
    assert "ทำป้ายประกาศหน้าสำนักงาน" not in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({"indicator_number": 11, "text": "x"}, "ตัวชี้วัดที่ ๑๑ ไม่มีในกรอบการประเมินปีใด"),
        ({"indicator_number": 1, "fiscal_year": 2025, "text": "x"}, "ปีงบประมาณต้องเป็นปี พ.ศ."),
        ({"indicator_number": 1, "text": "\u200b "}, "กรุณาระบุแนวทาง"),
    ],
)
def test_bad_guidelines_are_refused(client, people, data, message):
    client.force_login(people["staff_a"])
    response = client.post(reverse("guidelines", kwargs={"org": "org-a"}), data)
    assert message in response.content.decode()
    assert not Guideline.objects.filter(organisation__isnull=False).exists()


def test_a_supervisor_cannot_add_guidelines(client, people):
    client.force_login(people["supervisor"])
    response = client.post(
        reverse("guidelines", kwargs={"org": "org-a"}), {"indicator_number": 1, "text": "x"}
    )
    assert response.status_code == 403
