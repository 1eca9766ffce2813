"""The waiting page in a real browser: a PDF not rendered yet shows "กำลังจัดทำเอกสาร…", its
script polls the job's status under the Content-Security-Policy, and the page then opens the
PDF the worker rendered."""

import pytest

from assessments.services import framework_load_fixtures
from measures.services import standard_rounds

from ..factories import make_measure, make_organisation, make_user
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_waiting_page_turns_into_the_pdf(live_server, browser, celery_worker):
    framework_load_fixtures()  # a transactional test starts from an empty database
    org = make_organisation("wait-org", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด"])
    make_user("staff-wait", member_of=[(org, "staff")])
    make_measure(org, 2569, 1, title="มาตรการเปิดเผยข้อมูลข่าวสาร")
    six = standard_rounds(organisation=org, fiscal_year=2569)[0]
    base = live_server.url

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, base, "staff-wait")
    url = f"{base}/o/wait-org/2569/reports/r0/{six.pk}.pdf"
    polled = []
    page.on("request", lambda r: polled.append(r.url) if "/status/" in r.url else None)
    with page.expect_response(
        lambda r: r.url == url and r.status == 200, timeout=120_000
    ) as pdf_response:
        first = page.goto(url)
        assert first.status == 202
        assert "กำลังจัดทำเอกสาร…" in page.content()
    response = pdf_response.value
    assert response.headers["content-type"] == "application/pdf"
    assert polled, "the script polled the status URL"
    assert problems == []
    context.close()
