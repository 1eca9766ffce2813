"""Cloning a framework to a new year, and editing one that results already use."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Assessment, Framework, OITItem, Question, Tool, framework_in_use
from assessments.services import framework_clone, framework_to_data

pytestmark = pytest.mark.django_db


def _counts():
    return (Framework.objects.count(), Question.objects.count(), OITItem.objects.count())


def test_clone_is_a_full_independent_copy():
    source = Framework.objects.get(fiscal_year=2568)
    clone = framework_clone(source=source, fiscal_year=2569)
    assert clone.cloned_from == source
    a, b = framework_to_data(source), framework_to_data(clone)
    for key in ("tools", "indicators", "sub_indicators", "questions", "oit_items"):
        assert a[key] == b[key]
    question = clone.questions.get(code="e4")
    question.text = "ข้อคำถามที่แก้ไขสำหรับปี ๒๕๖๙"
    question.full_clean()
    question.save()
    assert source.questions.get(code="e4").text.startswith("หน่วยงานมีช่องทางการเผยแพร่")


def test_clone_refuses_a_year_that_exists():
    before = _counts()
    with pytest.raises(ValidationError):
        framework_clone(source=Framework.objects.get(fiscal_year=2568), fiscal_year=2566)
    assert _counts() == before


@pytest.fixture
def used_2568(org_a):
    framework = Framework.objects.get(fiscal_year=2568)
    assert not framework_in_use(framework)
    Assessment.objects.create(organisation=org_a, framework=framework, total_score=Decimal("92.89"))
    assert framework_in_use(framework)
    return framework


def test_structure_of_a_used_framework_is_frozen(used_2568):
    question = used_2568.questions.get(code="e4")
    question.code = "e44"
    with pytest.raises(ValidationError, match="มีผลการประเมินใช้อยู่แล้ว"):
        question.save()
    tool = used_2568.tools.get(code="OIT")
    tool.weight = Decimal("35")
    with pytest.raises(ValidationError, match="เปลี่ยนรหัส ลำดับ น้ำหนัก"):
        tool.full_clean()
    with pytest.raises(ValidationError, match="ลบรายการ"):
        used_2568.oit_items.get(code="O2").delete()
    extra = Question(
        framework=used_2568, indicator=question.indicator, code="e10", number=10, text="ข้อใหม่"
    )
    with pytest.raises(ValidationError, match="เพิ่มรายการ"):
        extra.full_clean()
    assert Question.objects.get(pk=question.pk).code == "e4"
    assert Tool.objects.get(pk=tool.pk).weight == Decimal("40")
    assert used_2568.oit_items.filter(code="O2").exists()


def test_wording_of_a_used_framework_can_be_corrected_and_is_kept_in_history(used_2568):
    question = used_2568.questions.get(code="e4")
    old = question.text
    question.text = old + " (แก้คำผิด)"
    question.full_clean()
    question.save()
    assert question.history.count() == 2
    assert question.history.earliest().text == old


def test_an_unused_framework_stays_editable():
    framework = Framework.objects.get(fiscal_year=2566)
    tool = framework.tools.get(code="IIT")
    tool.weight = Decimal("30")
    tool.full_clean()
    tool.save()
    assert Tool.objects.get(pk=tool.pk).weight == Decimal("30")


def test_the_admin_shows_structure_read_only_once_used(client, people, used_2568):
    client.force_login(people["admin"])
    item = used_2568.oit_items.get(code="O2")
    page = client.get(reverse("admin:assessments_oititem_change", args=[item.pk])).content.decode()
    assert 'name="code"' not in page  # read-only
    assert 'name="name"' in page  # wording still editable


def _clone_post(client, framework, year):
    return client.post(
        reverse("admin:assessments_framework_changelist"),
        {"action": "clone_to_new_year", "_selected_action": [framework.pk], "fiscal_year": year},
    )


def test_admin_clones_to_a_new_year(client, people):
    client.force_login(people["admin"])
    response = _clone_post(client, Framework.objects.get(fiscal_year=2568), "๒๕๖๙")
    assert response.status_code == 302
    assert Framework.objects.get(fiscal_year=2569).oit_items.count() == 28


@pytest.mark.parametrize(
    "typed,message",
    [
        ("2026", "ไม่ใช่ปี พ.ศ. ที่เป็นไปได้"),  # a CE year is refused, not converted
        ("69", "ปี พ.ศ. ๔ หลัก"),
        ("25x9", "ปี พ.ศ. ๔ หลัก"),
        ("2566", "มีกรอบการประเมินปี ๒๕๖๖ อยู่แล้ว"),
    ],
)
def test_admin_clone_refuses_bad_years_and_changes_nothing(client, people, typed, message):
    client.force_login(people["admin"])
    before = _counts()
    response = _clone_post(client, Framework.objects.get(fiscal_year=2568), typed)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


def test_a_score_row_alone_marks_the_framework_in_use(org_a):
    """Found through the score's own (hidden) relation, not only through the assessment."""
    from assessments.models import QuestionScore
    from assessments.results import assessment_for_year

    framework = Framework.objects.get(fiscal_year=2568)
    other_year = assessment_for_year(org_a, Framework.objects.get(fiscal_year=2566))
    assert not framework_in_use(framework)
    QuestionScore.objects.create(
        assessment=other_year, question=framework.questions.get(code="i1"), score=Decimal("90")
    )
    assert framework_in_use(framework)
    with pytest.raises(ValidationError):
        framework.questions.get(code="i1").delete()
