from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.levels import level_for_score, parse_score


@pytest.mark.parametrize(
    "score,level,passed",
    [
        ("100", "AA", True),
        ("95.00", "AA", True),
        ("94.99", "A", True),
        ("85.00", "A", True),
        ("84.99", "B", False),
        ("75", "B", False),
        ("74.99", "C", False),
        ("65", "C", False),
        ("64.99", "D", False),
        ("55", "D", False),
        ("54.99", "E", False),
        ("50.00", "E", False),
        ("49.99", "F", False),
        ("0", "F", False),
        (Decimal("92.89"), "A", True),
        (87.7, "A", True),
        (76.92, "B", False),
    ],
)
def test_level_bands(score, level, passed):
    result = level_for_score(score)
    assert (result.code, result.passed) == (level, passed)
    assert result.verdict == ("ผ่าน" if passed else "ไม่ผ่าน")


def test_older_reports_say_needs_improvement():
    assert level_for_score("76.92").old_verdict == "ต้องปรับปรุง"  # 004, อบต.โพนงาม


def test_thai_digits_are_read():
    assert parse_score("๙๕.๑๗") == Decimal("95.17")
    assert level_for_score("๙๕.๑๗").code == "AA"


@pytest.mark.parametrize(
    "bad,message",
    [
        ("101", "นอกช่วง ๐–๑๐๐"),
        ("-0.01", "นอกช่วง ๐–๑๐๐"),
        ("85.123", "ทศนิยมเกิน ๒ ตำแหน่ง"),
        ("แปดสิบ", "ไม่ใช่ตัวเลขคะแนน"),
        ("NaN", "ไม่ใช่ตัวเลขคะแนน"),
        ("", "กรุณาระบุคะแนน"),
        (None, "กรุณาระบุคะแนน"),
    ],
)
def test_bad_scores_are_refused_in_thai(bad, message):
    with pytest.raises(ValidationError) as error:
        level_for_score(bad)
    assert message in error.value.messages[0]


def test_trailing_zeros_are_not_extra_precision():
    assert parse_score("85.500") == Decimal("85.50")


@pytest.mark.parametrize(
    "typed,score",
    [
        ("๘๕.๕๐", "85.50"),
        (" 85.5 ", "85.50"),
        ("\u00a0๙๐\t", "90.00"),
        ("100", "100.00"),
        ("0", "0.00"),
        ("85.", "85.00"),
        (".5", "0.50"),
        (85, "85.00"),
        (Decimal("76.92"), "76.92"),
    ],
)
def test_a_score_is_arabic_or_thai_digits_with_one_decimal_point(typed, score):
    assert parse_score(typed, field="ข้อ i1") == Decimal(score)


@pytest.mark.parametrize(
    "typed",
    [
        "1,00",  # Decimal would have read 100 (a thousands separator)
        "1_00",  # ... and this too (Python's digit grouping)
        "85,50",
        "１００",  # full-width digits
        "١٠٠",  # Arabic-Indic digits
        "۸۵",  # Persian digits
        "1e2",
        "85.5.5",
        "+85",
        "8 5",
        "Infinity",
        "0x55",
    ],
)
def test_anything_else_is_refused_naming_the_field(typed):
    with pytest.raises(ValidationError) as error:
        parse_score(typed, field="ข้อ i1")
    assert error.value.messages[0].startswith(f"ข้อ i1: “{typed}” ไม่ใช่ตัวเลขคะแนน")


def test_minus_zero_is_below_the_range():
    with pytest.raises(ValidationError, match="นอกช่วง ๐–๑๐๐"):
        parse_score("-0")
