"""A document shaped by the organisation's settings (issue 14 point 1): its title, opening
paragraph, columns and their order, how progress and ผู้รับผิดชอบ are shown, grouping —
remembered from year to year, overridable per round, frozen into what is approved."""

import re

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from kernel.thai import digits
from measures.layouts import DEFAULTS, GroupOrder, MemoKind, ProgressShown, ResponsibleShown
from measures.models import DocumentLayout, Measure, ProgressRound
from measures.services import LayoutInput, layout_round_forget, layout_save
from organisations.models import User
from reports.documents import DOCUMENTS

from ..reports_helpers import compact, pdf_text, placed, set_emblem

pytestmark = pytest.mark.django_db
R4_TITLE = DOCUMENTS["r4"].title


@scopes_disabled()  # the test's own look at the demo data
def demo_round(code, name=None):
    rounds = ProgressRound.objects.filter(organisation__code=code)
    return rounds.get(name=name) if name else rounds.get()


def keep(progress_round, code, *, own=False, opening="", draft="", **options):
    with scope(organisation=progress_round.organisation):
        return layout_save(
            organisation=progress_round.organisation,
            code=code,
            progress_round=progress_round if own else None,
            data=LayoutInput(options=options, opening=opening, draft=draft),
            user=None,
        )


def text_of(document):
    content, _cached = document.pdf()
    return compact(pdf_text(content))


def test_r4_prints_the_shape_its_settings_choose(demo):
    progress_round = demo_round("rob-wiang")
    with scopes_disabled():
        measures = list(
            Measure.objects.filter(organisation=progress_round.organisation, fiscal_year=2566)
        )
        titled = next(m for m in measures if m.title not in (m.rationale or ""))
    before = text_of(DOCUMENTS["r4"](progress_round))
    assert compact(R4_TITLE) in before and "☐" in before and "IIT·ตัวชี้วัดที่" in before
    assert compact(titled.title)[:20] in before

    keep(
        progress_round,
        "r4",
        title="รายงานการกำกับติดตามมาตรการขององค์การบริหารส่วนตำบลรอบเวียง",
        opening="ย่อหน้านี้หน่วยงานเขียนเอง",
        progress=ProgressShown.WORDS,
        responsible=ResponsibleShown.UNITS,
        measure_title=False,
        deadlines=False,
        grouped=False,
        columns=["progress", "steps", "issue"],
    )
    text = text_of(DOCUMENTS["r4"](progress_round))
    assert compact("รายงานการกำกับติดตามมาตรการขององค์การบริหารส่วนตำบลรอบเวียง") in text
    assert compact(R4_TITLE) not in text
    assert compact("ย่อหน้านี้หน่วยงานเขียนเอง") in text
    assert "☐" not in text and "☑" not in text  # the status in words instead
    assert "ดำเนินการแล้วเสร็จ" in text or "ยังไม่ได้ดำเนินการ" in text
    assert "IIT·ตัวชี้วัดที่" not in text  # no group headings
    assert compact("ผู้รับผิดชอบ") not in text  # a column left out
    assert compact("การรายงานผลและการกำกับติดตาม") not in text
    assert compact(titled.title)[:20] not in text  # the title is not above the steps
    headings = [compact(h) for h in ("การดำเนินการ", "ขั้นตอนหรือวิธีการ", "ประเด็นที่ต้องปรับปรุง")]
    places = [text.index(h) for h in headings]
    assert places == sorted(places), places  # in the order chosen


def test_r4_groups_in_the_order_chosen(demo):
    progress_round = demo_round("rob-wiang")
    groups = DOCUMENTS["r4"](progress_round, live=True).groups()
    tools = [tool for tool, _label, _measures in groups]
    assert "OIT" in tools and tools[0] != "OIT", tools  # the framework's order: IIT first
    keep(progress_round, "r4", group_order=GroupOrder.OIT_FIRST)
    tools = [t for t, _l, _m in DOCUMENTS["r4"](progress_round, live=True).groups()]
    assert tools[0] == "OIT" and tools == sorted(tools, key=lambda t: t != "OIT")
    keep(progress_round, "r4", grouped=False)
    ((tool, label, rows),) = DOCUMENTS["r4"](progress_round, live=True).groups()
    assert tool is None and label is None
    assert [m["id"] for m in rows] == [m["id"] for m in DOCUMENTS["r4"](progress_round).measures()]


def test_r1_and_r3_columns_and_responsible_as_chosen(demo):
    progress_round = demo_round("rob-wiang")
    with scopes_disabled():
        typed = next(
            m
            for m in Measure.objects.filter(organisation=progress_round.organisation)
            if m.responsible_text and m.responsible_units.exists()
        )
        unit = typed.responsible_units.first().name
    keep(progress_round, "r3", responsible=ResponsibleShown.TEXT, columns=["results", "title"])
    html = DOCUMENTS["r3"](progress_round, live=True).html()
    head = re.findall(r"<th[^>]*>([^<]+)</th>", html)
    assert head == ["ผลการดำเนินการ", "มาตรการ/แนวทาง"]
    keep(progress_round, "r3", responsible=ResponsibleShown.TEXT)
    html = DOCUMENTS["r3"](progress_round, live=True).html()
    row = next(r for r in html.split("<tr>") if typed.title in r)
    assert unit not in row and typed.responsible_text.split()[0] in row
    keep(progress_round, "r1", progress=ProgressShown.NONE, columns=["number", "title", "results"])
    html = DOCUMENTS["r1"](progress_round, live=True).html()
    first_table = html.split("</table>")[0]
    assert "☐" not in first_table and "☑" not in first_table
    assert "วิธีดำเนินการ" not in first_table
    assert "☑" in html  # the per-indicator tables keep the boxes the seed ticked


def test_typed_responsible_text_that_repeats_a_ticked_unit_is_printed_once(demo):
    """phon-ngam's measures tick สำนักปลัด and also have "สำนักปลัด" typed: the paper names it
    once. Typed text that says more is printed beside the units (never dropped)."""
    progress_round = demo_round("phon-ngam")
    with scopes_disabled():
        repeated = [
            m
            for m in Measure.objects.filter(organisation=progress_round.organisation)
            if m.responsible_text.strip() in {u.name for u in m.responsible_units.all()}
        ]
    assert repeated  # the demo has such measures
    for code in ("r1", "r3", "r4"):
        html = DOCUMENTS[code](progress_round, live=True).html()
        assert "สำนักปลัด<br>สำนักปลัด" not in html, code
    measure = repeated[0]
    with scopes_disabled():
        measure.responsible_text = "สำนักปลัด (งานนิติการ)"
        measure.save()
    html = DOCUMENTS["r4"](progress_round, live=True).html()
    assert "สำนักปลัด<br>สำนักปลัด (งานนิติการ)" in html


def test_a_rounds_own_settings_override_the_organisations_and_approval_freezes_them(demo):
    approved = demo_round("phon-ngam")
    assert approved.state == ProgressRound.State.APPROVED
    keep(approved, "r4", title="ชื่อที่หน่วยงานใช้ทุกปี")
    assert DOCUMENTS["r4"](approved).heading() == R4_TITLE  # the approved version: as signed
    assert DOCUMENTS["r4"](approved, live=True).heading() == "ชื่อที่หน่วยงานใช้ทุกปี"
    # R0 covers R4 with the title R4 prints
    cover = DOCUMENTS["r0"](approved, live=True, covers="r4").context()
    assert "".join(cover["title_lines"]) == "ชื่อที่หน่วยงานใช้ทุกปี"

    keep(approved, "r4", own=True, title="ชื่อเฉพาะรอบนี้")
    assert DOCUMENTS["r4"](approved, live=True).heading() == "ชื่อเฉพาะรอบนี้"
    other = demo_round("hin-lek-fai", "รอบ ๖ เดือน")
    keep(other, "r4", title="ชื่อของหินเหล็กไฟ")
    assert DOCUMENTS["r4"](other, live=True).heading() == "ชื่อของหินเหล็กไฟ"  # not phon-ngam's
    with scope(organisation=approved.organisation):
        layout_round_forget(organisation=approved.organisation, code="r4", progress_round=approved)
    assert DOCUMENTS["r4"](approved, live=True).heading() == "ชื่อที่หน่วยงานใช้ทุกปี"


def test_a_layout_outside_its_organisations_scope_is_refused(demo):
    from django_scopes.exceptions import ScopeError

    phon_ngam, rob_wiang = demo_round("phon-ngam"), demo_round("rob-wiang")
    with scope(organisation=rob_wiang.organisation), pytest.raises(ScopeError):
        layout_save(
            organisation=phon_ngam.organisation,
            code="r4",
            data=LayoutInput(options={}, opening="", draft=""),
            user=None,
        )
    with pytest.raises(ScopeError):
        list(DocumentLayout.objects.all())


def staff_client(client, username):
    with scopes_disabled():
        client.force_login(User.objects.get(username=username))
    return client


def posted(page, **changes):
    """The form's values as the page shows them, with ``changes``."""
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        kind = kind.group(1) if kind else "text"
        if kind in ("radio", "checkbox") and "checked" not in tag:
            continue
        data[name.group(1)] = value.group(1) if value else "on"
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[match.group(1)] = match.group(2).strip()
    data.update(changes)
    return data


def test_the_opening_paragraph_is_drafted_edited_and_replaced_only_after_confirming(client, demo):
    progress_round = demo_round("hin-lek-fai", "รอบ ๖ เดือน")
    staff_client(client, "staff-hinlekfai")
    url = reverse(
        "report-layout",
        kwargs={"org": "hin-lek-fai", "year": 2569, "code": "r1", "pk": progress_round.pk},
    )
    page = client.get(url).content.decode()
    draft = DOCUMENTS["r1"](progress_round, live=True).draft_opening()
    assert "พ.ศ. ๒๕๖๘ โดยภาพรวมได้คะแนน" in draft and draft in page  # the draft, to edit

    # left as drafted: it keeps following the data
    assert client.post(url, posted(page)).status_code == 302
    with scopes_disabled():
        layout = DocumentLayout.objects.get(organisation=progress_round.organisation, code="r1")
    assert layout.round is None  # the organisation's, remembered for the years after
    assert not layout.opening_edited
    assert DOCUMENTS["r1"](progress_round, live=True).opening() == draft

    edited = "จากการประเมินปี ๒๕๖๘ องค์การบริหารส่วนตำบลหินเหล็กไฟได้รับคะแนนตามที่แสดงนี้"
    assert client.post(url, posted(page, opening=edited)).status_code == 302
    assert DOCUMENTS["r1"](progress_round, live=True).opening() == edited
    assert compact(edited) in text_of(DOCUMENTS["r1"](progress_round, live=True))

    # a re-draft asks first, and changes nothing until confirmed
    page = client.get(url).content.decode()
    assert edited in page
    asked = client.post(url, posted(page, redraft="1"))
    assert asked.status_code == 200 and edited in asked.content.decode()
    assert "แทนที่ด้วยร่างใหม่" in asked.content.decode()
    assert DOCUMENTS["r1"](progress_round, live=True).opening() == edited
    confirmed = client.post(url, posted(asked.content.decode(), confirm="1"))
    assert confirmed.status_code == 302
    assert DOCUMENTS["r1"](progress_round, live=True).opening() == draft

    # an empty paragraph is the organisation's choice: none is printed
    page = client.get(url).content.decode()
    assert client.post(url, posted(page, opening="")).status_code == 302
    assert DOCUMENTS["r1"](progress_round, live=True).opening() == ""
    assert '<p class="indent">' not in DOCUMENTS["r1"](progress_round, live=True).html()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"column_issue": "๑", "column_steps": "1"}, "ลำดับคอลัมน์ซ้ำกัน"),
        ({"column_issue": "9"}, "ลำดับคอลัมน์ต้องเป็นเลข ๑ ถึง ๕"),
        ({"column_issue": "สอง"}, "กรุณาพิมพ์ตัวเลขจำนวนเต็ม"),
        (
            {
                f"column_{k}": ""
                for k in ("issue", "responsible", "steps", "monitoring", "progress")
            },
            "เลือกพิมพ์อย่างน้อยหนึ่งคอลัมน์",
        ),
        ({"title": "ก" * 301}, "ไม่เกิน"),
        ({"progress": "sparkles"}, "เลือก"),
    ],
)
def test_bad_settings_are_refused_in_thai_and_change_nothing(client, demo, changes, message):
    progress_round = demo_round("rob-wiang")
    staff_client(client, "staff-robwiang")
    url = reverse(
        "report-layout",
        kwargs={"org": "rob-wiang", "year": 2566, "code": "r4", "pk": progress_round.pk},
    )
    page = client.get(url).content.decode()
    response = client.post(url, posted(page, **changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    with scopes_disabled():
        assert not DocumentLayout.objects.filter(code="r4").exists()


def test_old_versions_print_the_defaults(demo):
    """A version frozen before settings existed has no "layouts": today's documents."""
    from measures.layouts import settings_of
    from reports.documents import Source

    assert settings_of({}, "r4") == DEFAULTS
    approved = demo_round("phon-ngam")
    keep(approved, "r4", title="ชื่อใหม่", progress=ProgressShown.NONE)
    with scopes_disabled():
        content = dict(approved.versions.get().content)
    content.pop("layouts", None)
    old = DOCUMENTS["r4"](Source(content, 1, True, []))
    assert old.heading() == R4_TITLE and old.layout == DEFAULTS


def test_the_seeds_open_r1_with_their_own_paragraph(demo):
    """The demo's settings reproduce the paper of seeds 000 and 004."""
    rob_wiang = text_of(DOCUMENTS["r1"](demo_round("rob-wiang")))
    assert compact("พ.ศ.๒๕๖๖ โดยภาพรวมได้คะแนน ๘๗.๗ (ผ่าน) องค์การบริหารส่วนตำบลรอบเวียงได้รายงาน") in (
        rob_wiang
    )
    assert compact("ผู้มีส่วนเกี่ยวข้อง ดังนี้") in rob_wiang
    phon_ngam = text_of(DOCUMENTS["r1"](demo_round("phon-ngam")))  # the approved version
    assert compact("ได้คะแนน ๗๖.๙๒ อยู่ในระดับ ต้องปรับปรุง องค์การบริหารส่วนตำบลโพนงาม") in phon_ngam


# --- R5: the memo by the งานสารบรรณ rules, in its variants (issue 14 point 3) --------------

CM = 72 / 2.54  # points in a centimetre


def runs(page, *, size=None, starting=""):
    return [
        t for t in page["texts"] if (size is None or t[0] == size) and t[4].startswith(starting)
    ]


def test_the_memo_keeps_the_geometry_of_the_rules(demo):
    """Read from the PDF itself: the emblem 1.5 cm high 1.5 cm from the top, "บันทึกข้อความ"
    bold 29 pt, the head labels bold 20 pt, the body 16 pt from a 3 cm left margin with a
    2.5 cm paragraph indent, and "- ๒ -" at the top centre from page 2 on."""
    progress_round = demo_round("phon-ngam")
    set_emblem(progress_round.organisation, (90, 100))
    pages = placed(DOCUMENTS["r5"](progress_round, live=True).pdf()[0])
    assert len(pages) >= 2  # the chain's signatures run onto a second page
    first = pages[0]
    width, height = first["size"]
    (emblem,) = first["images"]
    x, top, _w, h = emblem
    assert abs(h - 1.5 * CM) < 0.5 and abs((height - top) - 1.5 * CM) < 0.5
    assert abs(x - 3 * CM) < 0.5  # at the left margin
    (heading,) = runs(first, starting="บันทึกข้อความ")
    assert heading[0] == 29.0 and heading[3] == "Sarabun-Bold"
    assert 6 * CM < heading[1] < width / 2  # centred between the margins, not at the left
    for label in ("ส่วนราชการ", "ที่", "วันที่", "เรื่อง"):
        found = [t for t in first["texts"] if t[4].strip() == label]
        assert found and found[0][0] == 20.0 and found[0][3] == "Sarabun-Bold", label
    body = [t for t in first["texts"] if t[0] == 16.0 and t[3] == "Sarabun"]
    assert len(body) > 10
    left = min(t[1] for t in body)
    assert abs(left - 3 * CM) < 0.5
    (opening,) = runs(first, starting="ตามประกาศ")
    assert abs(opening[1] - left - 2.5 * CM) < 0.5
    assert not [t for t in first["texts"] if t[4].strip() in ("-", "- ๑ -")]
    for number, page in enumerate(pages[1:], start=2):
        marks = [t for t in page["texts"] if t[2] > height - 2 * CM and "-" in t[4]]
        assert marks, number
        mark = "".join(t[4] for t in sorted(marks, key=lambda t: t[1]))
        assert mark.replace(" ", "") == f"-{'๒๓๔๕'[number - 2]}-"
        assert all(abs(t[1] - width / 2) < 1.5 * CM for t in marks)  # the top centre


def test_the_memo_variants_draft_their_subject_body_list_and_closing(demo):
    progress_round = demo_round("phon-ngam")
    score = text_of(DOCUMENTS["r5"](progress_round, live=True))
    assert compact("เรื่อง รายงานผลการประเมินระดับคุณธรรมและความโปร่งใส") in score
    assert compact("(IIT) คะแนนรวม ๗๔.๙๒ คะแนน") in score
    assert compact("จึงเรียนมาเพื่อโปรดทราบ") in score

    keep(progress_round, "r5", memo=MemoKind.COVER)
    memo = DOCUMENTS["r5"](progress_round, live=True)
    counts = memo.counts()
    assert counts["all"] == len(memo.measures()) > 0
    cover = text_of(memo)
    assert compact("เรื่อง รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส") in cover
    assert compact(f"จำนวน {digits(counts['all'])} มาตรการ") in cover
    assert compact(f"ดำเนินการแล้วเสร็จ {digits(counts['done'])} มาตรการ") in cover
    assert compact("รายละเอียดตามรายงานผลการดำเนินการที่แนบมาพร้อมนี้") in cover
    assert compact("คะแนนรวม ๗๔.๙๒") not in cover  # no score list in a cover memo
    assert compact("จึงเรียนมาเพื่อโปรดทราบ") in cover

    keep(progress_round, "r5", memo=MemoKind.PLAN)
    memo = DOCUMENTS["r5"](progress_round, live=True)
    plan = text_of(memo)
    assert compact("เรื่อง ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน") in plan
    assert compact("ได้คะแนน ๗๖.๙๒ คะแนน") in plan
    for m in memo.measures():
        assert compact(m["title"])[:40] in plan
    assert compact("จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ") in plan and compact("โปรดทราบ") not in plan
    assert plan.index(compact(memo.measures()[0]["title"])[:20]) < plan.index(
        compact("จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ")
    )

    # the เรื่อง and the body as staff wrote them: each line its own paragraph
    keep(
        progress_round,
        "r5",
        memo=MemoKind.PLAN,
        title="ขออนุมัติมาตรการ ปี ๒๕๖๗",
        opening="ย่อหน้าแรกที่เขียนเอง\n\nย่อหน้าที่สองที่เขียนเอง",
    )
    html = DOCUMENTS["r5"](progress_round, live=True).html()
    assert "ขออนุมัติมาตรการ ปี ๒๕๖๗" in html
    assert '<p class="indent">ย่อหน้าแรกที่เขียนเอง</p>' in html
    assert '<p class="indent">ย่อหน้าที่สองที่เขียนเอง</p>' in html
    assert "ตามที่สำนักงานคณะกรรมการ" not in html


def test_another_memo_redrafts_an_untouched_body_and_keeps_an_edited_one(client, demo):
    progress_round = demo_round("rob-wiang")
    staff_client(client, "staff-robwiang")
    url = reverse(
        "report-layout",
        kwargs={"org": "rob-wiang", "year": 2566, "code": "r5", "pk": progress_round.pk},
    )
    page = client.get(url).content.decode()
    assert "เรื่อง" in page and "บันทึกข้อความฉบับนี้เป็น" in page
    assert "คอลัมน์ที่พิมพ์" not in page  # a memo has no columns
    # the score memo's body left as drafted, the kind changed: the new kind's body
    assert client.post(url, posted(page, memo=MemoKind.PLAN)).status_code == 302
    memo = DOCUMENTS["r5"](progress_round, live=True)
    assert memo.kind == MemoKind.PLAN
    assert memo.opening().startswith("ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริต")
    assert "ได้วิเคราะห์ผลการประเมินดังกล่าว" in memo.opening()

    # an edited body stays when the kind changes, and the page says how to re-draft
    page = client.get(url).content.decode()
    response = client.post(url, posted(page, opening="เนื้อความที่เขียนเอง"), follow=True)
    assert DOCUMENTS["r5"](progress_round, live=True).opening() == "เนื้อความที่เขียนเอง"
    page = response.content.decode()
    response = client.post(url, posted(page, memo=MemoKind.COVER), follow=True)
    assert "เนื้อความที่แก้ไขไว้ยังคงเดิม" in response.content.decode()
    memo = DOCUMENTS["r5"](progress_round, live=True)
    assert memo.kind == MemoKind.COVER and memo.opening() == "เนื้อความที่เขียนเอง"
    asked = client.post(url, posted(response.content.decode(), redraft="1"))
    assert "แทนที่ด้วยร่างใหม่" in asked.content.decode()
    client.post(url, posted(asked.content.decode(), confirm="1"))
    memo = DOCUMENTS["r5"](progress_round, live=True)
    assert memo.opening() == memo.draft_opening() and "ได้ติดตามผลการดำเนินการ" in memo.opening()


# --- the preview beside the settings (issue 14 point 7) ------------------------------------


def test_the_preview_shows_the_document_as_the_form_stands_and_keeps_nothing(client, demo):
    progress_round = demo_round("rob-wiang")
    staff_client(client, "staff-robwiang")
    kwargs = {"org": "rob-wiang", "year": 2566, "code": "r4", "pk": progress_round.pk}
    url = reverse("report-layout", kwargs=kwargs)
    preview = reverse("report-layout-preview", kwargs=kwargs)
    page = client.get(url).content.decode()
    assert f'src="{preview}"' in page and 'formtarget="layout-preview"' in page

    shown = client.get(preview)  # as kept: the defaults
    assert shown.status_code == 200
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    assert "script-src" not in shown["Content-Security-Policy"]  # none: default-src 'none'
    html = shown.content.decode()
    assert R4_TITLE in html and "reports/preview.css" in html and "☐" in html

    # as the form stands, before saving: another title, words instead of boxes, two columns
    changes = {
        "title": "รายงานตามแบบของหน่วยงานเอง",
        "progress": ProgressShown.WORDS,
        "column_issue": "",
        "column_responsible": "",
        "column_steps": "2",
        "column_monitoring": "",
        "column_progress": "1",
    }
    html = client.post(preview, posted(page, **changes)).content.decode()
    assert "รายงานตามแบบของหน่วยงานเอง" in html and "☐" not in html
    assert "ผู้รับผิดชอบ</th>" not in html
    assert html.index("การดำเนินการ</th>") < html.index("ขั้นตอนหรือวิธีการ/มาตรการ</th>")
    with scopes_disabled():
        assert not DocumentLayout.objects.filter(code="r4").exists()  # nothing kept
    assert DOCUMENTS["r4"](progress_round, live=True).heading() == R4_TITLE

    # a form that cannot be kept cannot be previewed either: the reasons, in Thai
    refused = client.post(preview, posted(page, column_issue="9")).content.decode()
    assert "ยังแสดงเอกสารนี้ไม่ได้" in refused
    assert "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา: ลำดับคอลัมน์ต้องเป็นเลข ๑ ถึง ๕" in refused


def test_an_edited_opening_stays_with_the_round_it_was_written_for(client, demo):
    """An edited body quotes its round's figures and year: kept for the organisation, the
    settings carry over to the other rounds, the edited text does not (they print their own
    draft)."""
    six, twelve = demo_round("hin-lek-fai", "รอบ ๖ เดือน"), demo_round("hin-lek-fai", "รอบ ๑๒ เดือน")
    staff_client(client, "staff-hinlekfai")
    url = reverse(
        "report-layout", kwargs={"org": "hin-lek-fai", "year": 2569, "code": "r5", "pk": six.pk}
    )
    page = client.get(url).content.decode()
    written = "ดำเนินการแล้วเสร็จ ๕ มาตรการ ในรอบ ๖ เดือน"
    changes = {"scope": "organisation", "memo": MemoKind.COVER, "opening": written}
    assert client.post(url, posted(page, **changes)).status_code == 302
    assert DOCUMENTS["r5"](six, live=True).opening() == written
    other = DOCUMENTS["r5"](twelve, live=True)
    assert other.kind == MemoKind.COVER  # the settings carry over
    assert other.opening() == other.draft_opening() != written  # the text does not


def test_each_line_of_an_opening_is_a_paragraph(demo):
    progress_round = demo_round("rob-wiang")
    for code in ("r1", "r3", "r4"):
        keep(progress_round, code, opening="ย่อหน้าแรกของหน่วยงาน\n\nย่อหน้าที่สองของหน่วยงาน")
        html = DOCUMENTS[code](progress_round, live=True).html()
        assert '<p class="indent">ย่อหน้าแรกของหน่วยงาน</p>' in html, code
        assert '<p class="indent">ย่อหน้าที่สองของหน่วยงาน</p>' in html, code
