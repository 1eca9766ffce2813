"""The official documents R0–R5, rendered from the demo data and read back like a reader."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from assessments.models import Assessment
from measures.models import Measure, Progress, ProgressRound
from organisations.models import User
from printing.pdf import MissingGlyphError, html_to_pdf
from reports.documents import DOCUMENTS

from ..reports_helpers import compact, fonts, get_document, page_count, pdf_text

pytestmark = pytest.mark.django_db
ALLOWED_FONTS = {"Sarabun", "Sarabun-Bold", "DejaVu-Sans"}  # DejaVu only for ☑ ☐


@scopes_disabled()  # the test's own look at the demo data
def demo_round(code):
    return ProgressRound.objects.get(organisation__code=code)


@scopes_disabled()  # the test's own look at the demo data
def demo_assessment(code):
    return Assessment.objects.get(organisation__code=code)


def read(document):
    content, _cached = document.pdf()
    assert content.startswith(b"%PDF")
    used = fonts(content)
    assert set(used) <= ALLOWED_FONTS, used  # no fallback font
    assert "Sarabun" in used and all(used.values()), used  # embedded
    return content, compact(pdf_text(content))


def assert_round_documents(progress_round, expected):
    with scopes_disabled():
        measures = list(
            Measure.objects.filter(
                organisation=progress_round.organisation, fiscal_year=progress_round.fiscal_year
            )
        )
    for code in ("r0", "r1", "r3", "r4", "r5"):
        content, text = read(DOCUMENTS[code](progress_round))
        assert 1 <= page_count(content) <= 40, (code, page_count(content))
        assert compact(progress_round.organisation.name) in text, code
        assert compact(f"พ.ศ.{expected['year']}") in text or expected["year"] in text, code
        if code in ("r1", "r3", "r4"):
            for m in measures:
                # R1 prints a per-indicator guideline row under its indicator, as 000/004 do
                shown = (
                    str(m.indicators.first())
                    if code == "r1" and m.kind == "guideline"
                    else (m.title)
                )
                # a row may break across pages, so only the title's start is one run of text
                assert compact(shown)[:25] in text, (code, shown)
            assert "☑ดำเนินการแล้วเสร็จ" in text or "☐ดำเนินการแล้วเสร็จ" in text, code
        for needle in expected.get(code, []):
            assert compact(needle) in text, (code, needle)
        assert ("ฉบับร่าง" in text) == expected["draft"], code


def test_phon_ngam_fy2566_documents(demo):
    progress_round = demo_round("phon-ngam")
    assert_round_documents(
        progress_round,
        {
            "year": "๒๕๖๖",
            "draft": False,
            "r0": [
                "รอบ ๑๒ เดือน (เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)",
                "อำเภอบุณฑริก จังหวัดอุบลราชธานี",
                "จัดทำโดย",
            ],
            "r1": [
                "โดยภาพรวมได้คะแนน ๗๖.๙๒",
                "ตัวชี้วัดที่ ๙.๔ การบริหารและพัฒนาทรัพยากรบุคคล",
                "ประเด็นการประเมิน OIT",
                "แสดงแผนผังแสดงโครงสร้างการแบ่งส่วนราชการของหน่วยงาน",
                "ผู้ให้ความเห็นชอบ",
                "นายคุณากร อักษรมราช",
            ],
            "r5": [
                "บันทึกข้อความ",
                "ที่ อบ ๗๓๑๐๑",
                "วันที่ ๑๖ ตุลาคม ๒๕๖๖",
                "คะแนน ๗๖.๙๒",
                "(IIT) คะแนนรวม ๗๔.๙๒",
                "ต้องปรับปรุง",
                "จึงเรียนมาเพื่อโปรดทราบ",
                "นางสาววิราพร สีหาพงษ์",
                "ความเห็นหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบล",
                "นางกรรณิการ์ น้ำใจ",
                "นายพงษ์ศักดิ์ เพิ่มวงศ์",
                "นายกองค์การบริหารส่วนตำบลโพนงาม",
            ],
        },
    )


def test_rob_wiang_fy2566_documents(demo):
    progress_round = demo_round("rob-wiang")
    assert_round_documents(
        progress_round,
        {
            "year": "๒๕๖๖",
            "draft": True,
            "r1": [
                "โดยภาพรวมได้คะแนน ๘๗.๗",
                "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ คะแนน ๙๕.๑๗",
                "ประเด็นการประเมิน EIT",
                "☑อยู่ระหว่างดำเนินการ",
            ],
            "r4": ["อำเภอเมืองเชียงราย จังหวัดเชียงราย", "IIT·ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"],
        },
    )


def test_hin_lek_fai_analysis_r2(demo):
    assessment = demo_assessment("hin-lek-fai")
    content, text = read(DOCUMENTS["r2"](assessment))
    assert 5 <= page_count(content) <= 60
    for needle in (
        "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
        "พ.ศ. ๒๕๖๘",
        "พ.ศ. ๒๕๖๙",
        "คะแนนรวม ๙๒.๘๙ คะแนน อยู่ในเกณฑ์ระดับ A",
        "๙๕.๐๐ - ๑๐๐.๐๐",
        "AA",
        "ข้อเสนอแนะจากผู้ตรวจ",
        "ควรให้ประชาชนมีส่วนร่วมและตรวจสอบการทำงานได้",
        "อันดับคะแนนรายตัวชี้วัด",
        "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต",
        "แนวทางการยกระดับผลการประเมินฯ",
        "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "ฉบับร่าง",
    ):
        assert compact(needle) in text, needle
    with scopes_disabled():
        measures = list(Measure.objects.filter(organisation__code="hin-lek-fai", fiscal_year=2569))
        narrative = assessment.texts.get(key="narrative:1").text.split("\n")[0]
    for m in measures:
        assert compact(m.title)[:25] in text, m.title
    # a whole paragraph from seed 001 copies out intact
    assert compact(narrative) in text
    # the ranking chart is drawn in the PDF (SVG text is real text)
    assert "คะแนนรายตัวชี้วัดเรียงตามอันดับ" in text


def test_hin_lek_fai_fy2569_rounds_are_drafts(demo):
    with scopes_disabled():
        progress_rounds = list(ProgressRound.objects.filter(organisation__code="hin-lek-fai"))
    for progress_round in progress_rounds:
        assert_round_documents(progress_round, {"year": "๒๕๖๙", "draft": True})


def test_arabic_digits_on_request(demo):
    progress_round = demo_round("phon-ngam")
    _content, text = read(DOCUMENTS["r5"](progress_round, thai_digits=False))
    assert "76.92" in text and "๗๖.๙๒" not in text


def test_an_unchanged_report_is_cached_and_a_change_makes_a_new_one(demo):
    progress_round = demo_round("rob-wiang")  # a draft
    first, cached = DOCUMENTS["r3"](progress_round).pdf()
    again, cached_again = DOCUMENTS["r3"](progress_round).pdf()
    assert cached_again and again == first
    with scopes_disabled():
        progress = Progress.objects.filter(round=progress_round).first()
    progress.suggestions = "ควรเพิ่มงบประมาณ"
    progress.version += 1
    progress.save()  # as the services save it: version and history change
    changed, cached_changed = DOCUMENTS["r3"](progress_round).pdf()
    assert not cached_changed and "ควรเพิ่มงบประมาณ" in compact(pdf_text(changed))


def test_xlsx_twins_read_back(demo):
    progress_round = demo_round("phon-ngam")
    assessment = demo_assessment("hin-lek-fai")
    for code in ("r0", "r1", "r2", "r3", "r4", "r5"):
        subject = assessment if code == "r2" else progress_round
        workbook = load_workbook(BytesIO(DOCUMENTS[code](subject).xlsx()))
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = cell.value
                    assert cell.data_type != "f", (code, value)
                    if isinstance(value, str) and value[:1] in "=+-@":
                        # text as written ("- จัดทำช่องทาง…"), kept text by Excel's quote prefix
                        assert cell.data_type == "s" and cell.quotePrefix, (code, value)
                    assert not (isinstance(value, str) and value[:2] in ("'=", "'+", "'-", "'@"))
    r1 = load_workbook(BytesIO(DOCUMENTS["r1"](progress_round).xlsx()))
    measures = r1["มาตรการ"]
    with scopes_disabled():
        phon_ngam = Measure.objects.filter(organisation__code="phon-ngam")
        assert measures.max_row - 1 == phon_ngam.exclude(kind="guideline").count()
    assert isinstance(measures["A2"].value, int)
    r2 = load_workbook(BytesIO(DOCUMENTS["r2"](assessment).xlsx()))
    ranking = r2["อันดับตัวชี้วัด"]
    assert ranking.max_row - 1 == 10 and isinstance(ranking["C2"].value, int | float)
    assert ranking["C2"].value == 100


def test_the_excel_twins_head_their_columns_as_the_printed_tables_do(demo):
    """One owner of a column's heading: the spreadsheet of a document names each printed
    column exactly as the paper does (it may add columns, e.g. สถานะ, that the paper shows
    as boxes)."""
    from reports.documents import r1_report, r3_results, r4_monitoring

    progress_round = demo_round("phon-ngam")
    printed = {
        "r1": {
            "มาตรการ": r1_report.MEASURE_COLUMNS,
            "แนวทางรายตัวชี้วัด": r1_report.GUIDELINE_COLUMNS,
            "OIT": r1_report.OIT_COLUMNS,
        },
        "r3": {"ผลการดำเนินการ": r3_results.COLUMNS},
        "r4": {"รายงานรอบ": r4_monitoring.COLUMNS},
    }
    missing = {}
    for code, tables in printed.items():
        workbook = load_workbook(BytesIO(DOCUMENTS[code](progress_round).xlsx()))
        for sheet, columns in tables.items():
            header = [c.value for c in workbook[sheet][1]]
            lost = [c.heading for c in columns if c.heading not in header]
            if lost:
                missing[(code, sheet)] = lost
    assert missing == {}


def test_report_downloads_from_the_year_page(client, demo):
    client.force_login(User.objects.get(username="staff-phonngam"))
    page = client.get(reverse("reports", kwargs={"org": "phon-ngam", "year": 2566}))
    assert page.status_code == 200
    progress_round = demo_round("phon-ngam")
    url = reverse(
        "report",
        kwargs={
            "org": "phon-ngam",
            "year": 2566,
            "code": "r1",
            "pk": progress_round.pk,
            "fmt": "pdf",
        },
    )
    assert url in page.content.decode()
    first = get_document(client, url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert client.get(url)["X-Report-Cache"] == "hit"
    xlsx = client.get(url.replace(".pdf", ".xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    client.force_login(User.objects.get(username="staff-robwiang"))
    assert client.get(url).status_code == 404


LONG = (
    "องค์การบริหารส่วนตำบลหินเหล็กไฟ จึงจัดทำคู่มือหรือแนวทางการขอรับบริการหรือผู้มาติดต่อ"
    "ที่ระบุขั้นตอน ระยะเวลา และเอกสารที่ต้องใช้ประกอบการการยื่นขอรับบริการไว้อย่างชัดเจน "
    "และมีการให้บริการในรูปแบบออนไลน์ หรือ E-service เพื่อลดการใช้ดุลยพินิจหรือการเลือก"
    "ปฏิบัติในภารกิจหรือบริการนั้นๆของเจ้าหน้าที่ ซึ่งจะช่วยสร้างความเท่าเทียมและเสมอภาค"
    "ในการดำเนินการ และยังช่วยทำให้เกิดความสะดวกรวดเร็วมากยิ่งขึ้น"
)
FOLLOWING = "ะาำิีึืุู็่้๊๋์ัํๅ"  # marks and vowels that never start a line
LEADING = "เแโใไ"  # vowels written before their consonant: never end a line


def is_word(fragment, words):
    return not re.search(r"[ก-๙]", fragment) or fragment in words


def test_thai_wraps_between_words_in_a_narrow_column():
    html = (
        '<html><body style="font-family: Sarabun; font-size: 14pt">'
        f'<table style="width: 4.5cm"><tr><td>{LONG}</td></tr></table></body></html>'
    )
    text = pdf_text(html_to_pdf(html))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 8  # it did wrap
    assert compact("".join(lines)) == compact(LONG)  # and copies out intact
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = set(thai_words())
    for line, following in zip(lines, lines[1:], strict=False):
        assert line[0] not in FOLLOWING and line[-1] not in LEADING, line
        # a break between words leaves whole dictionary words on both sides of it
        end = word_tokenize(compact(line), engine="newmm")[-1]
        start = word_tokenize(compact(following), engine="newmm")[0]
        assert is_word(end, words) and is_word(start, words), (line, following)


@pytest.mark.parametrize("word", ["ปี่", "ปี้", "ปี๊", "ปี๋", "ลิ้น", "เยิ้ม", "น้ำ", "ญ", "ฐ", "ประจำ", "ตำบล"])
def test_tone_marks_and_sara_am_copy_out(word):
    for family in ("Sarabun", "Laksaman"):
        html = f'<html><body style="font-family: {family}"><p>{word} การ {word}</p></body></html>'
        assert compact(pdf_text(html_to_pdf(html))) == compact(f"{word}การ{word}"), family


def test_a_missing_glyph_is_an_error():
    with pytest.raises(MissingGlyphError):
        html_to_pdf('<html><body style="font-family: Sarabun"><p>\ue000</p></body></html>')


def test_page_numbers_in_thai_digits(demo):
    progress_round = demo_round("phon-ngam")
    content, _ = DOCUMENTS["r1"](progress_round).pdf()
    pages = page_count(content)
    text = pdf_text(content)
    from kernel.thai import thai_digits

    assert f"หน้า {thai_digits(pages)}/{thai_digits(pages)}" in text
    assert re.search(r"หน้า ๑/", text)


def test_the_cover_has_no_page_number(demo):
    """A cover is not numbered (issue 14): R0 prints no "หน้า …" while the report it covers
    does."""
    progress_round = demo_round("phon-ngam")
    content, _ = DOCUMENTS["r0"](progress_round).pdf()
    text = pdf_text(content)
    assert "จัดทำโดย" in text
    assert "หน้า" not in text
    # a period too long for one line breaks before its months, never inside them
    assert "(เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)" in text.splitlines()


def test_every_kind_of_edit_invalidates_the_cached_report(demo):
    from measures.services import measure_save

    progress_round = demo_round("rob-wiang")  # a draft
    _first, _ = DOCUMENTS["r1"](progress_round).pdf()
    with scopes_disabled():
        measure = Measure.objects.filter(organisation__code="rob-wiang", kind="measure").first()
    measure.title = "มาตรการที่แก้ชื่อใหม่"
    measure_save(measure=measure, steps=["ขั้นตอนใหม่ทั้งหมด"], expected_version=measure.version)
    content, cached = DOCUMENTS["r1"](progress_round).pdf()
    assert not cached and "มาตรการที่แก้ชื่อใหม่" in compact(pdf_text(content))
    with scopes_disabled():
        unit = progress_round.organisation.unit_set.filter(measures__isnull=False).first()
    unit.name = "กองคลังและพัสดุ"
    unit.save()
    content, cached = DOCUMENTS["r1"](progress_round).pdf()
    assert not cached and "กองคลังและพัสดุ" in compact(pdf_text(content))
    _again, cached = DOCUMENTS["r1"](progress_round).pdf()
    assert cached


def test_renaming_an_indicator_renders_the_report_again(demo):
    """The cache key is the content a document is drawn from, framework wording included (a
    hand-kept list of dependencies once left R4 with the old indicator name)."""
    from assessments.models import Indicator

    progress_round = demo_round("rob-wiang")
    _first, _ = DOCUMENTS["r4"](progress_round).pdf()
    indicator = Indicator.objects.get(framework__fiscal_year=2566, number=1)
    indicator.name = "การปฏิบัติหน้าที่ (ชื่อที่แก้ไข)"
    indicator.save()
    content, cached = DOCUMENTS["r4"](progress_round).pdf()
    assert not cached and compact("การปฏิบัติหน้าที่ (ชื่อที่แก้ไข)") in compact(pdf_text(content))
