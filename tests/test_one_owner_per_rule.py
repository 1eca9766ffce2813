"""Rules that once had several owners which disagreed: each is now asked of its one owner, and
every screen gives the same answer (issue "one owner per rule")."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from measures.models import MeasureDeadline, Progress, Status
from measures.services import standard_rounds

from .factories import make_measure

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def scenario(org_a):
    """Three measures of FY2569 (1 Oct 2025 – 30 Sep 2026), looked at on 22 Nov 2026:
    A done in the 6-month round and not reported since      → not overdue
    B done at 6 months, back in progress at 12 months          → overdue (latest status counts)
    C ends next year, but one of its deadlines has passed       → overdue (deadlines count)"""
    six, twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    a = make_measure(org_a, 2569, 1, title="มาตรการเอ", end=datetime.date(2026, 3, 31))
    b = make_measure(org_a, 2569, 2, title="มาตรการบี", end=datetime.date(2026, 9, 30))
    c = make_measure(org_a, 2569, 3, title="มาตรการซี", end=datetime.date(2027, 9, 30))
    MeasureDeadline.objects.create(
        measure=c, label="รายงานครั้งแรก", due_date=datetime.date(2026, 2, 1)
    )
    Progress.objects.create(measure=a, round=six, status=Status.DONE, summary="เสร็จ")
    Progress.objects.create(measure=b, round=six, status=Status.DONE, summary="เสร็จ")
    Progress.objects.create(measure=b, round=twelve, status=Status.IN_PROGRESS, summary="ทำต่อ")
    return {"six": six, "twelve": twelve, "a": a, "b": b, "c": c}


TODAY = datetime.date(2026, 11, 22)
EXPECTED = {"มาตรการบี", "มาตรการซี"}


def test_the_measure_list_and_the_executive_dashboard_agree(scenario, org_a):
    from dashboards.selectors import executive_dashboard
    from measures.selectors import measure_rows

    listed = {r.measure.title for r in measure_rows(org_a, 2569, TODAY) if r.overdue}
    dashboard = {r.measure.title for r in executive_dashboard(org_a, 2569, TODAY).overdue}
    assert listed == dashboard == EXPECTED


def test_the_supervisor_table_counts_the_same_overdue_measures(scenario, people):
    from dashboards.selectors import supervisor_rows

    rows, _items = supervisor_rows(people["supervisor"], year=2569, today=TODAY)
    row = next(r for r in rows if r.code == "org-a")
    assert row.overdue == len(EXPECTED)
    assert (row.measures_done, row.measures_total) == (1, 3)  # B is no longer done


@pytest.mark.parametrize("which", ["six", "twelve"])
def test_every_round_screen_marks_the_same_measures_overdue(client, people, scenario, which):
    if timezone.localdate() < TODAY:
        pytest.skip("the round screen uses today's date")
    client.force_login(people["staff_a"])
    page = client.get(
        reverse("round", kwargs={**Y, "pk": scenario[which].pk}) + "?unit=all"
    ).content.decode()
    late = set(
        re.findall(r'<section class="card measure late"[^>]*>\s*<h2>[^<]*?(มาตรการ\S+)', page)
    )
    assert late == EXPECTED


# --- digits: one mechanism --------------------------------------------------------------------


@pytest.fixture
def plain_round(org_a):
    """A round whose typed text has no digits at all, with a dated deadline: every digit in its
    documents is one the portal generated."""
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    m = make_measure(org_a, 2569, 1, title="มาตรการประกาศเจตนารมณ์", end=datetime.date(2026, 3, 31))
    MeasureDeadline.objects.create(measure=m, label="รายงานผล", due_date=datetime.date(2026, 1, 15))
    Progress.objects.create(measure=m, round=six, status=Status.DONE, summary="ประกาศแล้ว")
    return six


@pytest.mark.parametrize("code", ["r0", "r1", "r3", "r4", "r5"])
def test_arabic_digits_means_every_generated_number(plain_round, code):
    from reports.documents import DOCUMENTS

    from .reports_helpers import pdf_text

    arabic = pdf_text(DOCUMENTS[code](plain_round, thai_digits=False).pdf()[0])
    assert not re.search("[๐-๙]", arabic), re.findall(r"\S*[๐-๙]\S*", arabic)[:5]
    thai = pdf_text(DOCUMENTS[code](plain_round).pdf()[0])
    assert not re.search("[0-9]", thai), re.findall(r"\S*[0-9]\S*", thai)[:5]


# --- history: every write leaves a record ------------------------------------------------------


def test_copying_last_year_keeps_the_history_of_every_step(org_a):
    from measures.models import MeasureStep
    from measures.services import measures_copy

    make_measure(org_a, 2568, 1, title="มาตรการปีก่อน")
    (copy,) = measures_copy(organisation=org_a, from_year=2568, to_year=2569)
    with scopes_disabled():
        steps = list(copy.steps.all())
    assert steps
    for step in steps:
        assert MeasureStep.history.filter(id=step.pk, history_type="+").exists(), step


# --- framework facts are data: typed once, or read from the year's framework -------------------

ROOT = Path(settings.BASE_DIR)
NOT_PORTAL_CODE = {".venv", ".git", "var", "node_modules", "tests", "scripts", "fixtures", "static"}


def portal_files():
    """The files of the repository (tracked or new, not ignored): not virtual environments,
    caches or data a run left behind."""
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    return sorted(ROOT / name for name in listed.split("\0") if name)


def lines_matching(pattern, suffixes, *, owner, also_skip=()):
    """Every line of the portal's code and templates (not its migrations) matching
    ``pattern``, outside the module that owns the fact."""
    found = []
    for path in portal_files():
        relative = path.relative_to(ROOT)
        if (
            relative.parts[0] in NOT_PORTAL_CODE
            or relative.parts[0] in also_skip
            or "migrations" in relative.parts
            or path.suffix not in suffixes
            or relative.as_posix() == owner
            or not path.is_file()
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_the_year_arithmetic_is_written_in_kernel_thai_only():
    assert lines_matching(r"[+-] ?543\b", {".py"}, owner="kernel/thai.py") == []


def test_typed_numbers_are_read_by_kernel_thai_only():
    """``str.isdigit`` takes "²" and Arabic-Indic digits: a number someone typed is read by
    kernel.thai.whole_number (or be_year_typed), nowhere else. The one exception checks a
    generated password's own characters."""
    found = lines_matching(r"\.isdigit\(\)", {".py"}, owner="kernel/thai.py")
    assert [f for f in found if not f.startswith("organisations/onboarding.py:")] == []


def test_the_pass_mark_and_full_marks_are_typed_in_levels_only():
    pass_mark = r"(?<![\d.,๐-๙])(85|๘๕)(?![\d,๐-๙]|\.\d)"
    full_marks = r'[<>]=? ?100\b|Decimal\("100"\)|lte=100\b|"100\.00"|๑๐๐'
    assert lines_matching(pass_mark, {".py", ".html"}, owner="assessments/levels.py") == []
    # kernel/ knows nothing of the ITA: its hundreds are percentages and two-digit years
    skip = ("kernel",)
    assert (
        lines_matching(full_marks, {".py", ".html"}, owner="assessments/levels.py", also_skip=skip)
        == []
    )


def test_drafted_texts_say_the_pass_mark_of_levels(demo):
    from assessments.analysis import analyse, draft_narrative, draft_summary
    from assessments.levels import PASS_MARK
    from assessments.models import Assessment
    from kernel.thai import digits

    with scopes_disabled():  # the test picks the demo's FY2568 results
        assessment = Assessment.objects.filter(framework__fiscal_year=2568).first()
    analysis = analyse(assessment)
    target = f"ค่าเป้าหมาย {digits(PASS_MARK)} คะแนน"
    with scope(organisation=assessment.organisation_id):  # as the drafting page runs them
        assert target in draft_summary(analysis)
        assert all(target in draft_narrative(analysis, row.indicator) for row in analysis.ranking)


@pytest.fixture
def fy2571(db):
    """A framework numbered differently from FY2566/2568: tools in the order EIT, OIT, IIT,
    indicator 3 under EIT, and eleven indicators."""
    from assessments.models import Framework
    from assessments.services import framework_create_from_data, framework_to_data

    data = framework_to_data(Framework.objects.get(fiscal_year=2568))
    data["fiscal_year"] = 2571
    by_code = {t["code"]: t for t in data["tools"]}
    data["tools"] = [by_code["EIT"], by_code["OIT"], by_code["IIT"]]
    for indicator in data["indicators"]:
        if indicator["number"] == 3:
            indicator["tool"] = "EIT"
    data["indicators"].append({"number": 11, "name": "การป้องกันผลประโยชน์ทับซ้อน", "tool": "OIT"})
    return framework_create_from_data(data)


def test_the_assessors_suggestion_form_offers_the_tools_of_the_years_framework(
    client, people, fy2571
):
    client.force_login(people["staff_a"])
    page = client.get(reverse("results-edit", kwargs={"org": "org-a", "year": 2571})).content
    select = re.search(r'<select name="sug-0-tool".*?</select>', page.decode(), re.S).group()
    assert re.findall(r'<option value="(\w+)"', select) == ["EIT", "OIT", "IIT"]


def test_a_tool_outside_the_framework_is_refused_naming_the_frameworks_tools(fy2571):
    from assessments.forms import AssessorSuggestionForm

    form = AssessorSuggestionForm(
        {"tool": "XIT", "part": "0", "code": "", "text": "ข้อเสนอแนะ"}, framework=fy2571
    )
    assert not form.is_valid()
    assert form.errors["tool"] == ["เลือกเครื่องมือ EIT, OIT หรือ IIT จากรายการ"]


@pytest.mark.parametrize(
    "number,year,message",
    [
        (11, "2571", None),
        (11, "", None),  # no year: any framework's indicator
        (12, "2571", "ตัวชี้วัดที่ ๑๒ ไม่มีในกรอบการประเมินปี ๒๕๗๑ ใช้ได้เฉพาะตัวชี้วัดที่ "),
        (11, "2568", "ตัวชี้วัดที่ ๑๑ ไม่มีในกรอบการประเมินปี ๒๕๖๘"),
        (12, "", "ตัวชี้วัดที่ ๑๒ ไม่มีในกรอบการประเมินปีใด"),
        (1, "2570", "ยังไม่มีกรอบการประเมินปี ๒๕๗๐"),
    ],
)
def test_the_guideline_form_takes_the_indicator_numbers_of_the_framework(
    fy2571, number, year, message
):
    from assessments.forms import GuidelineForm

    form = GuidelineForm(
        {"indicator_number": str(number), "code": "", "fiscal_year": year, "text": "แนวทาง"}
    )
    if message is None:
        assert form.is_valid(), form.errors
        return
    assert not form.is_valid()
    errors = " ".join(e for errors in form.errors.values() for e in errors)
    assert message in errors, errors
    if year == "2571":
        assert "๑, ๒, ๓, ๔, ๕, ๖, ๗, ๘, ๙, ๑๐, ๑๑" in errors


def test_the_results_page_groups_indicators_by_the_frameworks_tool(client, people, org_a, fy2571):
    from .factories import record_results

    record_results(org_a, 2571, indicators={(3, 0): "80"})
    client.force_login(people["staff_a"])
    page = client.get(reverse("results", kwargs={"org": "org-a", "year": 2571})).content.decode()
    eit, oit, iit = (page.find(f"<h2>{code} · ") for code in ("EIT", "OIT", "IIT"))
    indicator_3 = page.find("ตัวชี้วัดที่ ๓ ", eit)
    assert 0 <= eit < indicator_3 < oit < iit
