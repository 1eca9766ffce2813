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


def test_a_new_organisation_from_the_operators_sheet_to_staff_entering_measures(
    live_server, browser, celery_worker, smtp, settings, tmp_path
):
    """The issue's whole way in, through the portal's pages alone: the national operator
    imports the organisation with its first administrator's address; the administrator joins
    from the e-mail, sets the details and units, invites an executive (who joins from the
    e-mail), creates a staff account with a one-time password, and sets the approval chain;
    the staff member changes that password at first login and enters a measure."""
    framework_load_fixtures()
    settings.PORTAL_BASE_URL = live_server.url
    base = live_server.url
    make_user("operator-e2e", superuser=True)
    sheet = tmp_path / "organisations.csv"
    sheet.write_text(
        "รหัสหน่วยงาน,ประเภท,ชื่อหน่วยงาน,ชื่อย่อ,อำเภอ,จังหวัด,เว็บไซต์,ลิงก์แบบวัด EIT,"
        "อีเมลผู้ดูแลระบบของหน่วยงาน\n"
        "pa-daet,อบต.,องค์การบริหารส่วนตำบลป่าแดด,อบต.ป่าแดด,เมืองเชียงใหม่,เชียงใหม่,"
        "https://padaet.example.org,,Chai@PaDaet.example.org\n",
        encoding="utf-8-sig",
    )

    # the national operator
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    login(desk, base, "operator-e2e")
    desk.goto(f"{base}/operators/organisations/import/")
    desk.set_input_files("#id_sheet", str(sheet))
    desk.click("main form button[type=submit]")
    assert "องค์การบริหารส่วนตำบลป่าแดด" in desk.inner_text("main")
    desk.click("text=ยืนยันนำเข้าทั้งหมด")
    desk.wait_for_selector(".messages .success")
    desk.context.clear_cookies()

    # the first administrator joins from the invitation e-mail
    [message] = _wait_for(smtp, "chai@padaet.example.org")
    [link] = LINK.findall(message["body"])
    desk.goto(link)
    desk.fill("#id_new_password1", "มะขาม-หวาน-2569")
    desk.fill("#id_new_password2", "มะขาม-หวาน-2569")
    desk.click("main form button[type=submit]")
    desk.wait_for_url(re.compile(r".*/$"))

    # the organisation's details and units
    desk.goto(f"{base}/o/pa-daet/settings/details/")
    desk.fill("#id_address", "๙๙ หมู่ ๑ ตำบลป่าแดด อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ ๕๐๑๐๐")
    desk.fill("#id_document_prefix", "ชม ๗๔๐๐๑")
    desk.click("main form button[type=submit]")
    desk.wait_for_selector(".messages .success")
    desk.goto(f"{base}/o/pa-daet/settings/")
    names = desk.locator("input[name^='units-'][name$='-name']")
    empty = [i for i in range(names.count()) if not names.nth(i).input_value()]
    names.nth(empty[0]).fill("สำนักปลัด")
    names.nth(empty[1]).fill("กองคลัง")
    desk.click("main form button[type=submit]")
    desk.wait_for_selector(".messages .success")

    # an executive, invited by e-mail, joins on a phone
    desk.goto(f"{base}/o/pa-daet/settings/members/invite/")
    desk.fill("#id_email", "nayok@padaet.example.org")
    desk.fill("#id_full_name", "นายสมชาย ใจงาม")
    desk.select_option("#id_role", "executive")
    desk.fill("#id_position", "นายกองค์การบริหารส่วนตำบลป่าแดด")
    desk.click("main form button[type=submit]")
    desk.wait_for_selector(".messages .success")
    [message] = _wait_for(smtp, "nayok@padaet.example.org")
    [link] = LINK.findall(message["body"])
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    phone.goto(link)
    phone.fill("#id_new_password1", "ลำไย-หวาน-2570")
    phone.fill("#id_new_password2", "ลำไย-หวาน-2570")
    phone.click("main form button[type=submit]")
    phone.wait_for_url(re.compile(r".*/$"))
    phone.close()

    # a staff account with a one-time password
    desk.goto(f"{base}/o/pa-daet/settings/members/new/")
    desk.fill("#id_username", "kanda.padaet")
    desk.fill("#id_full_name", "นางสาวกานดา ขยันดี")
    desk.select_option("#id_role", "staff")
    desk.select_option("#id_unit", label="กองคลัง")
    desk.fill("#id_position", "นักวิเคราะห์นโยบายและแผน")
    desk.click("main form button[type=submit]")
    initial = desk.inner_text("#initial-password").strip()

    # the approval chain
    desk.goto(f"{base}/o/pa-daet/settings/chain/")
    desk.fill("#id_steps-0-title", "ความเห็นนายกองค์การบริหารส่วนตำบล")
    desk.select_option("#id_steps-0-approver", label="นายสมชาย ใจงาม")
    desk.click("main form button[type=submit]")
    desk.wait_for_selector(".messages .success")
    assert "นายกองค์การบริหารส่วนตำบลป่าแดด" in desk.inner_text("main")  # printed position
    desk.close()

    # the staff member: a new password first, then a measure
    staff = browser.new_page(viewport={"width": 1366, "height": 768})
    staff.goto(f"{base}/accounts/login/")
    staff.fill("#id_username", "kanda.padaet")
    staff.fill("#id_password", initial)
    staff.click("button[type=submit]")
    staff.wait_for_selector("#id_new_password1")
    staff.fill("#id_old_password", initial)
    staff.fill("#id_new_password1", "ส้มโอ-ดี-2570")
    staff.fill("#id_new_password2", "ส้มโอ-ดี-2570")
    staff.click("main form button[type=submit]")
    staff.wait_for_selector(".messages .success")
    year = 2570
    staff.goto(f"{base}/o/pa-daet/{year}/measures/new/")
    staff.fill("#id_title", "มาตรการเปิดเผยข้อมูลสาธารณะของ อบต.ป่าแดด")
    staff.locator("input[name=responsible_units]").first.check()
    staff.click("main form button[type=submit]")
    staff.wait_for_selector(".messages .success")
    staff.goto(f"{base}/o/pa-daet/{year}/measures/")
    assert "มาตรการเปิดเผยข้อมูลสาธารณะของ อบต.ป่าแดด" in staff.inner_text("main")
    assert "ยังไม่ได้กำหนดลำดับการอนุมัติ" not in staff.inner_text("main")
    users = User.objects.filter(username__in=["chai@padaet.example.org", "kanda.padaet"])
    assert all(not u.must_change_password and u.has_usable_password() for u in users)
