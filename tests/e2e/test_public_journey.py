"""The public finds the evidence, in a real Chromium: staff see the public address with a copy
button and print the A4 QR poster (one page); a visitor on a phone goes from the front door
through the index to the organisation's year, jumps to a measure and opens its evidence, and
no page is wider than a 360 px screen; the published report opens as a PDF."""

import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.services import framework_load_fixtures
from measures.models import Progress
from measures.services import evidence_add, standard_rounds

from ..factories import approve_round, make_measure, make_organisation, make_user
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_wider_than_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


def test_staff_hand_out_the_address_and_a_visitor_finds_the_evidence_on_a_phone(
    live_server, browser, tmp_path, celery_worker
):
    framework_load_fixtures()
    org = make_organisation("pub-org", "องค์การบริหารส่วนตำบลเผยแพร่", province="น่าน")
    staff = make_user("staff-pub", member_of=[(org, "staff")])
    first = make_measure(org, 2569, 1, title="มาตรการเปิดเผยข้อมูลข่าวสาร")
    make_measure(org, 2569, 2, title="กิจกรรมประชุมผู้บริหารและพนักงาน")
    six = standard_rounds(organisation=org, fiscal_year=2569)[0]
    progress = Progress.objects.create(measure=first, round=six, status="done", summary="ทำแล้ว")
    evidence_add(
        progress=progress,
        upload=SimpleUploadedFile("ประกาศ.pdf", b"%PDF-1.4\n% the notice\n"),
        title="ประกาศเจตจำนงสุจริต",
    )
    approve_round(six, submitter=staff, publish=True)
    base = live_server.url
    public_url = f"{base}/public/pub-org/2569/"

    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    login(desk, base, "staff-pub")
    desk.goto(f"{base}/o/pub-org/2569/reports/")
    assert desk.input_value("#public-url") == public_url
    desk.click("[data-copy]")
    desk.wait_for_function("document.querySelector('[data-copy]').textContent.includes('แล้ว')")
    desk.click("text=โปสเตอร์คิวอาร์โค้ดสำหรับพิมพ์ (A4)")
    desk.wait_for_url(re.compile(r".*/public-poster/$"))
    assert "องค์การบริหารส่วนตำบลเผยแพร่" in desk.inner_text("main")
    desk.emulate_media(media="print")
    poster = tmp_path / "poster.pdf"
    desk.pdf(path=str(poster), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(poster)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", info), info  # one A4 sheet
    assert "(A4)" in info, info
    desk.close()

    phone = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    phone = phone.new_page()
    phone.goto(f"{base}/")  # the front door: a login form, and the way in for the public
    phone.click("text=ค้นหารายงาน ITA ที่หน่วยงานเผยแพร่")
    phone.wait_for_url(re.compile(r".*/public/$"))
    _no_wider_than_screen(phone)
    phone.click("ul.columns >> text=น่าน")
    phone.wait_for_selector("text=องค์การบริหารส่วนตำบลเผยแพร่")
    _no_wider_than_screen(phone)
    phone.click("text=องค์การบริหารส่วนตำบลเผยแพร่")
    phone.wait_for_url(re.compile(r".*/public/pub-org/$"))
    phone.click("text=ปีงบประมาณ พ.ศ. ๒๕๖๙")
    phone.wait_for_url(re.compile(r".*/public/pub-org/2569/$"))
    _no_wider_than_screen(phone)
    phone.click("nav.jump >> text=มาตรการเปิดเผยข้อมูลข่าวสาร")
    assert phone.url.endswith("#mmeasure-1")
    link = phone.locator("a", has_text="ประกาศเจตจำนงสุจริต")  # titled as staff titled it
    response = phone.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    phone.screenshot(path=str(tmp_path / "public-phone.png"), full_page=True)
    # a published report: the waiting page (if it is not rendered yet), then the PDF
    report = phone.locator('a[href$="/r3.pdf"]').first
    url = live_server.url + report.get_attribute("href")
    with phone.expect_response(
        lambda r: r.url == url and r.status == 200, timeout=120_000
    ) as pdf_response:
        report.click()
    assert pdf_response.value.headers["content-type"] == "application/pdf"
