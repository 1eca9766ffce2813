"""A supervisor's journey in a real Chromium, at desktop and phone sizes: one click on the
score heading puts the weakest organisation first, its dashboard opens and leads back to the
overview; an executive opening the submitted round sees every measure (not only their unit's)
and approves it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from kernel.thai import fiscal_year_of
from measures.services import round_submit, standard_rounds
from organisations.models import Membership

from ..factories import make_chain, make_measure, make_organisation, make_user, record_results
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [(1366, 768), (360, 740)])
def test_the_weakest_first_then_its_dashboard_and_back(live_server, browser, viewport):
    framework_load_fixtures()
    for code, total in (("strong", 95), ("weak", 61.25), ("middle", 84)):
        org = make_organisation(code, f"องค์การบริหารส่วนตำบล{code}")
        record_results(org, 2568, total=total)
    make_user("supervisor-j", supervises={"province": "เชียงราย"})
    page = browser.new_page(viewport=dict(zip(("width", "height"), viewport, strict=True)))
    login(page, live_server.url, "supervisor-j")
    page.goto(live_server.url + reverse("supervisor") + "?year=2568")
    if viewport[0] > 640:
        page.click("#organisations thead >> text=คะแนน")
    else:  # the table is cards on a phone: the sort is chosen from the filter form
        page.select_option("select[name=sort]", "score_asc")
        page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*sort=score_asc.*"))
    first = page.locator("#organisations tbody tr").first
    assert "อบต.weak" in first.inner_text() and "๖๑.๒๕" in first.inner_text()
    first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/o/weak/dashboard/.*"))
    assert "แดชบอร์ดผู้บริหาร" in page.inner_text("h1")
    page.click("text=ภาพรวมหน่วยงานที่กำกับดูแล")
    page.wait_for_url(re.compile(r".*/supervise/.*"))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]


@pytest.mark.parametrize("viewport", [(1366, 768), (360, 740)])
def test_an_executive_reviews_the_whole_round_and_approves(live_server, browser, viewport):
    framework_load_fixtures()
    org = make_organisation("rev-org", "องค์การบริหารส่วนตำบลทบทวน", units=["สำนักปลัด", "กองคลัง"])
    staff = make_user("staff-rev", member_of=[(org, "staff")])
    mayor = make_user("mayor-rev", member_of=[(org, "executive")])
    with scopes_disabled():
        office, finance = org.unit_set.order_by("order")
        Membership.objects.filter(user=mayor).update(unit=office)
    make_chain(org, mayor)
    # this fiscal year's round, by the real clock (browser tests keep it): signed today, as an
    # executive would, without the question a signature long after its round asks
    year = fiscal_year_of(timezone.localdate())
    make_measure(org, year, 1, title="มาตรการของสำนักปลัด", units=[office])
    make_measure(org, year, 2, title="มาตรการของกองคลัง", units=[finance])
    six = standard_rounds(organisation=org, fiscal_year=year)[0]
    round_submit(progress_round=six, user=staff)
    page = browser.new_page(viewport=dict(zip(("width", "height"), viewport, strict=True)))
    login(page, live_server.url, "mayor-rev")
    page.goto(f"{live_server.url}/o/rev-org/{year}/rounds/{six.pk}/")  # no filter in the address
    text = page.inner_text("main")
    assert "มาตรการของสำนักปลัด" in text and "มาตรการของกองคลัง" in text
    assert "จาก ๒ มาตรการ" not in text
    page.click("#approve-round")
    page.wait_for_url(re.compile(r".*/approve/$"))
    # the document signed, in its own layout, on the page where it is signed
    frame = page.frame_locator(".document-frame")
    frame.locator("h1").first.wait_for()
    signed = frame.locator("body").inner_text()
    assert "มาตรการของสำนักปลัด" in signed and "มาตรการของกองคลัง" in signed
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    page.click("#confirm")
    page.wait_for_selector(".messages .success")
    assert "อนุมัติแล้ว" in page.inner_text("#round-state")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
