"""The supervisors' summaries: after each kind of change, the stored row equals the figures the
rules' owners give when asked live (measures.selectors, assessments.levels, the checklist)."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from assessments.levels import level_for_score
from assessments.models import Assessment, OITComponent, OITItem
from dashboards import summaries
from dashboards.models import OrganisationYearSummary
from measures.models import MeasureDeadline, OITChecklistEntry, Progress, Status
from measures.selectors import (
    checklist_completion,
    checklist_entries,
    checklist_framework,
    measure_rows,
)
from measures.services import (
    ChecklistInput,
    ProgressInput,
    checklist_save,
    progress_save_round,
    standard_rounds,
)

from ..factories import make_measure, record_results

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
YEAR = 2569


def live(org, year, today):
    """The figures of one organisation-year asked of the rules' owners, without the summary."""
    rows = measure_rows(org, year, today, full=False)
    with scope(organisation=org.pk):
        scores = dict(
            Assessment.objects.of(org).values_list("framework__fiscal_year", "total_score")
        )
    framework = checklist_framework(year)
    overall = checklist_completion(checklist_entries(org, framework))[1] if framework else None
    score, previous = scores.get(year), scores.get(year - 1)
    done = sum(r.status == Status.DONE for r in rows)
    return {
        "score": score,
        "level": level_for_score(score).code if score is not None else "",
        "change": score - previous if score is not None and previous is not None else None,
        "measures_total": len(rows),
        "measures_done": done,
        "done_percent": round(100 * done / len(rows)) if rows else None,
        "overdue": sum(r.overdue for r in rows),
        "oit_percent": overall.percent if overall else None,
    }


def stored(org, year):
    with scopes_disabled():  # the test's own look at the stored row
        row = OrganisationYearSummary.objects.get(organisation=org, fiscal_year=year)
    return {
        "score": row.score,
        "level": row.level,
        "change": row.change,
        "measures_total": row.measures_total,
        "measures_done": row.measures_done,
        "done_percent": row.done_percent,
        "overdue": row.overdue,
        "oit_percent": row.oit_percent,
    }


def agree(org, year=YEAR, today=TODAY):
    expected = live(org, year, today)
    assert stored(org, year) == expected
    return expected


@pytest.fixture
def year_of(org_a):
    """FY2569 of org-a: the standard rounds, one measure in progress, one due long ago."""
    six, twelve = standard_rounds(organisation=org_a, fiscal_year=YEAR)
    first = make_measure(org_a, YEAR, 1, title="มาตรการหนึ่ง", end=TODAY + 30 * DAY)
    late = make_measure(org_a, YEAR, 2, title="มาตรการสอง", end=TODAY - 30 * DAY)
    return {"six": six, "twelve": twelve, "first": first, "late": late}


def test_results_recorded_give_score_level_and_next_years_change(org_a):
    from assessments.models import Framework
    from assessments.services import framework_clone

    framework_clone(source=Framework.objects.get(fiscal_year=2566), fiscal_year=2567)
    record_results(org_a, 2566, total="80.00")
    assert agree(org_a, 2566)["level"] == "B"
    record_results(org_a, 2567, total="95.50")
    figures = agree(org_a, 2567)
    assert (figures["score"], figures["level"], figures["change"]) == (
        Decimal("95.50"),
        "AA",
        Decimal("15.50"),
    )
    record_results(org_a, 2566, total="90.00")  # last year corrected: this year's change too
    assert agree(org_a, 2567)["change"] == Decimal("5.50")


def test_measures_added_and_removed(org_a, year_of):
    figures = agree(org_a)
    assert (figures["measures_total"], figures["overdue"]) == (2, 1)
    extra = make_measure(org_a, YEAR, 3, title="มาตรการสาม", end=TODAY - DAY)
    assert agree(org_a)["overdue"] == 2
    with scopes_disabled():
        extra.delete()
    figures = agree(org_a)
    assert (figures["measures_total"], figures["overdue"]) == (2, 1)


def test_a_measure_ended_later_is_no_longer_overdue(org_a, year_of):
    from measures.services import measure_save

    late = year_of["late"]
    late.end_date = TODAY + 60 * DAY
    with scope(organisation=org_a.pk):
        measure_save(measure=late, steps=["ขั้นแรก"], expected_version=late.version)
    assert agree(org_a)["overdue"] == 0


def test_progress_saved_done_through_the_round_service(org_a, year_of):
    with scope(organisation=org_a.pk):
        progress_save_round(
            progress_round=year_of["six"],
            entries=[
                ProgressInput(measure=m, status=Status.DONE, expected_version=0, summary="เสร็จ")
                for m in (year_of["first"], year_of["late"])
            ],
        )
    figures = agree(org_a)
    assert (figures["measures_done"], figures["done_percent"], figures["overdue"]) == (2, 100, 0)
    # back in progress in the later round: the latest status counts
    Progress.objects.create(measure=year_of["late"], round=year_of["twelve"], status="in_progress")
    assert agree(org_a)["overdue"] == 1


def test_a_deadline_added_or_passed(org_a, year_of):
    deadline = MeasureDeadline.objects.create(
        measure=year_of["first"], label="รายงานครั้งแรก", due_date=TODAY - DAY
    )
    assert agree(org_a)["overdue"] == 2
    with scopes_disabled():
        deadline.delete()
    assert agree(org_a)["overdue"] == 1


def test_a_round_moved_changes_which_status_is_latest(org_a, year_of):
    Progress.objects.create(measure=year_of["late"], round=year_of["six"], status=Status.DONE)
    Progress.objects.create(
        measure=year_of["late"], round=year_of["twelve"], status=Status.IN_PROGRESS
    )
    assert agree(org_a)["measures_done"] == 0
    twelve = year_of["twelve"]
    twelve.start_date = twelve.end_date = year_of["six"].end_date - 30 * DAY
    twelve.save()  # the twelve-month round now ends first: the six-month one's DONE is latest
    assert agree(org_a)["measures_done"] == 1


def test_checklist_ticked_through_the_service(org_a):
    framework = checklist_framework(2566)  # FY2566 items list their components
    with_components = OITItem.objects.filter(framework=framework, components__isnull=False)
    items = [with_components.distinct().order_by("number").first()]
    items.append(OITItem.objects.filter(framework=framework).exclude(pk=items[0].pk).first())
    components = list(OITComponent.objects.filter(item=items[0]))
    with scope(organisation=org_a.pk):
        checklist_save(
            organisation=org_a,
            rows=[
                ChecklistInput(
                    item=items[0], status=Status.DONE, expected_version=0, components=components
                ),
                ChecklistInput(item=items[1], status=Status.IN_PROGRESS, expected_version=0),
            ],
        )
    figures = agree(org_a, 2566)
    assert figures["oit_percent"] > 0
    with scopes_disabled():
        entry = OITChecklistEntry.objects.get(organisation=org_a, item=items[0])
    entry.components_done.remove(components[0])  # one component unticked
    assert agree(org_a, 2566)["oit_percent"] < figures["oit_percent"]


def test_round_submitted_and_approved_keep_the_figures(org_a, people, year_of):
    from ..factories import approve_round

    Progress.objects.create(measure=year_of["first"], round=year_of["six"], status=Status.DONE)
    before = agree(org_a)
    approve_round(year_of["six"], submitter=people["staff_a"], publish=True)
    assert agree(org_a) == before


def test_a_deadline_passing_overnight_is_caught_when_read(org_a, people, year_of):
    """Time moves: figures stored for today hold until the first due date ahead; read on a
    later day, the row is recomputed for that day before the table shows it."""
    from dashboards.selectors import supervisor_rows

    with scopes_disabled():
        row = OrganisationYearSummary.objects.get(organisation=org_a, fiscal_year=YEAR)
    assert row.next_due == TODAY + 30 * DAY and row.last_passed == TODAY - 30 * DAY
    assert row.fresh_on(TODAY + 30 * DAY) and not row.fresh_on(TODAY + 31 * DAY)
    later = TODAY + 31 * DAY  # "มาตรการหนึ่ง" ended yesterday
    rows, _items = supervisor_rows(people["supervisor"], year=YEAR, today=later)
    org = next(o for o in rows if o.code == "org-a")
    assert org.overdue == 2 == live(org_a, YEAR, later)["overdue"]
    assert stored(org_a, YEAR) == live(org_a, YEAR, later)


def test_writes_rolled_back_roll_their_summary_back(org_a, year_of):
    before = agree(org_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_measure(org_a, YEAR, 3, title="มาตรการที่ยกเลิก", end=TODAY - DAY)
        assert stored(org_a, YEAR)["overdue"] == 2  # same transaction: already counted
        raise RuntimeError
    assert agree(org_a) == before


def test_a_new_years_framework_marks_the_year_stale_and_the_read_recomputes(org_a, people, year_of):
    """FY2569 follows the FY2568 framework until the admin clones one for 2569: every row of
    2569 is marked stale at once (a task recomputes them), and a read recomputes those it shows."""
    from assessments.models import Framework
    from assessments.services import framework_clone
    from dashboards.selectors import supervisor_rows

    item = OITItem.objects.filter(framework__fiscal_year=2568).first()
    with scope(organisation=org_a.pk):
        checklist_save(
            organisation=org_a,
            rows=[ChecklistInput(item=item, status=Status.DONE, expected_version=0)],
        )
    assert agree(org_a)["oit_percent"] > 0
    framework_clone(source=Framework.objects.get(fiscal_year=2568), fiscal_year=YEAR)
    with scopes_disabled():
        assert OrganisationYearSummary.objects.get(organisation=org_a, fiscal_year=YEAR).stale
    rows, _items = supervisor_rows(people["supervisor"], year=YEAR, today=TODAY)
    assert next(o for o in rows if o.code == "org-a").oit_percent == 0
    assert agree(org_a)["oit_percent"] == 0  # the new framework's items: none ticked yet


def test_a_new_years_framework_is_saved_with_redis_unreachable(
    org_a, year_of, monkeypatch, django_capture_on_commit_callbacks
):
    """Marking a year stale enqueues its refresh after the commit through
    ita_portal.celery.queue: with the broker away the admin's change is saved all the same and
    the rows stay stale (a read or the nightly task recomputes them), never an error page."""
    from kombu.exceptions import OperationalError

    from assessments.models import Framework
    from assessments.services import framework_clone
    from dashboards.tasks import refresh_stale_summaries

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1. Connection refused.")

    monkeypatch.setattr(refresh_stale_summaries, "delay", unreachable)
    agree(org_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        framework_clone(source=Framework.objects.get(fiscal_year=2568), fiscal_year=YEAR)
    assert callbacks
    assert Framework.objects.filter(fiscal_year=YEAR).exists()
    with scopes_disabled():
        assert OrganisationYearSummary.objects.get(organisation=org_a, fiscal_year=YEAR).stale


def test_rebuild_summaries_restores_every_row(org_a, org_b, year_of):
    record_results(org_a, 2568, total="70")
    expected = live(org_a, YEAR, TODAY)
    with scopes_disabled():
        OrganisationYearSummary.objects.all().delete()
    out = StringIO()
    call_command("rebuild_summaries", stdout=out)
    assert "คำนวณใหม่" in out.getvalue()
    assert stored(org_a, YEAR) == expected
    assert stored(org_b, YEAR) == live(org_b, YEAR, TODAY)  # an organisation without data
    with scopes_disabled():
        OrganisationYearSummary.objects.all().delete()
    call_command("rebuild_summaries", organisation=["org-a"], year=["๒๕๖๙"], stdout=out)
    with scopes_disabled():
        assert list(
            OrganisationYearSummary.objects.values_list("organisation__code", "fiscal_year")
        ) == [("org-a", YEAR)]
    with pytest.raises(CommandError, match="ปีงบประมาณ"):
        call_command("rebuild_summaries", year=["69"], stdout=out)
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("rebuild_summaries", organisation=["no-such"], stdout=out)


def test_generate_national_fills_the_summaries():
    call_command(
        "generate_national", organisations=3, provinces=2, measures=4, batch=2, stdout=StringIO()
    )
    from organisations.models import Organisation

    for org in Organisation.objects.filter(code__startswith="nat-"):
        for year in (2566, 2567, 2568):
            assert stored(org, year) == live(org, year, TODAY)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_recomputes_rows_a_due_date_has_passed(celery_worker, org_a):
    """A row computed yesterday, when its measure was due that day and not yet late; today the
    worker's task recomputes it."""
    make_measure(org_a, YEAR, 1, title="ครบกำหนดเมื่อวาน", end=TODAY - DAY)
    summaries.refresh([org_a.pk], YEAR, TODAY - DAY)  # as the hook stored it yesterday
    assert stored(org_a, YEAR)["overdue"] == 0 == live(org_a, YEAR, TODAY - DAY)["overdue"]
    from dashboards.tasks import refresh_stale_summaries

    assert refresh_stale_summaries.delay().get(timeout=60) >= 1
    assert agree(org_a)["overdue"] == 1


def test_a_workbook_import_recomputes_the_summary(client, people, org_a, year_of):
    """The measures import writes in bulk (no model signals): its own signal recomputes the
    organisation-year in the same transaction, deadlines included."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from openpyxl import load_workbook

    from assessments.models import ImportJob
    from kernel.thai import format_numeric_date

    assert agree(org_a)["measures_total"] == 2
    client.force_login(people["staff_a"])
    kwargs = {"org": "org-a", "year": YEAR}
    wb = load_workbook(BytesIO(client.get(reverse("measures-export", kwargs=kwargs)).content))
    ws = wb.active
    heads = [c.value for c in ws[1]]
    deadlines = next(h for h in heads if h.startswith("กำหนดการรายงานและติดตาม"))
    values = {
        "ลำดับ": 3,
        "ประเภท": "มาตรการ",
        "มาตรการ/โครงการ/กิจกรรม": "มาตรการสามจากไฟล์",
        "กำหนดแล้วเสร็จ": format_numeric_date(TODAY + 90 * DAY),
        deadlines: f"{format_numeric_date(TODAY - 5 * DAY)} รายงานผลรอบแรก",
    }
    ws.append([values.get(h) for h in heads])
    out = BytesIO()
    wb.save(out)
    url = reverse("measures-import", kwargs=kwargs)
    upload = SimpleUploadedFile("m.xlsx", out.getvalue())
    assert client.post(url, {"file": upload}).status_code == 200
    with scopes_disabled():
        job = ImportJob.objects.get()
    assert client.post(url, {"confirm": job.pk}).status_code == 302
    figures = agree(org_a)
    # the new measure, overdue by its passed checkpoint (not by its end, 90 days ahead)
    assert (figures["measures_total"], figures["overdue"]) == (3, 2)
