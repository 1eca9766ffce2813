import datetime

import pytest
from django.core.exceptions import ValidationError

from kernel import thai


def test_digits_both_ways():
    assert thai.thai_digits("87.70 ปี 2566") == "๘๗.๗๐ ปี ๒๕๖๖"
    assert thai.arabic_digits("๙๒.๘๙") == "92.89"
    assert thai.digits(2568, thai=False) == "2568"


def test_numbers_in_a_sentence_but_not_codes_or_links():
    assert (
        thai.thai_digits_in_words("ข้อ i2: ยาวได้ไม่เกิน 100 ตัวอักษร (มี 150) ดู https://x.go.th/a1 O12")
        == "ข้อ i2: ยาวได้ไม่เกิน ๑๐๐ ตัวอักษร (มี ๑๕๐) ดู https://x.go.th/a1 O12"
    )


def test_be_ce_conversion():
    assert thai.to_be(2025) == 2568
    assert thai.to_ce(2568) == 2025
    with pytest.raises(ValidationError):
        thai.to_ce(2025)  # a CE year given where a BE year is expected
    with pytest.raises(ValidationError):
        thai.to_be(2568)  # a BE year given where a CE year is expected


def test_a_date_in_numbers_is_day_month_be_year_and_reads_back():
    day = datetime.date(2025, 3, 15)
    assert thai.format_numeric_date(day) == "15/03/2568"
    assert thai.parse_date(thai.format_numeric_date(day)) == day
    assert thai.format_numeric_date(None) == ""


def test_fiscal_years():
    assert thai.fiscal_year_of(datetime.date(2026, 10, 1)) == 2570
    assert thai.fiscal_year_of(datetime.date(2026, 9, 30)) == 2569
    assert thai.fiscal_year_bounds(2570) == (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))


def test_format_dates():
    day = datetime.date(2023, 10, 16)
    assert thai.format_date(day) == "๑๖ ตุลาคม ๒๕๖๖"
    assert thai.format_date(day, style="short") == "๑๖ ต.ค. ๖๖"
    assert thai.format_date(day, thai=False) == "16 ตุลาคม 2566"


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("15/03/2568", datetime.date(2025, 3, 15)),  # BE
        ("15/03/2025", datetime.date(2025, 3, 15)),  # CE
        ("๑๕/๐๓/๒๕๖๘", datetime.date(2025, 3, 15)),  # Thai digits
        ("2025-03-15", datetime.date(2025, 3, 15)),  # ISO
        ("15 มี.ค. 2568", datetime.date(2025, 3, 15)),
        ("๑๖ ตุลาคม ๒๕๖๖", datetime.date(2023, 10, 16)),
        ("16 ตุลาคม พ.ศ. 2566", datetime.date(2023, 10, 16)),
        ("29/02/2567", datetime.date(2024, 2, 29)),  # 2567 BE = 2024, a leap year
        ("  1.10.2569 ", datetime.date(2026, 10, 1)),
    ],
)
def test_parse_typed_dates(typed, expected):
    assert thai.parse_date(typed) == expected


@pytest.mark.parametrize(
    "typed,message",
    [
        ("15/03/68", "ปีไม่ชัดเจน"),  # two-digit year: 1968? 2068? 2568?
        ("31/02/2568", "ไม่มีวันที่ ๓๑ เดือน ๒"),
        ("29/02/2568", "ไม่มีวันที่ ๒๙ เดือน ๒"),  # 2025 is not a leap year
        ("15/13/2568", "ไม่มีวันที่ ๑๕ เดือน ๑๓"),
        ("15/03/2300", "ไม่ใช่ทั้ง พ.ศ. และ ค.ศ."),
        ("15/03/2025 พ.ศ.", "เป็นไปไม่ได้"),  # says BE but is a CE year
        ("พรุ่งนี้", "อ่านวันที่"),
        ("15 มีนา 2568", "ไม่รู้จักชื่อเดือน"),
        ("", "กรุณาระบุวันที่"),
        ("١٥/٠٣/٢٥٦٨", "อ่านวันที่"),  # Arabic-Indic digits are not Thai or Arabic digits
        ("15 มี.ค. ٢٥٦٨", "อ่านวันที่"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused_in_thai(typed, message):
    with pytest.raises(ValidationError) as error:
        thai.parse_date(typed)
    assert message in error.value.messages[0]


def test_clean_text_drops_control_and_zero_width_characters():
    assert thai.clean_text("สำนัก\u200bปลัด\x00\x07  ") == "สำนักปลัด"
    assert thai.clean_text("บรรทัด ๑\r\nบรรทัด ๒\x0b", multiline=True) == "บรรทัด ๑\nบรรทัด ๒"


@pytest.mark.parametrize(
    "text,year,expected",
    [
        ("ตลอดปีงบประมาณ", 2566, (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))),
        ("ปีงบประมาณ ๒๕๖๖", None, (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))),
        ("ต.ค. ๖๕ ถึง ก.ย. ๖๖", None, (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))),
        (
            "๑ ตุลาคม ๒๕๖๘ - ๓๐ กันยายน ๒๕๖๙",
            None,
            (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)),
        ),
        (
            "๒๗ ธันวาคม ๒๕๖๗ - ๖ กุมภาพันธ์ ๒๕๖๘",
            None,
            (datetime.date(2024, 12, 27), datetime.date(2025, 2, 6)),
        ),
        ("เมื่อมีงบประมาณ", 2569, (None, None)),
    ],
)
def test_periods_written_in_words(text, year, expected):
    assert thai.parse_period(text, year) == expected
