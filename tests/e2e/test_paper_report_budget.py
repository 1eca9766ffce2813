"""Issue 14 point 6: a typed paper report — 14 measures with 23 dated checkpoints, a
6-month round — goes from nothing to an approved R4 in at most 15 form submissions, in a
real browser: the measures and the round's progress through the workbooks the portal hands
out, then the submission and the chain's two approvals. Every POST the browsers send is
counted, logins included."""

import datetime
import re
from io import BytesIO

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from assessments.services import framework_load_fixtures
from kernel.thai import fiscal_year_of, format_numeric_date
from measures.models import Measure, MeasureDeadline, ProgressRound
from measures.services import standard_rounds
from organisations.models import Membership

from ..factories import make_chain, make_organisation, make_user
from .browser import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
BUDGET = 15
ROWS, CHECKPOINTS = 14, 23


def filled(content: bytes, fill) -> bytes:
    """The downloaded workbook with rows written by ``fill(sheet, headings)``."""
    workbook = load_workbook(BytesIO(content))
    sheet = workbook.active
    fill(sheet, [c.value for c in sheet[1]])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def download(page, link_text) -> bytes:
    with page.expect_download() as info:
        page.click(f"a:text('{link_text}')")
    return open(info.value.path(), "rb").read()


def import_file(page, path):
    page.set_input_files("#file", str(path))
    page.click("button:text('อ่านไฟล์และแสดงตัวอย่าง')")
    page.wait_for_selector("button[name=confirm]")
    page.click("button[name=confirm]")
    page.wait_for_load_state()


def test_a_paper_report_becomes_an_approved_r4_within_the_budget(live_server, browser, tmp_path):
    framework_load_fixtures()
    org = make_organisation("paper-org", "องค์การบริหารส่วนตำบลกระดาษ", units=["สำนักปลัด", "กองคลัง"])
    make_user("staff-paper", member_of=[(org, "staff")])
    deputy = make_user("deputy-paper", member_of=[(org, "executive")])
    mayor = make_user("mayor-paper", member_of=[(org, "executive")])
    with scopes_disabled():
        Membership.objects.filter(user=deputy).update(position="ปลัดองค์การบริหารส่วนตำบล")
        Membership.objects.filter(user=mayor).update(position="นายกองค์การบริหารส่วนตำบล")
    make_chain(org, deputy, mayor)
    year = fiscal_year_of(timezone.localdate())
    six = standard_rounds(organisation=org, fiscal_year=year)[0]
    base = live_server.url
    posts = []

    def browser_of(username):
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
        login(page, base, username)
        return page

    start = datetime.date(year - 543 - 1, 10, 1)  # the fiscal year's first day (CE)
    page = browser_of("staff-paper")
    page.goto(f"{base}/o/paper-org/{year}/measures/import/")
    blank = download(page, "ดาวน์โหลดแบบฟอร์ม (พร้อมข้อมูลที่มีอยู่)")

    def measures(sheet, heads):
        column = {h: i for i, h in enumerate(heads)}
        deadlines = next(h for h in heads if h.startswith("กำหนดการรายงานและติดตาม"))
        given = 0
        for n in range(1, ROWS + 1):
            count = 2 if n <= CHECKPOINTS - ROWS else 1  # 9 × 2 + 5 × 1 = 23
            lines = [
                f"{format_numeric_date(start + datetime.timedelta(days=40 * k + n))} "
                f"รายงานผลครั้งที่ {k + 1}"
                for k in range(count)
            ]
            given += count
            row = [None] * len(heads)
            row[column["ลำดับ"]] = n
            row[column["ประเภท"]] = "มาตรการ"
            row[column["มาตรการ/โครงการ/กิจกรรม"]] = f"มาตรการที่ {n} จากรายงานฉบับพิมพ์"
            row[column["ที่มา/ประเด็นจากผลการประเมิน"]] = f"ประเด็นจากผลการประเมินข้อ {n}"
            row[column["ขั้นตอนหรือวิธีการปฏิบัติ"]] = "๑. ประชุมชี้แจง\n๒. ดำเนินการตามแผน"
            row[column["ระยะเวลา"]] = f"ปีงบประมาณ {year}"
            row[column["ผู้รับผิดชอบ (ส่วนงาน)"]] = "สำนักปลัด"
            row[column["การรายงานผลและการกำกับติดตาม"]] = "รายงานผลต่อผู้บริหารทุกรอบ"
            row[column[deadlines]] = "\n".join(lines)
            sheet.append(row)
        assert given == CHECKPOINTS

    path = tmp_path / "measures.xlsx"
    path.write_bytes(filled(blank, measures))
    import_file(page, path)
    with scopes_disabled():
        assert Measure.objects.filter(organisation=org).count() == ROWS
        assert MeasureDeadline.objects.filter(measure__organisation=org).count() == CHECKPOINTS

    page.goto(f"{base}/o/paper-org/{year}/rounds/{six.pk}/import/")
    exported = download(page, "ดาวน์โหลดแบบฟอร์ม (พร้อมข้อมูลที่มีอยู่)")

    def progress(sheet, heads):
        column = {h: i + 1 for i, h in enumerate(heads)}
        for r in range(2, sheet.max_row + 1):
            sheet.cell(row=r, column=column["สถานะ"], value="ดำเนินการแล้วเสร็จ")
            sheet.cell(row=r, column=column["สรุปผลการดำเนินการ"], value="ดำเนินการตามแผนแล้ว")

    path = tmp_path / "progress.xlsx"
    path.write_bytes(filled(exported, progress))
    import_file(page, path)

    page.goto(f"{base}/o/paper-org/{year}/rounds/{six.pk}/?unit=all")
    page.click("#submit-round")
    page.wait_for_url(re.compile(r".*/rounds/\d+/submit/$"))
    page.click("#confirm")
    page.wait_for_selector(".messages .success")
    for approver in ("deputy-paper", "mayor-paper"):
        page = browser_of(approver)
        page.goto(f"{base}/o/paper-org/{year}/rounds/{six.pk}/?unit=all")
        page.click("#approve-round")
        page.wait_for_url(re.compile(r".*/rounds/\d+/approve/$"))
        page.click("#confirm")
        page.wait_for_selector(".messages .success")

    with scopes_disabled():
        assert ProgressRound.objects.get(pk=six.pk).state == ProgressRound.State.APPROVED
    r4 = page.goto(f"{base}/o/paper-org/{year}/reports/r4/{six.pk}.html")
    text = page.inner_text("body")
    assert r4.status == 200
    # the approved version: its approvers listed, no draft mark
    assert "ผู้ให้ความเห็นชอบ" in text and "ฉบับร่าง" not in text
    assert all(f"มาตรการที่ {n} จากรายงานฉบับพิมพ์" in text for n in range(1, ROWS + 1))
    assert text.count("รายงานผลครั้งที่") == CHECKPOINTS
    print(f"\nform submissions: {len(posts)} (budget {BUDGET})")
    assert len(posts) <= BUDGET, posts
