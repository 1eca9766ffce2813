"""Phones, in a real Chromium: at 360 px no page of the main journeys is wider than the screen
(wide tables become cards, charts are drawn stacked), the round screen lists its measures and
keeps its save button in view; at 1366 px the same pages are tables and wide charts."""

import datetime
import os
import re

import pytest

from assessments.services import framework_load_fixtures
from measures.services import standard_rounds

from ..factories import make_measure, make_organisation, make_user, record_results
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _pages(org, six):
    base = f"/o/{org.code}"
    return {
        "staff-ph": [
            f"{base}/2569/",
            f"{base}/2569/measures/",
            f"{base}/2569/rounds/{six.pk}/?unit=all",
            f"{base}/2568/results/edit/",
            f"{base}/2568/results/",
            f"{base}/2568/analysis/",
            f"{base}/2569/oit/",
            f"{base}/2569/reports/",
        ],
        "exec-ph": [f"{base}/dashboard/?year=2569"],
        "supervisor-ph": ["/supervise/?year=2568"],
    }


def test_no_page_is_wider_than_a_phone_and_the_round_screen_keeps_its_save_button(
    live_server, browser
):
    framework_load_fixtures()
    org = make_organisation(
        "phone-org", "องค์การบริหารส่วนตำบลโทรศัพท์มือถือทดสอบความกว้าง", units=["สำนักปลัด"]
    )
    make_user("staff-ph", member_of=[(org, "staff")])
    make_user("exec-ph", member_of=[(org, "executive")])
    make_user("supervisor-ph", supervises={"province": "เชียงราย"})
    record_results(
        org,
        2568,
        total=78.4,
        indicators={(n, 0): 70 + n for n in range(1, 11)},
        questions={("i1", 0): 90, ("i2", 0): 61.5},
    )
    for n in range(1, 17):
        make_measure(
            org,
            2569,
            n,
            title=f"มาตรการที่ {n} การเปิดเผยข้อมูลข่าวสารและการประชาสัมพันธ์ผ่านเว็บไซต์หน่วยงาน",
            end=datetime.date(2026, 3, 31),
        )
    six = standard_rounds(organisation=org, fiscal_year=2569)[0]
    base = live_server.url
    pages = _pages(org, six)
    for width, height in ((360, 740), (1366, 768)):
        for username, urls in pages.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            login(page, base, username)
            for url in urls:
                response = page.goto(base + url)
                assert response.status == 200, url
                if os.environ.get("E2E_SCREENSHOTS"):  # docs/screenshots: ./portal screenshots
                    path = re.sub(r"rounds/\d+", "round", url.split("?")[0])
                    name = re.sub(r"[^a-z0-9]+", "-", path).strip("-")
                    page.screenshot(path=f"{os.environ['E2E_SCREENSHOTS']}/{width}-{name}.png")
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= width, (width, url, wide)
                if width == 360 and page.locator("table.grid[data-cards]").count():
                    assert (
                        page.locator("table.grid[data-cards] thead").first.bounding_box()["height"]
                        <= 1
                    )  # headings hidden, cells labelled
                if page.locator(".chart").count():
                    shown = ".chart-narrow" if width == 360 else ".chart-wide"
                    assert page.locator(f"{shown} svg").first.is_visible(), url
            if username == "staff-ph":
                page.goto(f"{base}{pages['staff-ph'][2]}")
                assert page.locator("#measure-list a").count() == 16
                assert page.locator("#save-round").is_visible()  # the bar stays in view
                page.locator("#measure-list a").nth(12).click()
                assert page.locator("#save-round").is_visible()
            page.close()
