"""A large measures workbook in a real browser: the upload leads to the job's page, whose
script (static/js/import-progress.js, no inline code) follows the worker's progress and shows
the preview when the check is done; the confirmation ends on the outcome."""

import re

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django_scopes import scopes_disabled

from measures.models import Measure

from ..factories import make_organisation, make_user
from ..import_files import measures_workbook
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _without_refresh(route):
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "refresh"}
    route.fulfill(response=response, headers=headers)


def _no_read_locks(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA read_uncommitted = 1")


@pytest.fixture
def reads_take_no_table_locks():
    """pytest's in-memory SQLite (a shared cache) fails a writer at once while another
    connection reads: the page's polling would fail the worker's progress writes."""
    connection_created.connect(_no_read_locks)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _no_read_locks(None, connection)
    yield
    connection_created.disconnect(_no_read_locks)


def test_a_large_import_shows_its_progress_then_the_preview_then_the_outcome(
    reads_take_no_table_locks, live_server, browser, celery_worker, tmp_path
):
    org = make_organisation("job-org", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด"])
    make_user("staff-job", member_of=[(org, "staff")])
    rows = 2000  # seconds of checking: the page opens while the worker is at it
    upload = tmp_path / "measures.xlsx"
    upload.write_bytes(measures_workbook(org, rows))
    base = live_server.url

    page = browser.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    # the job's page without its Refresh header: only the script may bring the preview
    page.route(re.compile(r".*/imports/\d+/$"), _without_refresh)
    login(page, base, "staff-job")
    page.goto(f"{base}/o/job-org/2569/measures/import/")
    page.set_input_files("#file", str(upload))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/o/job-org/2569/imports/*/")
    assert "กำลังตรวจไฟล์…" in page.text_content("[data-import-progress]")
    assert "/๒,๐๐๐ แถว" in page.text_content("[data-import-progress]")
    # the script replaces the page by the preview once the worker has checked every row
    page.wait_for_selector("text=ตัวอย่างก่อนนำเข้า", timeout=60_000)
    assert page.locator("table.grid tbody tr").count() == rows
    page.click("button[name=confirm]")
    page.wait_for_selector("text=นำเข้าแล้ว: เพิ่ม ๒๐๐๐ ปรับปรุง ๐ รายการ", timeout=60_000)
    with scopes_disabled():
        assert Measure.objects.filter(organisation=org).count() == rows
    assert violations == []
