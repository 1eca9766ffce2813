"""The Content-Security-Policy in a real browser: pages run without a single violation, and
the round screen's unit filter (once an inline onchange) still submits on change."""

import re

import pytest
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from measures.services import standard_rounds
from organisations.models import Unit

from ..factories import make_measure, make_organisation, make_user
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_run_under_the_policy_and_the_unit_filter_works(live_server, browser):
    framework_load_fixtures()  # a transactional test starts from an empty database
    org = make_organisation("csp-org", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด", "กองคลัง"])
    make_user("staff-csp", member_of=[(org, "staff")])
    make_measure(org, 2569, 1, title="มาตรการเปิดเผยข้อมูลข่าวสาร")
    six = standard_rounds(organisation=org, fiscal_year=2569)[0]
    with scopes_disabled():
        finance = Unit.objects.of(org).get(name="กองคลัง")
    base = live_server.url

    page = browser.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, base, "staff-csp")
    response = page.goto(f"{base}/o/csp-org/2569/rounds/{six.pk}/?unit=all")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof document.querySelector('[data-submit-on-change]')") == "object"
    page.select_option("#unit", str(finance.pk))
    page.wait_for_url(re.compile(rf".*[?&]unit={finance.pk}$"))
    assert page.input_value("#unit") == str(finance.pk)
    for path in ("/o/csp-org/2569/", "/o/csp-org/dashboard/", "/supervise/"):
        page.goto(base + path)
    assert violations == []
