"""The frameworks of FY2566 and FY2568 as transcribed from the seeds."""

import json

import pytest

from assessments.models import Framework, Indicator, OITItem, Question, SubIndicator
from assessments.services import FIXTURE_DIR, framework_to_data
from kernel.thai import clean_text

pytestmark = pytest.mark.django_db

SUB_INDICATORS = ["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]


def test_fy2566_has_43_oit_items_each_with_components():
    items = OITItem.objects.filter(framework__fiscal_year=2566).prefetch_related("components")
    assert [i.code for i in items] == [f"O{n}" for n in range(1, 44)]
    for item in items:
        assert item.components.count() >= 1, item.code
    assert (
        items.get(code="O2")
        .components.last()
        .text.endswith("ชื่อ - นามสกุล ตำแหน่งรูปถ่าย และช่องทางการติดต่อของผู้บริหารแต่ละคน")
    )
    assert items.get(code="O41").name == "การประเมินจริยธรรมของเจ้าหน้าที่ของรัฐ"
    assert "ระบบกำหนดเป็น O41" in items.get(code="O41").note


def test_fy2566_sub_indicators_and_item_placement():
    subs = SubIndicator.objects.filter(indicator__framework__fiscal_year=2566)
    assert sorted(s.code for s in subs) == sorted(SUB_INDICATORS)
    placed = {
        i.code: i.sub_indicator.code
        for i in OITItem.objects.filter(framework__fiscal_year=2566).select_related("sub_indicator")
    }
    assert placed["O1"] == "9.1" and placed["O10"] == "9.1"
    assert placed["O11"] == "9.2" and placed["O19"] == "9.3" and placed["O23"] == "9.4"
    assert placed["O27"] == "9.5" and placed["O31"] == "10.1" and placed["O43"] == "10.2"
    assert OITItem.objects.get(framework__fiscal_year=2566, code="O12").evidence_period == (
        "๖ เดือนแรก (๑ ต.ค ๖๕ - ๓๑ มี.ค. ๖๖)"
    )


def test_fy2568_questions_and_items():
    fw = Framework.objects.get(fiscal_year=2568)
    iit = Question.objects.filter(framework=fw, indicator__tool__code="IIT")
    eit = Question.objects.filter(framework=fw, indicator__tool__code="EIT")
    assert [q.code for q in iit] == [f"i{n}" for n in range(1, 16)]
    assert [q.code for q in eit] == [f"e{n}" for n in range(1, 10)]
    assert fw.oit_items.count() == 28
    assert fw.questions.get(code="e2").text == ("เจ้าหน้าที่ปฏิบัติงานหรือให้บริการแก่ท่านและผู้อื่นอย่างเท่าเทียมกัน")
    assert fw.oit_items.get(code="O2").name == "ข้อมูลผู้บริหาร"
    # three questions per indicator, i1-i3 under indicator 1 … e7-e9 under indicator 8
    for q in Question.objects.filter(framework=fw).select_related("indicator"):
        offset = 1 if q.code.startswith("i") else 6
        assert q.indicator.number == (q.number - 1) // 3 + offset


def test_fy2568_weights_and_the_inconsistency_noted():
    fw = Framework.objects.get(fiscal_year=2568)
    weights = {t.code: t.weight for t in fw.tools.all()}
    assert weights == {"IIT": 30, "EIT": 30, "OIT": 40}
    eit = fw.tools.get(code="EIT")
    assert [(p.number, p.weight) for p in eit.parts.all()] == [(1, 15), (2, 15)]
    oit = fw.tools.get(code="OIT")
    assert oit.stated_question_count == 35  # as written in 001 …
    assert fw.oit_items.count() == 28  # … though only 28 are listed
    assert "35" in fw.notes or "๓๕" in fw.notes


@pytest.mark.parametrize("year", [2566, 2568])
def test_every_indicator_belongs_to_exactly_one_tool_of_its_year(year):
    indicators = Indicator.objects.filter(framework__fiscal_year=year).select_related("tool")
    assert [i.number for i in indicators] == list(range(1, 11))
    for indicator in indicators:
        assert indicator.tool.framework_id == indicator.framework_id
    by_tool = {
        code: [i.number for i in indicators if i.tool.code == code]
        for code in ("IIT", "EIT", "OIT")
    }
    assert by_tool == {"IIT": [1, 2, 3, 4, 5], "EIT": [6, 7, 8], "OIT": [9, 10]}
    subs = SubIndicator.objects.filter(indicator__framework__fiscal_year=year)
    assert sorted(s.code for s in subs) == sorted(SUB_INDICATORS)


@pytest.mark.parametrize("year", [2566, 2568])
def test_database_holds_exactly_what_the_fixture_says(year):
    fixture = json.loads((FIXTURE_DIR / f"fy{year}.json").read_text(encoding="utf-8"))
    stored = framework_to_data(Framework.objects.get(fiscal_year=year))
    for key in ("tools", "indicators", "sub_indicators", "questions", "oit_items"):
        assert len(stored[key]) == len(fixture[key]), key
    # stored text is the fixture's text after the portal's normalisation of all input
    # (pythainlp removes e.g. the doubled vowel of "ราคาากลาง" typed in 004)
    assert [i["components"] for i in stored["oit_items"]] == [
        [clean_text(c, multiline=True) for c in i["components"]] for i in fixture["oit_items"]
    ]
    assert [q["text"] for q in stored["questions"]] == [
        clean_text(q["text"], multiline=True) for q in fixture["questions"]
    ]


def test_transcription_notes_are_thai_and_shown_to_platform_admins_only(client, people):
    import re

    from django.urls import reverse

    from assessments.models import Framework

    for framework in Framework.objects.filter(fiscal_year__in=[2566, 2568]):
        text = framework.source + framework.notes
        text += "".join(i.note for i in framework.oit_items.all())
        # codes (O41, IIT, EIT, ITAS, OIT, No Gift Policy) may be Latin; sentences are not
        words = set(re.findall(r"[A-Za-z]{3,}", text)) - {"IIT", "EIT", "OIT", "ITAS", "ITA"}
        assert not words, (framework.fiscal_year, words)
        assert ".txt" not in text
    url = reverse("framework-detail", kwargs={"year": 2568})
    client.force_login(people["staff_a"])
    page = client.get(url).content.decode()
    assert "หมายเหตุการถอดความ" not in page and "เอกสารตัวอย่าง ๐๐๑" not in page
    assert "เครื่องหมาย “*”" not in page
    client.force_login(people["admin"])
    page = client.get(url).content.decode()
    assert "หมายเหตุการถอดความ" in page and "เอกสารตัวอย่าง ๐๐๑" in page
