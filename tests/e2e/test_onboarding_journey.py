"""Onboarding in a real Chromium: an organisation's administrator invites a colleague from the
portal's own Thai pages; a real Celery worker sends the invitation through Django's SMTP
backend to a real SMTP server on loopback; the colleague opens the link from the e-mail (on a
phone), sets a password and lands in the organisation; the link then works no more."""

import re
import time

import pytest

from assessments.services import framework_load_fixtures
from organisations.models import User

from ..factories import make_organisation, make_user
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"https?://\S+")


def _wait_for(inbox, address, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if inbox.to(address):
            return inbox.to(address)
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {address}")


def test_an_administrator_invites_and_the_colleague_joins_from_the_email(
    live_server, browser, celery_worker, smtp, settings
):
    framework_load_fixtures()
    settings.PORTAL_BASE_URL = live_server.url
    org = make_organisation("join-org", "องค์การบริหารส่วนตำบลเข้าร่วม", units=["สำนักปลัด", "กองคลัง"])
    make_user("orgadmin-join", member_of=[(org, "org_admin")])

    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    login(desk, live_server.url, "orgadmin-join")
    desk.goto(f"{live_server.url}/o/join-org/settings/members/invite/")
    desk.fill("#id_email", "Kanya@Example.go.th")
    desk.fill("#id_full_name", "นางสาวกัญญา ใจดี")
    desk.select_option("#id_role", "staff")
    desk.select_option("#id_unit", label="กองคลัง")
    desk.fill("#id_position", "นักจัดการงานทั่วไป")
    desk.click("main form button[type=submit]")
    desk.wait_for_selector(".messages .success")
    assert "kanya@example.go.th" in desk.inner_text("main")
    desk.close()

    [message] = _wait_for(smtp, "kanya@example.go.th")
    assert "เรียน นางสาวกัญญา ใจดี" in message["body"]
    [link] = LINK.findall(message["body"])
    assert link.startswith(live_server.url)

    phone = browser.new_page(viewport={"width": 360, "height": 740})
    phone.goto(link)
    assert phone.inner_text("#invited-username") == "kanya@example.go.th"
    phone.fill("#id_new_password1", "ลำไย-หวาน-2569")
    phone.fill("#id_new_password2", "ลำไย-หวาน-2569")
    phone.click("main form button[type=submit]")
    phone.wait_for_url(re.compile(r".*/$"))
    phone.goto(f"{live_server.url}/o/join-org/")
    assert "องค์การบริหารส่วนตำบลเข้าร่วม" in phone.inner_text("main")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    user = User.objects.get(username="kanya@example.go.th")
    assert user.check_password("ลำไย-หวาน-2569") and user.full_name == "นางสาวกัญญา ใจดี"

    phone.context.clear_cookies()
    again = phone.goto(link)
    assert again.status == 410 and "ใช้แล้วหรือหมดอายุแล้ว" in phone.inner_text("main")
