"""The one place where Thai display and input conventions live.

* Buddhist Era years (BE = CE + 543) and fiscal years (FY N runs 1 Oct N-1 .. 30 Sep N, BE).
* Dates shown with Thai month names, in Thai or Arabic digits.
* Dates typed by people: BE or CE, Thai or Arabic digits; ambiguous or impossible input is
  refused with a Thai message instead of being stored as the wrong year.
* Text typed or pasted by people: normalised, control characters removed.

Nothing else in the portal adds 543 or formats a date by hand.
"""

import datetime
import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from pythainlp.util import (
    arabic_digit_to_thai_digit,
    normalize,
    thai_digit_to_arabic_digit,
    thai_strftime,
)

BE_OFFSET = 543
# Years a person can mean in this domain. Anything outside is a typo, not a date.
BE_RANGE = (2400, 2700)
CE_RANGE = (1900, 2157)

MONTHS_LONG = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
MONTHS_SHORT = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]


class ThaiDateError(ValidationError):
    """A typed date that cannot be stored unambiguously; the message is Thai."""


# --- digits -----------------------------------------------------------------------------


def thai_digits(value) -> str:
    """Text of ``value`` with Arabic digits replaced by Thai digits (๐–๙)."""
    return arabic_digit_to_thai_digit(str(value)) if value is not None else ""


_WORD = re.compile(r"\S+")
_LATIN = re.compile(r"[A-Za-z]")


def thai_digits_in_words(text) -> str:
    """Arabic → Thai digits in a sentence, word by word; a word with Latin letters (a code such
    as i2 or O12, a link, a name) keeps its digits."""
    return _WORD.sub(
        lambda m: m.group() if _LATIN.search(m.group()) else thai_digits(m.group()), str(text)
    )


def arabic_digits(value) -> str:
    """Text of ``value`` with Thai digits replaced by Arabic digits."""
    return thai_digit_to_arabic_digit(str(value)) if value is not None else ""


def whole_number(typed, *, width=None) -> int | None:
    """The whole number someone typed in Thai or Arabic digits (spaces around allowed), or
    None for anything else; ``width`` asks for exactly that many digits. ``str.isdigit`` is
    not this rule: it takes "²" (which ``int`` then refuses) and Arabic-Indic digits; nor is
    ``int``, which takes "1_000"."""
    text = arabic_digits(typed).strip()
    digits_wanted = f"{{{width}}}" if width else "{1,9}"
    return int(text) if re.fullmatch(f"[0-9]{digits_wanted}", text) else None


def be_year_typed(typed) -> int | None:
    """A BE year someone typed as four Thai or Arabic digits inside ``BE_RANGE``, or None
    ("02569" is not a way of writing a year)."""
    year = whole_number(typed, width=4)
    return year if year is not None and BE_RANGE[0] <= year <= BE_RANGE[1] else None


# The digit style of what is being rendered: Thai (๐–๙) by default; a document printed with
# "?digits=arabic" renders inside ``digit_style("arabic")``. Every number the portal generates
# (dates, years, scores, counts, item and page numbers) goes through ``digits`` or a formatter
# below, so one switch changes all of them; text people typed is printed as they typed it.
_STYLE: ContextVar[str] = ContextVar("digit_style", default="thai")


@contextmanager
def digit_style(style: str):
    """Render everything inside in ``style`` ("thai" or "arabic")."""
    if style not in ("thai", "arabic"):
        raise ValueError(f"unknown digit style {style!r}")
    token = _STYLE.set(style)
    try:
        yield
    finally:
        _STYLE.reset(token)


def uses_thai_digits() -> bool:
    return _STYLE.get() == "thai"


def digits(value, *, thai=None) -> str:
    """A generated number (or text made of them) in the current digit style, or in Thai /
    Arabic digits when ``thai`` says so."""
    if value is None:
        return ""
    thai = uses_thai_digits() if thai is None else thai
    return thai_digits(value) if thai else arabic_digits(value)


# --- years ------------------------------------------------------------------------------


def to_be(ce_year: int) -> int:
    """Buddhist Era year of a Christian Era year."""
    ce_year = int(ce_year)
    if not CE_RANGE[0] <= ce_year <= CE_RANGE[1]:
        raise ThaiDateError(f"ปี ค.ศ. {ce_year} อยู่นอกช่วงที่ใช้ได้")
    return ce_year + BE_OFFSET


def to_ce(be_year: int) -> int:
    """Christian Era year of a Buddhist Era year."""
    be_year = int(be_year)
    if not BE_RANGE[0] <= be_year <= BE_RANGE[1]:
        raise ThaiDateError(f"ปี พ.ศ. {be_year} อยู่นอกช่วงที่ใช้ได้")
    return be_year - BE_OFFSET


def fiscal_year_of(day: datetime.date) -> int:
    """The fiscal year (BE) a date falls in: October starts the next year."""
    ce = day.year + 1 if day.month >= 10 else day.year
    return to_be(ce)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year given in BE."""
    ce = to_ce(fiscal_year_be)
    return datetime.date(ce - 1, 10, 1), datetime.date(ce, 9, 30)


# --- showing dates ----------------------------------------------------------------------


def format_date(day, *, style="long", thai=None) -> str:
    """``๑๖ ตุลาคม ๒๕๖๖`` (long) or ``๑๖ ต.ค. ๖๖`` (short), in the current digit style (or
    Thai / Arabic digits when ``thai`` says so)."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):  # an ISO date or date-time, as frozen report content keeps them
        day = (
            datetime.datetime.fromisoformat(day) if "T" in day else datetime.date.fromisoformat(day)
        )
    if isinstance(day, datetime.datetime):
        day = day.date() if day.tzinfo is None else day.astimezone().date()
    fmt = "%-d %B %Y" if style == "long" else "%-d %b %y"
    return thai_strftime(day, fmt, thaidigit=uses_thai_digits() if thai is None else thai)


def format_numeric_date(day) -> str:
    """``15/03/2568``: day/month/BE year in Arabic digits, as a form field or a spreadsheet cell
    shows a date (``parse_date`` reads it back)."""
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{to_be(day.year)}"


def format_datetime(moment, *, thai=None) -> str:
    """``๑๖ ตุลาคม ๒๕๖๖ เวลา ๑๔:๐๕ น.`` in local time."""
    if moment is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return digits(f"{format_date(local.date(), thai=thai)} เวลา {local:%H:%M} น.", thai=thai)


def format_year(be_year, *, thai=None) -> str:
    return digits(be_year, thai=thai)


# --- typed dates ------------------------------------------------------------------------

_MONTH_LOOKUP = {name: i + 1 for i, name in enumerate(MONTHS_LONG)}
_MONTH_LOOKUP.update({name: i + 1 for i, name in enumerate(MONTHS_SHORT)})
_MONTH_LOOKUP.update({name.replace(".", ""): i + 1 for i, name in enumerate(MONTHS_SHORT)})

# [0-9], not \d: after ``arabic_digits`` the digits a person types are these; \d would also take
# Arabic-Indic and other scripts' digits, which nobody here means as a date.
_NUMERIC_DMY = re.compile(r"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]+)$")
_NUMERIC_YMD = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_WORDS = re.compile(r"^([0-9]{1,2})\s*([ก-๙.]+?)\s*([0-9]+)$")


def _year_to_ce(year_text: str, era: str | None) -> int:
    if len(year_text) != 4:
        raise ThaiDateError(
            "ปีไม่ชัดเจน: กรุณาพิมพ์ปีเป็นเลข ๔ หลัก เช่น ๒๕๖๘ (พ.ศ.) หรือ 2025 (ค.ศ.)",
            code="ambiguous_year",
        )
    year = int(year_text)
    if era == "be" or (era is None and BE_RANGE[0] <= year <= BE_RANGE[1]):
        if not BE_RANGE[0] <= year <= BE_RANGE[1]:
            raise ThaiDateError(f"ปี พ.ศ. {thai_digits(year)} เป็นไปไม่ได้", code="bad_year")
        return year - BE_OFFSET
    if era == "ce" or (era is None and CE_RANGE[0] <= year <= CE_RANGE[1]):
        if not CE_RANGE[0] <= year <= CE_RANGE[1]:
            raise ThaiDateError(f"ปี ค.ศ. {year} เป็นไปไม่ได้", code="bad_year")
        return year
    raise ThaiDateError(f"ปี {thai_digits(year)} ไม่ใช่ทั้ง พ.ศ. และ ค.ศ. ที่เป็นไปได้", code="bad_year")


def parse_date(text: str) -> datetime.date:
    """Read a date typed by a person.

    Day-month-year with ``/ . -`` (``15/03/2568``), ISO ``2025-03-15``, or Thai month names
    (``15 มี.ค. 2568``, ``๑๕ มีนาคม ๒๕๖๘``). A four-digit year from 2400 on is BE, one up to
    2157 is CE; ``พ.ศ.``/``ค.ศ.`` may say so explicitly. Two-digit years are ambiguous and
    refused, as is any day that does not exist.
    """
    raw = clean_text(text or "")
    if not raw:
        raise ThaiDateError("กรุณาระบุวันที่", code="required")
    value = arabic_digits(raw)
    era = "be" if "พ.ศ." in value else "ce" if "ค.ศ." in value else None
    value = re.sub(r"\s+", " ", value.replace("พ.ศ.", " ").replace("ค.ศ.", " ")).strip()
    m = _NUMERIC_YMD.match(value)
    if m:
        year_text, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        m = _NUMERIC_DMY.match(value) or _WORDS.match(value)
        if not m:
            raise ThaiDateError(
                f"อ่านวันที่ “{raw}” ไม่ได้ กรุณาพิมพ์แบบ วัน/เดือน/ปี เช่น ๑๕/๐๓/๒๕๖๘",
                code="unreadable",
            )
        day, month_text, year_text = int(m.group(1)), m.group(2), m.group(3)
        if re.fullmatch("[0-9]+", month_text):
            month = int(month_text)
        else:
            month = _MONTH_LOOKUP.get(month_text) or _MONTH_LOOKUP.get(month_text.replace(".", ""))
            if month is None:
                raise ThaiDateError(f"ไม่รู้จักชื่อเดือน “{month_text}”", code="bad_month")
    ce_year = _year_to_ce(year_text, era)
    try:
        return datetime.date(ce_year, month, day)
    except ValueError:
        raise ThaiDateError(
            f"ไม่มีวันที่ {thai_digits(day)} เดือน {thai_digits(month)} "
            f"ปี พ.ศ. {thai_digits(ce_year + BE_OFFSET)}",
            code="impossible",
        ) from None


# --- typed text -------------------------------------------------------------------------

_CONTROL = {"Cc", "Cf"}
_KEEP = {"\n", "\t"}


def clean_text(text: str, *, multiline=False) -> str:
    """Normalise Thai text (pythainlp) and drop control and zero-width characters."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in _CONTROL or (multiline and ch in _KEEP)
    )
    text = normalize(text)
    if not multiline:
        text = re.sub(r"\s+", " ", text)
    return text.strip()


# --- periods written in words ------------------------------------------------------------

_MONTH_YEAR = re.compile(r"([ก-๙.]+)\s*([0-9]{2}|[0-9]{4})")


def _month_start_end(month_text, year_text):
    month = _MONTH_LOOKUP.get(month_text) or _MONTH_LOOKUP.get(month_text.replace(".", ""))
    if month is None:
        return None
    year = int(year_text)
    be = 2500 + year if year < 100 else year  # "ต.ค. ๖๕": a two-digit year in a period is BE
    ce = _year_to_ce(str(be), "be")
    import calendar

    first = datetime.date(ce, month, 1)
    last = datetime.date(ce, month, calendar.monthrange(ce, month)[1])
    return first, last


def parse_period(text: str, fiscal_year_be: int | None = None):
    """Dates of a period written in words, or (None, None) when it names none.

    ``ตลอดปีงบประมาณ`` (the fiscal year given), ``ปีงบประมาณ ๒๕๖๖``,
    ``ต.ค. ๖๕ ถึง ก.ย. ๖๖``, ``๑ ตุลาคม ๒๕๖๘ - ๓๐ กันยายน ๒๕๖๙``.
    """
    raw = clean_text(text or "")
    value = arabic_digits(raw)
    if not value:
        return None, None
    m = re.search(r"ปีงบประมาณ\s*(?:พ\.ศ\.)?\s*([0-9]{4})", value)
    if m:
        return fiscal_year_bounds(int(m.group(1)))
    if "ตลอดปีงบประมาณ" in value or value == "ปีงบประมาณ":
        return fiscal_year_bounds(fiscal_year_be) if fiscal_year_be else (None, None)
    halves = re.split(r"\s+(?:ถึง|-|–)\s+|\s*(?:ถึง|–)\s*", value, maxsplit=1)
    if len(halves) == 2:
        try:
            return parse_date(halves[0]), parse_date(halves[1])
        except ValidationError:
            pass
        a = _MONTH_YEAR.fullmatch(halves[0].strip())
        b = _MONTH_YEAR.fullmatch(halves[1].strip())
        if a and b:
            first = _month_start_end(*a.groups())
            last = _month_start_end(*b.groups())
            if first and last:
                return first[0], last[1]
    return None, None
