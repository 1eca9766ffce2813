"""PDFs off the request: the waiting page, one job per document, the real worker rendering
within limits, pre-rendering on approval and publication, and pruning the rendered files."""

import datetime
import re
import time

import pytest
import redis as redis_client
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from measures.models import Progress
from measures.services import evidence_add, measure_save, standard_rounds
from printing.limits import Limits, RenderRefused, render_limited
from printing.pipeline import rendered_storage
from reports import jobs
from reports.documents import DOCUMENTS, ROUND_CODES
from reports.models import RenderJob
from reports.pruning import prune

from ..conftest import make_org_a, make_org_b, make_people
from ..factories import approve_round, make_measure, make_user, record_results
from ..reports_helpers import compact, page_count, pdf_text

Y = {"org": "org-a", "year": 2569}


def wait_for(predicate, what, seconds=180):
    """Poll until ``predicate()`` is true; a deadline so that a broken worker fails the test
    instead of hanging it (not a measurement)."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.3)


def job_state(key):
    with scopes_disabled():
        return RenderJob.objects.get(key=key).state


def a_round(org_a, measures=2):
    """Org A's 6-month round of 2569 with measures, progress and evidence (a draft)."""
    framework_load_fixtures()  # a transactional test starts from an empty database
    record_results(org_a, 2568, total="88.50", indicators={(1, 0): "90"})
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    for n in range(1, measures + 1):
        measure = make_measure(org_a, 2569, n, title=f"มาตรการเปิดเผยข้อมูลสาธารณะที่ {n}")
        progress = Progress.objects.create(
            measure=measure, round=six, status="done", summary="ทำแล้ว"
        )
    evidence_add(progress=progress, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    return six


def org_and_people():
    org_a, org_b = make_org_a(), make_org_b()
    return org_a, make_people(org_a, org_b)


def report_url(code, pk, query=""):
    return reverse("report", kwargs={**Y, "code": code, "pk": pk, "fmt": "pdf"}) + query


def waiting(response):
    """The waiting page's job key and status URL, after checking what the page says."""
    assert response.status_code == 202, response.status_code
    page = response.content.decode()
    assert "กำลังจัดทำเอกสาร…" in page
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', page)
    assert "/static/js/report-wait.js" in page and "<script>" not in page  # no inline script
    status_url = re.search(r'data-render-status="([^"]+)"', page).group(1)
    return response.context["job"].key, status_url


# --- the real worker ---------------------------------------------------------------------


def test_first_request_waits_then_the_same_address_is_the_pdf(client, celery_worker):
    org_a, people = org_and_people()
    six = a_round(org_a)
    client.force_login(people["staff_a"])
    url = report_url("r3", six.pk)
    key, status_url = waiting(client.get(url))
    status = wait_for(
        lambda: (s := client.get(status_url).json())["state"] == "done" and s, "the render"
    )
    assert status["progress"] == 100 and status["label"] == "เสร็จแล้ว"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = compact(pdf_text(response.content))
    assert compact("มาตรการเปิดเผยข้อมูลสาธารณะที่ 1") in text and "ฉบับร่าง" in text
    # the status is the organisation's: another organisation's member does not see it
    client.force_login(people["staff_b"])
    assert client.get(status_url).status_code == 404


def test_identical_requests_join_one_job(client, transactional_db, redis):
    """Two readers opening the same document before it is ready: one job, one message to the
    workers; then one worker renders it and both addresses serve the same file."""
    from celery.contrib.testing.worker import start_worker

    from ita_portal.celery import app

    org_a, people = org_and_people()
    six = a_round(org_a)
    queue = redis_client.Redis.from_url(redis)
    before = queue.llen("celery")
    client.force_login(people["staff_a"])
    first_key, _ = waiting(client.get(report_url("r1", six.pk)))
    client.force_login(people["exec_a"])
    second_key, _ = waiting(client.get(report_url("r1", six.pk)))
    assert first_key == second_key
    assert queue.llen("celery") - before == 1
    with scopes_disabled():
        assert RenderJob.objects.filter(key=first_key).count() == 1
    # another digit style is another document
    other_key, _ = waiting(client.get(report_url("r1", six.pk, "?digits=arabic")))
    assert other_key != first_key
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        wait_for(lambda: job_state(first_key) == "done", "the render")
        wait_for(lambda: job_state(other_key) == "done", "the other render")
    pdf = client.get(report_url("r1", six.pk))
    assert pdf.status_code == 200 and pdf["X-Report-Cache"] == "hit"
    assert "76.92" not in compact(pdf_text(pdf.content))


def test_a_render_redis_could_not_take_is_sent_by_the_next_request(
    client, transactional_db, redis, monkeypatch
):
    """Redis away at the first click: the reader still gets the waiting page (no error page),
    and the job is not left waiting for a message that was never sent: the next request for
    the document sends it."""
    from kombu.exceptions import OperationalError

    from reports.tasks import render_document

    org_a, people = org_and_people()
    six = a_round(org_a)
    queue = redis_client.Redis.from_url(redis)
    before = queue.llen("celery")
    client.force_login(people["staff_a"])

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(render_document, "delay", unreachable)
        key, _ = waiting(client.get(report_url("r1", six.pk)))
    assert queue.llen("celery") == before
    with scopes_disabled():
        job = RenderJob.objects.get(key=key)
    assert job.state == "queued" and job.queued_at < timezone.now() - jobs.stale_after()
    again, _ = waiting(client.get(report_url("r1", six.pk)))
    assert again == key and queue.llen("celery") - before == 1
    with scopes_disabled():
        assert RenderJob.objects.get(key=key).queued_at > timezone.now() - jobs.stale_after()


def test_approval_and_publication_prerender_the_documents(client, celery_worker):
    org_a, people = org_and_people()
    six = a_round(org_a)
    staff = people["staff_a"]
    six = approve_round(six, submitter=staff)
    with scopes_disabled():
        expected = {(code, six.pk) for code in ROUND_CODES}
        analysis = six.versions.get().content.get("analysis")
        if analysis:
            expected.add(("r2", analysis["assessment_id"]))

    def all_done():
        with scopes_disabled():
            done = RenderJob.objects.filter(organisation=org_a, state="done", approved=True)
            return {(j.code, j.subject_id) for j in done} >= expected

    wait_for(all_done, "the approved documents")
    client.force_login(people["exec_a"])
    for code in ROUND_CODES:  # the first click is the file
        response = client.get(report_url(code, six.pk))
        assert response.status_code == 200 and response["X-Report-Cache"] == "hit", code
    text = compact(pdf_text(client.get(report_url("r1", six.pk)).content))
    assert "ฉบับร่าง" not in text
    # publishing renders the public documents (the approved ones: the same keys) when they
    # are not stored, e.g. pruned since
    from measures.services import round_publish

    with scopes_disabled():
        jobs_before = RenderJob.objects.count()
        public_keys = [
            j.key for j in RenderJob.objects.filter(code__in=["r1", "r3", "r4"], subject_id=six.pk)
        ]
    for key in public_keys:
        rendered_storage().delete(f"{key}.pdf")
    round_publish(progress_round=six, user=staff)
    client.logout()

    def public_ready():
        with scopes_disabled():
            return RenderJob.objects.filter(key__in=public_keys, public=True, state="done").count()

    wait_for(lambda: public_ready() == 3, "the public documents")
    with scopes_disabled():
        assert RenderJob.objects.count() == jobs_before  # the same jobs, made again
    for code in ("r1", "r3", "r4"):
        url = reverse("public-report", kwargs={**Y, "pk": six.pk, "code": code})
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_report_beyond_the_page_limit_fails_in_thai_and_the_worker_goes_on(
    client, celery_worker, settings
):
    from ops.tasks import ping

    org_a, people = org_and_people()
    six = a_round(org_a, measures=12)
    client.force_login(people["staff_a"])
    settings.ITA_RENDER_MAX_PAGES = 1
    url = report_url("r1", six.pk)
    key, status_url = waiting(client.get(url))
    status = wait_for(
        lambda: (s := client.get(status_url).json())["state"] == "failed" and s, "the refusal"
    )
    assert "รายงานนี้ยาวเกิน ๑ หน้า" in status["message"]
    failed = client.get(url)
    assert failed.status_code == 422
    page = failed.content.decode()
    assert "จัดทำเอกสารไม่สำเร็จ" in page and "รายงานนี้ยาวเกิน ๑ หน้า" in page
    assert 'http-equiv="refresh"' not in page  # a failure does not keep reloading
    # the worker is alive and renders the next document (the one-page cover)
    assert ping.delay().get(timeout=30) == "pong"
    cover_key, _ = waiting(client.get(report_url("r0", six.pk)))
    wait_for(lambda: job_state(cover_key) == "done", "the cover")
    cover = client.get(report_url("r0", six.pk))
    assert cover.status_code == 200 and page_count(cover.content) == 1
    # a change of the data is a new key: the long report is tried again
    settings.ITA_RENDER_MAX_PAGES = 300
    with scopes_disabled():
        measure = six.organisation.measure_set.get(number=1)
    measure.title = "มาตรการที่แก้ไขแล้ว"
    measure_save(measure=measure, steps=["ขั้นแรก"], expected_version=measure.version)
    new_key, _ = waiting(client.get(url))
    assert new_key != key
    wait_for(lambda: job_state(new_key) == "done", "the render after the change")


# --- limits, without a worker ----------------------------------------------------------


LONG_HTML = (
    '<html><body style="font-family: Sarabun">'
    + "".join(f"<p>บรรทัดที่ {i} การทดสอบขีดจำกัด</p>" for i in range(300))
    + "</body></html>"
)


def test_the_bounded_render_counts_pages_and_refuses_what_is_too_large():
    content, pages = render_limited(LONG_HTML, Limits(seconds=120, memory_mb=2048, pages=100))
    assert content.startswith(b"%PDF") and pages == page_count(content) > 3
    with pytest.raises(RenderRefused) as refused:
        render_limited(LONG_HTML, Limits(seconds=120, memory_mb=2048, pages=3))
    assert refused.value.reason == "pages"
    assert f"ยาวเกิน ๓ หน้า (ยาว {''.join('๐๑๒๓๔๕๖๗๘๙'[int(d)] for d in str(pages))} หน้า)" in (
        refused.value.message
    )


def test_the_render_is_forked_warm_in_the_callers_session():
    """Each render runs in a child forked from the warm caller (no fresh interpreter that
    imports WeasyPrint and loads the fonts again) and stays in the caller's session, so that
    the worker's niceness and scheduling group are the render's too."""
    import os

    import psutil

    me = psutil.Process()
    seen = []

    def look(stage):  # (the test session may have other children, e.g. its Redis)
        children = [c for c in me.children() if "redis-server" not in " ".join(c.cmdline())]
        seen.append([(c.cmdline(), os.getsid(c.pid), c.nice()) for c in children])

    content, _pages = render_limited(LONG_HTML, Limits(seconds=120, memory_mb=2048, pages=100),
                                     on_stage=look)  # fmt: skip
    assert content.startswith(b"%PDF") and seen
    for children in seen:
        assert len(children) == 1, children
        command, session, nice = children[0]
        assert command == me.cmdline() and session == os.getsid(0) and nice == me.nice()


def test_memory_and_time_limits_end_in_a_thai_refusal_not_a_crash():
    # the worker has freed memory it keeps mapped (an import ran in it before): a fork may
    # reuse it without mapping more, and the limit must bite all the same
    blocks = [str(i) * (1 + i % 40) for i in range(2_000_000)]
    kept = blocks[::500] + [bytes(2000) + str(i).encode() for i in range(0, 40_000)][::100]
    del blocks
    with pytest.raises(RenderRefused) as memory:
        # 1 MB held by the render itself beyond what it shares with the warm worker
        render_limited(LONG_HTML, Limits(seconds=120, memory_mb=1, pages=100))
    assert kept
    assert memory.value.reason == "memory"
    assert "หน่วยความจำที่กำหนดไว้ (๑ เมกะไบต์)" in memory.value.message
    with pytest.raises(RenderRefused) as slow:
        render_limited(LONG_HTML, Limits(seconds=0, memory_mb=2048, pages=100))
    assert slow.value.reason == "time" and "วินาที" in slow.value.message
    # the process that asked goes on
    assert render_limited(LONG_HTML, Limits(seconds=120, memory_mb=2048, pages=100))[1] > 3


@pytest.mark.django_db
def test_a_job_whose_rows_were_rolled_back_is_dropped():
    assert jobs.run("0" * 64) == "gone"


# --- pruning ---------------------------------------------------------------------------


def _render(document, organisation, code, subject_id, **kwargs):
    content, job = jobs.request_pdf(
        document, organisation=organisation, code=code, subject_id=subject_id, **kwargs
    )
    assert content is None
    assert jobs.run(job.key) == "done"
    return job.key


@pytest.mark.django_db
def test_pruning_removes_old_renders_of_changed_data_and_keeps_a_size_bound(org_a):
    framework_load_fixtures()
    staff = make_user("staff-prune", member_of=[(org_a, "staff")])
    six, twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    measure = make_measure(org_a, 2569, 1, title="มาตรการก่อนแก้")
    Progress.objects.create(measure=measure, round=six, status="done")
    Progress.objects.create(measure=measure, round=twelve, status="in_progress")
    draft_key = _render(DOCUMENTS["r3"](twelve), org_a, "r3", twelve.pk)
    six = approve_round(six, submitter=staff)
    approved_key = _render(DOCUMENTS["r3"](six), org_a, "r3", six.pk)
    storage = rendered_storage()
    storage.save("f" * 64 + ".pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 orphan"))
    # the twelve-month draft changes: its render is of old data now
    measure.title = "มาตรการหลังแก้"
    measure_save(measure=measure, steps=["ขั้นแรก"], expected_version=measure.version)
    new_draft_key = _render(DOCUMENTS["r3"](twelve), org_a, "r3", twelve.pk)
    assert new_draft_key != draft_key

    # within the grace period nothing goes
    assert prune()["changed"] == 0 and storage.exists(f"{draft_key}.pdf")
    # past the grace period of the newest file: files carry the file system's own times,
    # which need not be the tests' clock (tests/conftest.py)
    newest = max(storage.get_modified_time(n) for n in storage.listdir("")[1])
    later = max(timezone.now(), newest) + datetime.timedelta(
        hours=django_settings.ITA_RENDERED_GRACE_HOURS + 1
    )
    result = prune(later)
    assert result == {"changed": 1, "orphans": 1, "size": 0, **result}
    assert not storage.exists(f"{draft_key}.pdf") and not storage.exists("f" * 64 + ".pdf")
    with scopes_disabled():
        assert not RenderJob.objects.filter(key=draft_key).exists()
    assert storage.exists(f"{approved_key}.pdf") and storage.exists(f"{new_draft_key}.pdf")

    # over the size bound: the oldest go first, never the current approved version
    result = prune(later, max_bytes=1)
    assert result["size"] == 1 and result["over_limit"]
    assert storage.exists(f"{approved_key}.pdf") and not storage.exists(f"{new_draft_key}.pdf")
    # an evicted render is made again on the next request
    content, job = jobs.request_pdf(
        DOCUMENTS["r3"](twelve), organisation=org_a, code="r3", subject_id=twelve.pk
    )
    assert content is None and job.key == new_draft_key and job.state == "queued"


@pytest.mark.django_db
def test_the_prune_command_and_the_schedule(org_a, capsys):
    assert django_settings.CELERY_BEAT_SCHEDULE["prune-rendered"]["task"] == (
        "reports.tasks.prune_rendered"
    )
    call_command("prune_rendered")
    out = capsys.readouterr().out
    assert "ลบไฟล์ของข้อมูลที่เปลี่ยนแล้ว" in out and "คงเหลือ" in out
