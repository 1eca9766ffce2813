"""Every multi-line cell of the three shared seeds, stored as staff type it and read back from
the PDF: the same text, item for item, each item on its own line.

The cells come from scripts/extract_seed_cells.py (tests/fixtures/seed_cells.json), so the
test does not read /work/shared at run time."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from kernel.richtext import list_items
from kernel.thai import thai_digits
from measures.models import Measure, MeasureStep, Progress, ProgressRound
from reports.documents import DOCUMENTS

from ..factories import make_measure, make_organisation
from ..reports_helpers import compact, page_count, pdf_text

pytestmark = pytest.mark.django_db
CELLS = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "seed_cells.json").read_text(encoding="utf-8")
)
HEADINGS = {  # each document's table heading, repeated on every page
    "r4": "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา ผู้รับผิดชอบ ขั้นตอนหรือวิธีการ/มาตรการ "
    "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ การดำเนินการ",
    "r3": "มาตรการ/แนวทาง วิธีการดำเนินการ ผู้รับผิดชอบ ระยะเวลาดำเนินการ ผลการดำเนินการ ข้อเสนอแนะ",
}
BOXES = [
    f"{box}{label}"
    for box in "☑☐"
    for label in ("ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ได้ดำเนินการ")
]


def test_the_fixture_has_the_cells_of_all_three_seeds():
    assert {c["seed"] for c in CELLS} == {"000", "001", "004"}
    assert len(CELLS) >= 70
    assert all(len(list_items(c["text"])) >= 2 for c in CELLS)  # two items or more each


def without_furniture(text: str, code: str, pages: int) -> str:
    """The PDF's text without what pages repeat (the draft marks, the table heading, the page
    numbers) and the status boxes, which a row split across pages may carry over."""
    text = compact(text)
    for furniture in (HEADINGS[code], "ฉบับร่าง(ข้อมูลล่าสุด)", "ฉบับร่าง", *BOXES):
        text = text.replace(compact(furniture), "")
    return re.sub(rf"หน้า[๐-๙]+/{thai_digits(pages)}", "", text)


@scopes_disabled()  # the test's own data; the documents scope themselves
def round_with_cells(cells):
    org = make_organisation("seedcells", "องค์การบริหารส่วนตำบลทดสอบ")
    progress_round = ProgressRound.objects.create(
        organisation=org,
        fiscal_year=2569,
        kind="custom",
        name="รอบทดสอบ",
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2026, 3, 31),
    )
    for number, cell in enumerate(cells, start=1):
        measure = make_measure(org, 2569, number, title=f"ม{number}")
        # the cell in one column of each document (R4 monitoring, R3 results), every other
        # cell of its row short, so that a row split across pages interleaves nothing
        Measure.objects.filter(pk=measure.pk).update(monitoring=cell["text"])
        MeasureStep.objects.filter(measure=measure).delete()
        Progress.objects.create(
            measure=measure, round=progress_round, status="in_progress", results=cell["text"]
        )
    return progress_round


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_every_multi_line_cell_of_the_seeds_prints_as_stored(seed):
    cells = [c for c in CELLS if c["seed"] == seed]
    progress_round = round_with_cells(cells)
    all_items = [compact(i) for c in cells for i in list_items(c["text"])]
    for code in ("r4", "r3"):
        content, _cached = DOCUMENTS[code](progress_round).pdf()
        raw = pdf_text(content)
        text = without_furniture(raw, code, page_count(content))
        lines = [compact(line) for line in raw.splitlines()]
        for cell in cells:
            # the whole cell, in order, nothing joined or dropped (white space aside)
            assert compact(cell["text"]) in text, (code, cell["line"], cell["column"])
            items = [compact(i) for i in list_items(cell["text"])]
            for before, after in zip(items, items[1:], strict=False):
                # each item starts a line of its own: never "…เว็บไซต์๒.มีการ…" in one line
                # (unless another cell has those words inside one of its items)
                joined = before[-8:] + after[:8]
                inline = any(joined in item for item in all_items)
                assert inline or not any(joined in line for line in lines), (code, joined)
