"""A document's settings beside its preview, in a real browser at desktop and phone sizes:
the preview follows the form as it is typed, under the pages' policy, and nothing is kept
until saved (issue 14 point 7)."""

import pytest
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from measures.models import DocumentLayout
from measures.services import standard_rounds

from ..factories import make_measure, make_organisation, make_user
from .browser import axe_violations, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_the_preview_follows_the_settings_as_they_are_typed(live_server, browser, size, tmp_path):
    framework_load_fixtures()
    org = make_organisation("layout-org", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด"])
    make_user("staff-layout", member_of=[(org, "staff")])
    make_measure(org, 2569, 1, title="มาตรการเปิดเผยข้อมูลข่าวสาร")
    six = standard_rounds(organisation=org, fiscal_year=2569)[0]
    base = live_server.url

    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, base, "staff-layout")
    page.goto(f"{base}/o/layout-org/2569/reports/r4/{six.pk}/layout/")
    frame = page.frame_locator("#layout-preview")
    frame.locator("h1").first.wait_for()
    assert "รายงานการดำเนินการตามมาตรการ" in frame.locator("h1").first.inner_text()
    assert "มาตรการเปิดเผยข้อมูลข่าวสาร" in frame.locator("body").inner_text()

    page.fill("#id_title", "รายงานตามแบบของหน่วยงานทดสอบ")
    frame.locator("h1", has_text="รายงานตามแบบของหน่วยงานทดสอบ").wait_for(timeout=10000)
    page.check("input[name=progress][value=words]")
    frame.locator(".status-words").first.wait_for(timeout=10000)
    assert frame.locator(".boxes").count() == 0
    box = page.locator("#layout-preview").bounding_box()
    assert box["width"] <= size[0] and box["height"] > 300
    page.screenshot(path=str(tmp_path / f"layout-{size[0]}.png"), full_page=True)
    with scopes_disabled():
        assert not DocumentLayout.objects.exists()  # the preview keeps nothing

    page.click("button:text('บันทึกการตั้งค่า')")
    page.wait_for_load_state()
    with scopes_disabled():
        layout = DocumentLayout.objects.get()
    assert layout.options["title"] == "รายงานตามแบบของหน่วยงานทดสอบ"
    assert axe_violations(page) == []
    assert violations == []
