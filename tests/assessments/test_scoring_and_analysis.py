"""Official figures beside recomputed ones, the ranking, drafted texts that respect edits."""

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from assessments.analysis import analyse, analysis_draft, draft_narrative, rank_indicators
from assessments.models import AnalysisText, Assessment, ToolScore
from assessments.scoring import score_sheet
from devtools.demo.organisations import demo_organisations_load
from devtools.demo.results import demo_results_load, guideline_library_load
from organisations.models import Organisation

from ..factories import record_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def hin_lek_fai():
    demo_organisations_load(password="x-demo-pass-1")
    guideline_library_load()
    demo_results_load()
    with scopes_disabled():
        return Assessment.objects.get(organisation__code="hin-lek-fai", framework__fiscal_year=2568)


def test_seed_disagreements_are_flagged_and_official_figures_kept(hin_lek_fai):
    sheet = score_sheet(hin_lek_fai)
    flagged = {f.label: (f.official, f.recomputed) for f in sheet.disagreements()}
    # 001 states IIT 99.25; its 15 questions average 97.56
    assert flagged["IIT"] == (Decimal("99.25"), Decimal("97.56"))
    # 001 repeats e1–e3's scores for e4–e6, so indicator 7's parts do not add up
    assert flagged["ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร (ส่วนที่ ๑)"] == (Decimal("89.24"), Decimal("91.93"))
    assert "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" in flagged  # 97.25 vs items' mean 95.00
    assert "คะแนนรวม" in flagged
    # figures that do add up are not flagged
    assert not any(label.startswith("ตัวชี้วัดที่ ๑ ") for label in flagged)
    assert "ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน" not in flagged  # 86.19 = (91.93 + 80.45) / 2
    # nothing was overwritten
    hin_lek_fai.refresh_from_db()
    assert hin_lek_fai.total_score == Decimal("92.89")
    assert hin_lek_fai.level.code == "A" and hin_lek_fai.level.passed
    with scopes_disabled():
        iit = ToolScore.objects.get(assessment=hin_lek_fai, tool__code="IIT")
    assert iit.score == Decimal("99.25")


def test_a_difference_within_rounding_is_not_a_disagreement(org_a):
    # i1..i3 average 97.555… which rounds to 97.56: official 97.56 and 97.55 both agree
    assessment = record_results(
        org_a,
        2568,
        indicators={(1, 0): "97.55"},
        questions={("i1", 0): "97.33", ("i2", 0): "97.67", ("i3", 0): "97.66"},
    )
    sheet = score_sheet(assessment)
    figure = next(f for ind, part, f in sheet.indicator_figures() if ind.number == 1)
    assert figure.recomputed == Decimal("97.55")
    assert not figure.disagrees
    assessment = record_results(
        org_a,
        2568,
        indicators={(1, 0): "97.80"},
        questions={("i1", 0): "97.33", ("i2", 0): "97.67", ("i3", 0): "97.66"},
    )
    figure = next(
        f for ind, part, f in score_sheet(assessment).indicator_figures() if ind.number == 1
    )
    assert figure.disagrees and figure.difference == Decimal("0.25")


def test_ranking_ties_share_a_rank(org_a):
    assessment = record_results(
        org_a,
        2568,
        indicators={
            (1, 0): "90",
            (2, 0): "95",
            (3, 0): "95",
            (4, 0): "80",
            (5, 0): "80",
            (9, 0): "100",
        },
    )
    ranking = rank_indicators(score_sheet(assessment))
    assert [(r.indicator.number, r.rank) for r in ranking] == [
        (9, 1),
        (2, 2),
        (3, 2),
        (1, 4),
        (4, 5),
        (5, 5),
    ]
    analysis = analyse(assessment)
    assert [r.indicator.number for r in analysis.strengths] == [9]
    assert [r.indicator.number for r in analysis.weaknesses] == [4, 5]


def test_weaknesses_include_every_indicator_below_85(org_a):
    assessment = record_results(
        org_a, 2568, indicators={(1, 0): "84.99", (2, 0): "85.00", (3, 0): "70", (4, 0): "99"}
    )
    weak = [r.indicator.number for r in analyse(assessment).weaknesses]
    assert weak == [1, 3]


def test_comparison_with_the_previous_year(org_a):
    record_results(org_a, 2566, indicators={(1, 0): "90.00", (7, 0): "80.00"})
    assessment = record_results(org_a, 2568, indicators={(1, 0): "95.50", (7, 0): "78.10"})
    rows = {r.indicator.number: r for r in analyse(assessment).ranking}
    assert rows[1].change == Decimal("5.50")
    assert rows[7].change == Decimal("-1.90")
    assert "ลดลง ๑.๙๐ คะแนนจากปี พ.ศ. ๒๕๖๖" in draft_narrative(
        analyse(assessment), rows[7].indicator
    )


def test_drafted_narrative_names_the_weakest_question(hin_lek_fai):
    analysis = analyse(hin_lek_fai)
    indicator_1 = analysis.sheet.indicators[0]
    text = draft_narrative(analysis, indicator_1)
    assert "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ซึ่งมีผลคะแนน อยู่ที่ ๙๘.๐๐ คะแนน" in text
    assert "ข้อ i๒ เจ้าหน้าที่ในหน่วยงานของท่านมีการเลือกปฏิบัติอย่างไม่เป็นธรรม" in text
    assert "ต่ำสุดในตัวชี้วัดนี้ ๙๖.๐๐ คะแนน" in text
    indicator_8 = next(i for i in analysis.sheet.indicators if i.number == 8)
    text = draft_narrative(analysis, indicator_8)
    # e9 has the lowest mean of its two parts: (88.07 + 65.91) / 2 = 76.99
    assert "ข้อ e๙ หน่วยงานมีการพัฒนาการให้บริการผ่านช่องทางออนไลน์" in text
    assert "๗๖.๙๙ คะแนน (EIT ส่วนที่ ๑ ๘๘.๐๗ EIT ส่วนที่ ๒ ๖๕.๙๑)" in text
    assert "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนน" in text
    indicator_9 = next(i for i in analysis.sheet.indicators if i.number == 9)
    text = draft_narrative(analysis, indicator_9)
    assert "ข้อ O๒ ข้อมูลผู้บริหาร (๕๐.๐๐ คะแนน)" in text


def test_low_questions_get_a_library_guideline(org_a):
    guideline_library_load()
    assessment = record_results(
        org_a,
        2568,
        indicators={(4, 0): "70"},
        questions={("i10", 0): "60", ("i11", 0): "90", ("i12", 0): "99"},
    )
    analysis_draft(assessment)
    with scopes_disabled():
        texts = {t.key: t.text for t in AnalysisText.objects.filter(assessment=assessment)}
    assert texts["guideline:q:i10"].startswith("- มุ่งจัดวางระบบและกระบวนการขอยืม")  # from 001
    assert texts["narrative:4"]


def test_redraft_never_overwrites_an_edited_text_without_asking(org_a):
    assessment = record_results(
        org_a,
        2568,
        indicators={(1, 0): "90", (2, 0): "80"},
        questions={("i1", 0): "90", ("i2", 0): "88", ("i3", 0): "92"},
    )
    outcome = analysis_draft(assessment)
    assert outcome.created > 0
    with scopes_disabled():
        narrative = AnalysisText.objects.get(assessment=assessment, key="narrative:1")
        untouched = AnalysisText.objects.get(assessment=assessment, key="narrative:2")
    narrative.text = "ข้อความที่เจ้าหน้าที่เขียนเอง"
    narrative.save()

    record_results(
        org_a,
        2568,
        indicators={(1, 0): "70", (2, 0): "75"},
        questions={("i1", 0): "60", ("i2", 0): "88", ("i3", 0): "92"},
    )
    outcome = analysis_draft(assessment)
    narrative.refresh_from_db()
    untouched.refresh_from_db()
    assert narrative.text == "ข้อความที่เจ้าหน้าที่เขียนเอง"
    assert "ข้อ i๑" in narrative.draft  # the new draft is kept beside it
    assert narrative in outcome.kept_edited
    assert "๗๕.๐๐" in untouched.text  # an unedited text follows the data

    analysis_draft(assessment, replace_edited=True)
    narrative.refresh_from_db()
    assert narrative.text == narrative.draft and "ข้อ i๑" in narrative.text


def test_demo_has_every_table_of_seed_001(hin_lek_fai):
    analysis = analyse(hin_lek_fai)
    assert len(analysis.ranking) == 10
    assert analysis.ranking[0].indicator.number == 10
    assert [r.indicator.number for r in analysis.ranking[-2:]] == [7, 8]
    assert len(analysis.sheet.question_scores) == 15 + 9 * 2
    assert len(analysis.sheet.item_scores) == 28
    assert hin_lek_fai.survey_suggestions == ["ควรให้ประชาชนมีส่วนร่วมและตรวจสอบการทำงานได้"]
    with scopes_disabled():
        assert hin_lek_fai.assessor_suggestions.count() == 10
        assert hin_lek_fai.issues.count() == 7
        narrative = AnalysisText.objects.get(assessment=hin_lek_fai, key="narrative:1")
        rob_wiang = Assessment.objects.get(organisation=Organisation.objects.get(code="rob-wiang"))
        phon_ngam = Assessment.objects.get(organisation__code="phon-ngam")
    assert narrative.text.startswith("องค์การบริหารส่วนตำบลหินเหล็กไฟ เลือกใช้การวิเคราะห์การประเมิน ITA")
    assert narrative.edited  # the seed's text is the staff's own
    assert rob_wiang.total_score == Decimal("87.70") and rob_wiang.level.passed
    assert phon_ngam.level.old_verdict == "ต้องปรับปรุง"
