"""Scores and levels (ระดับผลการประเมิน) of the ITA.

Bands as published by the NACC: AA 95.00–100, A 85.00–94.99, B 75.00–84.99,
C 65.00–74.99, D 55.00–64.99, E 50.00–54.99, F 0–49.99. The national target is 85:
a score of 85 or more "ผ่าน" (passes); below it older reports say "ต้องปรับปรุง".

This module owns these facts: everything else asks PASS_MARK and FULL_MARKS, never retypes them.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from kernel.thai import arabic_digits, thai_digits

PASS_MARK = Decimal("85")
FULL_MARKS = Decimal("100")  # of the total, of a tool, an indicator, a question or an OIT item
BANDS = (  # (lowest score of the band, level)
    (Decimal("95"), "AA"),
    (Decimal("85"), "A"),
    (Decimal("75"), "B"),
    (Decimal("65"), "C"),
    (Decimal("55"), "D"),
    (Decimal("50"), "E"),
    (Decimal("0"), "F"),
)


@dataclass(frozen=True)
class Level:
    code: str
    passed: bool

    @property
    def verdict(self) -> str:
        return "ผ่าน" if self.passed else "ไม่ผ่าน"

    @property
    def old_verdict(self) -> str:
        """The wording of older reports (e.g. 004): ผ่าน / ต้องปรับปรุง."""
        return "ผ่าน" if self.passed else "ต้องปรับปรุง"

    def __str__(self):
        return self.code


# What a Thai user means by a score: Arabic or Thai digits (the latter turned Arabic first) with
# at most one decimal point. Python's Decimal would also take "1,00"/"1_00" as 100, "1e2",
# "+85", and full-width or Arabic-Indic digits; none of them is what anyone here types.
_SCORE_TEXT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def parse_score(value, *, field="คะแนน") -> Decimal:
    """A score as typed or imported: 0 to FULL_MARKS, at most two decimals, Thai digits allowed.

    Raises ValidationError with a Thai message naming ``field``.
    """
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"{field}: กรุณาระบุคะแนน", code="required")
    if isinstance(value, int | Decimal):  # a number from a spreadsheet or the database
        text, number = str(value), value
    elif isinstance(value, float):
        text = number = repr(value)
    else:
        text = number = arabic_digits(str(value)).strip()
        if not _SCORE_TEXT.fullmatch(text):
            raise ValidationError(
                f"{field}: “{value}” ไม่ใช่ตัวเลขคะแนน (พิมพ์ตัวเลขอารบิกหรือไทย "
                "มีจุดทศนิยมได้หนึ่งจุด เช่น ๘๕.๕๐)",
                code="not_a_number",
            )
    try:
        score = Decimal(number)
    except InvalidOperation:
        raise ValidationError(f"{field}: “{value}” ไม่ใช่ตัวเลขคะแนน", code="not_a_number") from None
    if not score.is_finite():
        raise ValidationError(f"{field}: “{value}” ไม่ใช่ตัวเลขคะแนน", code="not_a_number")
    if score < 0 or score > FULL_MARKS or score.is_signed():  # "-0" is not a score either
        raise ValidationError(
            f"{field}: คะแนน {thai_digits(text)} อยู่นอกช่วง ๐–{thai_digits(FULL_MARKS)}",
            code="out_of_range",
        )
    if score.as_tuple().exponent < -2 and score != score.quantize(Decimal("0.01")):
        raise ValidationError(
            f"{field}: คะแนน {thai_digits(text)} มีทศนิยมเกิน ๒ ตำแหน่ง", code="too_precise"
        )
    return score.quantize(Decimal("0.01"))


def level_for_score(score) -> Level:
    """The level of a score (AA … F) and whether it passes the national target (PASS_MARK)."""
    value = parse_score(score)
    for lowest, code in BANDS:
        if value >= lowest:
            return Level(code=code, passed=value >= PASS_MARK)
    raise AssertionError("unreachable: BANDS end at 0")


def _validate_score(value):
    parse_score(value)


def score_validators():
    """Model-field validators that give the Thai messages of ``parse_score``."""
    return [_validate_score]
