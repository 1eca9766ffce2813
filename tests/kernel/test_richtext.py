"""Typed text split into list items for the documents: as it went in, up to list markers."""

import pytest

from kernel.richtext import list_items
from kernel.templatetags.report_text import doc_text


def test_line_breaks_separate_items_and_are_never_joined():
    text = "๑. ปรับปรุงเว็บไซต์\n๒.มีการประชาสัมพันธ์"
    assert list_items(text) == ["๑. ปรับปรุงเว็บไซต์", "๒.มีการประชาสัมพันธ์"]
    assert "เว็บไซต์๒." not in doc_text(text)


def test_lines_without_markers_are_items_too():
    assert list_items("จัดอบรมบุคลากร\nเผยแพร่ทางเว็บไซต์") == ["จัดอบรมบุคลากร", "เผยแพร่ทางเว็บไซต์"]


@pytest.mark.parametrize(
    "first, second",
    [
        ("๑.จัดทำประกาศ", "๒.จัดทำคู่มือ"),
        ("1.จัดทำประกาศ", "2.จัดทำคู่มือ"),
        ("๑) จัดทำประกาศ", "๒) จัดทำคู่มือ"),
        ("(๑) จัดทำประกาศ", "(๒) จัดทำคู่มือ"),
        ("- จัดทำประกาศ", "- จัดทำคู่มือ"),
    ],
)
def test_markers_at_line_starts_make_items_kept_as_typed(first, second):
    text = f"วิธีดำเนินการ\n{first}\n{second}"
    assert list_items(text) == ["วิธีดำเนินการ", first, second]
    html = doc_text(text)
    assert html.count("<li>") == 3 and first in html and second in html


@pytest.mark.parametrize(
    "first, second", [("๑.จัดทำประกาศ", "๒.จัดทำคู่มือ"), ("(๑) จัดทำประกาศ", "(๒) จัดทำคู่มือ")]
)
def test_numbered_items_written_in_one_line_are_split(first, second):
    assert list_items(f"{first} {second}") == [first, second]


def test_a_hyphen_inside_a_line_is_text():
    text = "ประชุมชี้แจง - ติดตามผล และรายงานผู้บริหาร - ทุกไตรมาส"
    assert list_items(text) == [text]
    assert doc_text(text) == text


def test_a_date_range_keeps_its_dash():
    text = "จัดอบรมระหว่างวันที่ ๘ มีนาคม ๒๕๖๔ - ๑๘ มีนาคม ๒๕๖๔"
    assert list_items(text) == [text]
    assert "๒๕๖๔ - ๑๘" in doc_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "ได้คะแนน ๘๗.๗ คะแนน ซึ่งผ่านเกณฑ์",
        "ประจำปีงบประมาณ พ.ศ.๒๕๖๖ จำนวน ๒ ครั้ง",
        "๑.๕ ล้านบาท ตามข้อบัญญัติ",
        "ครั้งที่ ๒) ไม่ใช่รายการ",
    ],
)
def test_numbers_inside_sentences_are_not_items(text):
    assert list_items(text) == [text]


def test_typed_text_is_escaped():
    html = doc_text("๑. ราคา < ๕ บาท\n๒. a & b")
    assert "&lt; ๕" in html and "a &amp; b" in html


# --- what a text box shows of stored HTML -------------------------------------------------


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("<p>ได้จัดทำประกาศ</p><p>เผยแพร่แล้ว</p>", "ได้จัดทำประกาศ\nเผยแพร่แล้ว"),
        ("<ol><li>จัดประชุม</li><li>ติดประกาศ</li></ol>", "๑. จัดประชุม\n๒. ติดประกาศ"),
        ("ขั้นตอน<ul><li>ประกาศ</li><li>เผยแพร่</li></ul>", "ขั้นตอน\n- ประกาศ\n- เผยแพร่"),
        ("บรรทัดแรก<br>บรรทัดสอง &amp; สาม", "บรรทัดแรก\nบรรทัดสอง & สาม"),
        ("<p><strong>สำคัญ</strong> มาก</p>", "สำคัญ มาก"),
        ("ข้อความธรรมดา\nสองบรรทัด", "ข้อความธรรมดา\nสองบรรทัด"),
    ],
)
def test_stored_html_is_shown_for_editing_as_typed_text(stored, shown):
    from kernel.richtext import plain_text

    assert plain_text(stored) == shown
    assert "<" not in plain_text(stored)


def test_the_typed_text_reads_in_documents_like_the_stored_html():
    from kernel.richtext import plain_text

    stored = "<ol><li>จัดประชุม</li><li>ติดประกาศ</li></ol>"
    assert [i.split(" ", 1)[1] for i in list_items(plain_text(stored))] == list_items(stored)
