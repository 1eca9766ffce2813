"""End to end in a real headless Chromium (Debian's, driven by Playwright; no browser download),
at desktop and phone sizes: staff fill a 6-month round for two measures with one evidence
upload and submit it straight away (what they typed is saved first, then a summary asks for
confirmation), the executive approves and publishes it through their confirmation pages, and
the home page shows where the year stands. axe-core checks every page of the journey, and no
page is wider than the screen."""

import os
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from kernel.thai import fiscal_year_of, format_date
from measures.models import Evidence, Progress
from measures.services import standard_rounds
from organisations.models import Membership

from ..factories import make_chain, make_measure, make_organisation, make_user
from .browser import axe_violations, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def looked_at(page, width):
    """Each page of the journey: nothing axe-core objects to, nothing wider than the screen."""
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width, height", [(1366, 768), (360, 740)])
def test_fill_submit_approve_and_see_it_at_home(live_server, browser, tmp_path, width, height):
    framework_load_fixtures()  # a transactional test starts from an empty database
    org = make_organisation("e2e-org", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด", "กองคลัง"])
    staff = make_user("staff-e2e", member_of=[(org, "staff")])
    mayor = make_user("mayor-e2e", member_of=[(org, "executive")])
    with scopes_disabled():
        Membership.objects.filter(user=mayor).update(position="นายกองค์การบริหารส่วนตำบลทดสอบ")
    make_chain(org, mayor)
    # this fiscal year by the real clock (browser tests keep it): the round is signed today
    year = fiscal_year_of(timezone.localdate())
    first = make_measure(org, year, 1, title="มาตรการเปิดเผยข้อมูลข่าวสาร")
    second = make_measure(org, year, 2, title="กิจกรรมประชุมผู้บริหารและพนักงาน")
    six = standard_rounds(organisation=org, fiscal_year=year)[0]
    evidence = tmp_path / "รายงานการประชุม.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence of the meeting\n")
    base = live_server.url
    round_url = f"{base}/o/e2e-org/{year}/rounds/{six.pk}/?unit=all"

    page = browser.new_page(viewport={"width": width, "height": height})  # under the real CSP
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    login(page, base, "staff-e2e")
    page.goto(round_url)
    looked_at(page, width)
    page.check("#id_p-0-status_2")  # ดำเนินการแล้วเสร็จ
    page.fill("#id_p-0-summary", "๑. เผยแพร่ข้อมูลบนเว็บไซต์ ๒. ติดประกาศหน้าสำนักงาน")
    page.fill("#id_p-0-done_text", format_date(six.start_date))
    page.set_input_files("#id_p-0-evidence_file", str(evidence))
    page.check("#id_p-1-status_1")  # อยู่ระหว่างดำเนินการ
    page.fill("#id_p-1-summary", "ประชุมครั้งที่ ๑ แล้ว")
    page.click("#submit-round")  # without saving first: the typing is saved on the way
    page.wait_for_url(re.compile(r".*/rounds/\d+/submit/$"))
    assert "แล้วเสร็จ ๑/๒ · ไม่มีหลักฐาน ๑ มาตรการ" in page.inner_text("#report-summary")
    assert "คุณ mayor-e2e" in page.inner_text("main")  # the chain it goes to
    looked_at(page, width)
    page.screenshot(path=str(tmp_path / "confirm.png"), full_page=True)
    page.click("#confirm")
    page.wait_for_selector(".messages .success")
    assert "ส่งเสนอแล้ว" in page.inner_text("#round-state")
    looked_at(page, width)
    page.screenshot(path=str(tmp_path / "staff.png"), full_page=True)

    page.context.clear_cookies()
    login(page, base, "mayor-e2e")
    page.goto(round_url)
    page.click("#approve-round")
    page.wait_for_url(re.compile(r".*/rounds/\d+/approve/$"))
    looked_at(page, width)
    page.fill("#comment", "ทราบ เห็นชอบ ให้เผยแพร่")
    page.click("#confirm")
    page.wait_for_selector(".messages .success")
    assert "อนุมัติแล้ว" in page.inner_text("#round-state")
    page.click("#publish-round")
    page.wait_for_url(re.compile(r".*/rounds/\d+/publish/$"))
    looked_at(page, width)
    page.click("#confirm")
    page.wait_for_selector(".messages .success")
    assert "เผยแพร่แล้ว" in page.inner_text("main")
    looked_at(page, width)

    page.goto(f"{base}/o/e2e-org/{year}/")
    looked_at(page, width)
    home = page.inner_text("main")
    assert "รายงานรอบ ๖ เดือน" in home and "อนุมัติแล้ว" in home
    assert "แล้วเสร็จ ๑/๒" in home
    page.screenshot(
        path=os.environ.get("E2E_SCREENSHOT", str(tmp_path / "home.png")), full_page=True
    )

    assert blocked == []  # no script or style of the journey was refused by the CSP
    six.refresh_from_db()
    assert (six.state, six.published) == ("approved", True)
    with scopes_disabled():
        assert Progress.objects.get(measure=first).status == "done"
        assert Progress.objects.get(measure=second).status == "in_progress"
        assert Evidence.objects.get().original_name == "รายงานการประชุม.pdf"
    assert staff.pk  # the staff account did the filling (kept in history)
