"""Large workbooks are checked and imported by the worker, off the request, with progress;
all or nothing; a job is its uploader's."""

import datetime
import time
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from assessments.models import ImportJob
from measures.imports import INLINE_ROWS, job_apply, job_preview
from measures.models import Measure, MeasureStep, Progress, Status
from measures.services import standard_rounds

from ..factories import make_measure, make_user
from ..import_files import measures_workbook

Y = {"org": "org-a", "year": 2569}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LARGE = INLINE_ROWS + 50


@pytest.fixture(autouse=True)
def reads_take_no_table_locks(db):
    """pytest's SQLite database is in memory with a shared cache, whose table locks fail a
    writer at once ("database table is locked") while another connection reads: the test
    looking at a job would fail the worker's write. Its reads here take no such lock (a real
    SQLite file has WAL and a busy timeout instead)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


def post_file(client, content, url=None):
    return client.post(
        url or reverse("measures-import", kwargs=Y),
        {"file": SimpleUploadedFile("big.xlsx", content, content_type=XLSX)},
    )


@scopes_disabled()  # the test's own look at the database
def job_of(pk):
    return ImportJob.objects.get(pk=pk)


def wait_for(pk, *states):
    """The job once the worker has brought it to one of ``states`` (a minute at most)."""
    deadline = time.monotonic() + 60
    while (job := job_of(pk)).state not in states:
        assert time.monotonic() < deadline, f"still {job.state}"
        time.sleep(0.1)
    return job


@scopes_disabled()
def measures_of(org):
    return Measure.objects.filter(organisation=org)


def latest_job():
    with scopes_disabled():
        return ImportJob.objects.latest("pk")


def test_a_large_file_is_checked_then_imported_by_the_worker(client, people, org_a, celery_worker):
    client.force_login(people["staff_a"])
    response = post_file(client, measures_workbook(org_a, LARGE))
    job = latest_job()
    assert response.status_code == 302 and response["Location"] == reverse(
        "import-job", kwargs={**Y, "pk": job.pk}
    )
    assert job.total == LARGE
    job = wait_for(job.pk, ImportJob.State.CHECKED)
    assert job.done == LARGE  # the progress reached the last row
    assert not measures_of(org_a).exists()  # checking wrote nothing
    page = client.get(response["Location"]).content.decode()
    assert "ตัวอย่างก่อนนำเข้า" in page and "๑๕๐. มาตรการนำเข้าที่ 150" in page
    assert page.count("<tr>") == LARGE + 1  # every row, and the header
    status = client.get(reverse("import-job-status", kwargs={**Y, "pk": job.pk})).json()
    assert status == {
        "state": "checked",
        "running": False,
        "done": LARGE,
        "total": LARGE,
        "text": "รอยืนยัน… ๑๕๐/๑๕๐ แถว",
    }

    response = client.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk})
    assert response["Location"] == reverse("import-job", kwargs={**Y, "pk": job.pk})
    job = wait_for(job.pk, ImportJob.State.DONE, ImportJob.State.FAILED)
    assert job.state == ImportJob.State.DONE, job.result
    with scopes_disabled():
        measures = list(measures_of(org_a).prefetch_related("responsible_units", "steps"))
        assert len(measures) == LARGE
        assert {tuple(u.name for u in m.responsible_units.all()) for m in measures} == {
            ("สำนักปลัด",)
        }
        assert {tuple(s.text for s in m.steps.all()) for m in measures} == {
            ("ประชุมชี้แจง", "รายงานผล")
        }
        # one history row per measure, by the importer, with its unit; steps' history too
        history = Measure.history.filter(organisation=org_a)
        assert history.count() == LARGE
        assert set(history.values_list("history_user__username", flat=True)) == {"staff-a"}
        assert all(h.responsible_units.count() == 1 for h in history[:5])
        assert MeasureStep.history.filter(measure__organisation=org_a).count() == 2 * LARGE
    page = client.get(response["Location"]).content.decode()
    assert f"นำเข้าแล้ว: เพิ่ม {'๑๕๐'} ปรับปรุง ๐ รายการ" in page
    # confirming again imports nothing twice
    client.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk})
    assert measures_of(org_a).count() == LARGE


def test_a_large_file_with_an_error_is_refused_by_the_worker_and_not_kept(
    client, people, org_a, celery_worker
):
    client.force_login(people["staff_a"])
    response = post_file(client, measures_workbook(org_a, LARGE, bad_row=120))
    job = wait_for(latest_job().pk, ImportJob.State.REFUSED)
    page = client.get(response["Location"]).content.decode()
    assert "ยังไม่ได้นำเข้า ข้อมูลในระบบไม่เปลี่ยนแปลง" in page
    assert "แถว ๑๒๐: วันเริ่มต้องไม่หลังกำหนดแล้วเสร็จ" in page
    assert bytes(job.content) == b"" and not measures_of(org_a).exists()
    # a refused job cannot be confirmed
    assert client.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk}).status_code == 404


def test_the_page_of_a_running_job_shows_its_progress_and_refreshes_itself(client, people, org_a):
    client.force_login(people["staff_a"])
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="big.xlsx",
            content=b"",
            done=350,
            total=2000,
            created_by=people["staff_a"],
        )
    response = client.get(reverse("import-job", kwargs={**Y, "pk": job.pk}))
    page = response.content.decode()
    assert "กำลังตรวจไฟล์… ๓๕๐/๒,๐๐๐ แถว" in page
    assert response["Refresh"] == "3"  # without JavaScript
    assert "js/import-progress.js" in page and "<script>" not in page  # CSP: no inline script


def test_another_persons_job_is_not_found_even_in_the_same_organisation(client, people, org_a):
    colleague = make_user("staff-a2", member_of=[(org_a, "staff")])
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="big.xlsx",
            content=b"",
            state=ImportJob.State.CHECKED,
            created_by=people["staff_a"],
        )
    client.force_login(colleague)
    assert client.get(reverse("import-job", kwargs={**Y, "pk": job.pk})).status_code == 404
    response = client.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk})
    assert response.status_code == 404


def test_a_small_file_is_checked_and_imported_in_the_request(client, people, org_a):
    client.force_login(people["staff_a"])
    page = post_file(client, measures_workbook(org_a, INLINE_ROWS)).content.decode()
    assert "ตัวอย่างก่อนนำเข้า" in page  # no worker in this test: it ran in the request
    job = latest_job()
    response = client.post(reverse("measures-import", kwargs=Y), {"confirm": job.pk})
    assert response.status_code == 302
    assert measures_of(org_a).count() == INLINE_ROWS
    assert job_of(job.pk).state == ImportJob.State.DONE


def test_a_measure_saved_after_the_check_refuses_the_whole_import(people, org_a):
    existing = make_measure(org_a, number=1, title="ก่อนนำเข้า")
    content = measures_workbook(org_a, 3, first=2)
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="m.xlsx",
            content=content,
            total=3,
            created_by=people["staff_a"],
        )
    with scope(organisation=org_a.pk):  # as the task runs it
        job_preview(job)
    assert job.state == ImportJob.State.CHECKED
    make_measure(org_a, number=3, title="คนอื่นเพิ่ม")  # between preview and confirmation
    with scope(organisation=org_a.pk):
        job = job_apply(job)
    assert job.state == ImportJob.State.FAILED
    assert any("มีมาตรการลำดับนี้ในระบบแล้ว" in e for e in job.result["errors"]), job.result
    assert sorted(measures_of(org_a).values_list("title", flat=True)) == [
        "ก่อนนำเข้า",
        "คนอื่นเพิ่ม",
    ]
    assert existing.pk in measures_of(org_a).values_list("pk", flat=True)


def test_a_stalled_job_can_be_started_again_and_imports_once(client, people, org_a, celery_worker):
    """A worker lost mid-import leaves the job "importing" (nothing written): once it has not
    moved for longer than a task may run, its page offers to start it again."""
    client.force_login(people["staff_a"])
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="m.xlsx",
            content=measures_workbook(org_a, 5),
            total=5,
            state=ImportJob.State.IMPORTING,
            created_by=people["staff_a"],
        )
    url = reverse("import-job", kwargs={**Y, "pk": job.pk})
    response = client.get(url)
    assert "เริ่มอีกครั้ง" not in response.content.decode() and response["Refresh"] == "3"
    client.post(url)  # not stalled yet: nothing is started
    assert job_of(job.pk).state == ImportJob.State.IMPORTING
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)
    response = client.get(url)
    assert "งานนี้หยุดไปโดยไม่เสร็จ ข้อมูลในระบบไม่เปลี่ยนแปลง" in response.content.decode()
    assert not response.has_header("Refresh")
    assert client.post(url).status_code == 302
    assert wait_for(job.pk, ImportJob.State.DONE, ImportJob.State.FAILED).state == "done"
    assert measures_of(org_a).count() == 5


def test_a_large_progress_file_is_imported_by_the_worker(client, people, org_a, celery_worker):
    with scope(organisation=org_a.pk):  # the year's measures, as a measures import leaves them
        measures = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="m.xlsx",
            content=measures_workbook(org_a, LARGE),
            total=LARGE,
            created_by=people["staff_a"],
        )
        assert job_apply(job_preview(measures)).state == ImportJob.State.DONE
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    client.force_login(people["staff_a"])
    R = {**Y, "pk": six.pk}
    workbook = load_workbook(BytesIO(client.get(reverse("progress-export", kwargs=R)).content))
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    status, summary = headers.index("สถานะ") + 1, headers.index("สรุปผลการดำเนินการ") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, status, "อยู่ระหว่างดำเนินการ")
        sheet.cell(row, summary, f"สรุปแถว {row}")
    out = BytesIO()
    workbook.save(out)
    response = post_file(client, out.getvalue(), reverse("progress-import", kwargs=R))
    job = wait_for(latest_job().pk, ImportJob.State.CHECKED, ImportJob.State.REFUSED)
    assert job.state == "checked", job.result
    assert job.result["totals"]["new"] == LARGE
    page = client.get(response["Location"]).content.decode()
    assert reverse("progress-import", kwargs=R) in page  # the confirmation goes to the round
    response = client.post(reverse("progress-import", kwargs=R), {"confirm": job.pk})
    assert wait_for(job.pk, ImportJob.State.DONE, ImportJob.State.FAILED).state == "done"
    with scopes_disabled():
        progress = Progress.objects.filter(round=six)
        assert progress.count() == LARGE
        assert set(progress.values_list("status", flat=True)) == {Status.IN_PROGRESS}
        assert progress.get(measure__number=1).summary == "สรุปแถว 2"
