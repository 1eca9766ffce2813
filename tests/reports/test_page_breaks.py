"""Where the official documents break their pages (issue 14): a group heading is never left
alone at the foot of a page, and a cell's progress boxes (☑/☐ …) are never split over two
pages, so that no page opens with a lone "☐ ยังไม่ได้ดำเนินการ".

The demo's real content is rendered with the lengths of its progress texts varied, so that
the breaks fall in many different places; each variant is read back from the PDF."""

import copy
import re

import pytest
from django_scopes import scopes_disabled

from measures.models import ProgressRound
from measures.status import Status
from reports.documents import DOCUMENTS, Source, round_source

from ..reports_helpers import compact, pdf_text

pytestmark = pytest.mark.django_db
VARIANTS = 6
FOOTER = re.compile(r"หน้า[๐-๙]+/[๐-๙]+$")
BOX_LABELS = [str(label) for _code, label in reversed(Status.choices)]


def pages(content: bytes) -> list[str]:
    return [FOOTER.sub("", compact(p)) for p in pdf_text(content).split("\f") if p.strip()]


def boxes(page: str, label: str) -> int:
    return page.count(f"☑{compact(label)}") + page.count(f"☐{compact(label)}")


def variants(code):
    """The document ``code`` of a demo round, drawn from its content with the progress texts
    given different lengths, as an approved version (no watermark on the pages)."""
    with scopes_disabled():
        progress_round = ProgressRound.objects.get(organisation__code="rob-wiang")
    document_class = DOCUMENTS[code]
    base = round_source(progress_round, live=True, parts=document_class.parts).content
    for variant in range(VARIANTS):
        content = copy.deepcopy(base)
        for i, measure in enumerate(content["measures"]):
            words = (i * 7 + variant * 11) % 45
            measure["progress"] = {
                **(measure.get("progress") or {"status": Status.NOT_STARTED.value, "results": ""}),
                "summary": " ".join(["ได้ดำเนินการตามแผนแล้ว"] * words),
            }
        yield document_class(Source(content, version=1, approved=True))


@pytest.mark.parametrize("code", ["r1", "r3", "r4"])
def test_no_page_opens_with_a_lone_status_line(demo, code):
    first, last = BOX_LABELS[0], BOX_LABELS[-1]
    for document in variants(code):
        content, _ = document.pdf()
        for number, page in enumerate(pages(content), start=1):
            assert boxes(page, first) == boxes(page, last), (code, number, page[:120])


def test_no_group_heading_is_left_at_the_foot_of_a_page(demo):
    for document in variants("r4"):
        headings = [
            compact(f"{g['tool']} · {g['indicator']}") for g in document.context()["groups"]
        ]
        assert headings
        content, _ = document.pdf()
        for number, page in enumerate(pages(content), start=1):
            assert not any(page.endswith(h) for h in headings), (number, page[-120:])


def test_no_section_heading_is_left_at_the_foot_of_a_page(demo):
    for document in variants("r1"):
        content, _ = document.pdf()
        for number, page in enumerate(pages(content), start=1):
            assert not re.search(r"ประเด็นการประเมิน(IIT|EIT|OIT)$", page), (number, page[-120:])


LONG_RESPONSIBLE = (
    "นายกองค์การบริหารส่วนตำบล ปลัดองค์การบริหารส่วนตำบล หัวหน้าสำนักปลัด "
    "ผู้อำนวยการกองคลัง ผู้อำนวยการกองช่าง และพนักงานส่วนตำบลทุกคนที่ได้รับมอบหมาย"
)
LONG_MONITORING = (
    "รายงานผลการดำเนินการต่อนายกองค์การบริหารส่วนตำบลทุกไตรมาส "
    "และรายงานผลต่อคณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่นภายในเดือนกันยายน"
)


def long_text_documents(code):
    """The demo round's document with long typed ผู้รับผิดชอบ and monitoring texts, as the
    other organisations' reports have them; balanced, and with the usual widths (the fixed
    widths they printed with before)."""
    with scopes_disabled():
        progress_round = ProgressRound.objects.get(organisation__code="rob-wiang")
    document_class = DOCUMENTS[code]
    content = copy.deepcopy(
        round_source(progress_round, live=True, parts=document_class.parts).content
    )
    for measure in content["measures"]:
        measure["responsible_text"] = LONG_RESPONSIBLE
        measure["monitoring"] = LONG_MONITORING
    balanced = document_class(Source(content, version=1, approved=True))
    fixed = document_class(Source(content, version=1, approved=True))
    fixed.table_columns = lambda columns, cells: [  # the usual widths, for comparison
        (column, f"{column.usual}%") for column in columns
    ]
    return balanced, fixed


@pytest.mark.parametrize("code", ["r3", "r4"])
def test_widths_balanced_from_the_content_make_a_shorter_document(demo, code):
    from printing.pdf import html_to_pdf

    from ..reports_helpers import page_count

    balanced, fixed = long_text_documents(code)
    columns = balanced.context()["columns"]
    widths = {c.heading: float(w.rstrip("%")) for c, w in columns}
    assert widths["ผู้รับผิดชอบ"] > 12, widths  # the long typed text is given room
    content = html_to_pdf(balanced.html())
    pages_balanced, pages_fixed = page_count(content), page_count(html_to_pdf(fixed.html()))
    assert pages_balanced < pages_fixed, (pages_balanced, pages_fixed)
    text = compact(pdf_text(content))
    assert compact(LONG_RESPONSIBLE)[:40] in text


def _body_rows(box):
    """The table rows of a laid-out page, without the heading rows repeated on each page."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
        return
    if isinstance(box, boxes.TableRowBox):
        yield box
    for child in getattr(box, "children", None) or []:
        yield from _body_rows(child)


def _lines(box) -> int:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        return 1
    return sum(_lines(child) for child in getattr(box, "children", None) or [])


@pytest.mark.parametrize("code", ["r1", "r3", "r4"])
def test_a_row_split_over_two_pages_starts_with_its_first_lines(demo, code):
    """Issue 14: a row that goes on over the page starts with at least two lines of text on
    the page it begins on, and no cell of it begins on the next page (the row's top with a
    lone "-" and empty cells at the foot of a page)."""
    from django.conf import settings

    from printing.pdf import layout

    found = []
    for variant, document in enumerate(variants(code)):
        laid_out, _check = layout(document.html(), settings.STATICFILES_DIRS)
        fragments = {}  # a row's element -> its fragments, page by page
        for number, page in enumerate(laid_out.pages, start=1):
            for row in _body_rows(page._page_box):
                fragments.setdefault(id(row.element), []).append((number, row))
        for parts in fragments.values():
            if len(parts) < 2:
                continue
            number, first = parts[0]
            lines = [_lines(cell) for cell in first.children]
            later = [[_lines(cell) for cell in row.children] for _n, row in parts[1:]]
            started_late = [
                i
                for i, count in enumerate(lines)
                if count == 0 and any(i < len(cells) and cells[i] for cells in later)
            ]
            if max(lines, default=0) < 2 or started_late:
                found.append((variant, number, lines, started_late))
    assert found == []


@pytest.mark.parametrize("org", ["rob-wiang", "hin-lek-fai", "phon-ngam"])
def test_the_first_table_starts_on_the_first_page(demo, org):
    """A tall first row breaks over the page rather than taking the whole table to the next
    one and leaving the first page empty below the opening (phon-ngam's R1 did: its steps
    are paragraphs inside list items, which WeasyPrint would not split while they had a
    margin of their own)."""
    with scopes_disabled():
        progress_round = ProgressRound.objects.filter(organisation__code=org).latest("end_date")
    # a heading of each document's first table that no opening paragraph says
    for code, heading in (("r1", "ระยะเวลา"), ("r3", "ระยะเวลา"), ("r4", "ขั้นตอนหรือวิธีการ")):
        first = pages(DOCUMENTS[code](progress_round, live=True).pdf()[0])[0]
        assert compact(heading) in first, (org, code)
