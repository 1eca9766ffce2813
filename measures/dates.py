"""Dates people set that lie outside a round's reasonable range: asked about, never refused.

Past years' work is often recorded after the fact, so a date far from today can be right; but
a slip of a year (๒๕๖๔ for ๒๕๖๕) is the common typo. Each rule returns the Thai questions a
confirmation page asks ("ยืนยันวันที่"); an empty list means nothing to ask.
"""

import datetime

from kernel.thai import fiscal_year_bounds, format_date

# A signature dated longer than this after the round's end is probably today's date on a
# report of a past year: the signer is asked to set the date the signature bears.
SIGNED_AFTER_END = datetime.timedelta(days=365)


def signature_date_questions(progress_round, day: datetime.date, today: datetime.date):
    questions = []
    if day < progress_round.start_date:
        questions.append(
            f"วันที่ลงนาม {format_date(day)} อยู่ก่อนวันเริ่มรอบรายงาน "
            f"({format_date(progress_round.start_date)})"
        )
    if day > today:
        questions.append(f"วันที่ลงนาม {format_date(day)} อยู่หลังวันนี้ ({format_date(today)})")
    if day > progress_round.end_date + SIGNED_AFTER_END:
        questions.append(
            f"วันที่ลงนาม {format_date(day)} อยู่หลังวันสิ้นสุดรอบรายงาน "
            f"({format_date(progress_round.end_date)}) นานเกินหนึ่งปี หากเป็นการบันทึกย้อนหลัง "
            "กรุณาระบุวันที่ที่ลงนามจริง"
        )
    return questions


def deadline_questions(fiscal_year: int, days):
    """A measure's dates (start, end, deadlines) before its fiscal year begins."""
    first, _last = fiscal_year_bounds(fiscal_year)
    return [
        f"วันที่ {format_date(day)} อยู่ก่อนเริ่มปีงบประมาณ {format_date(first)}"
        for day in sorted(set(d for d in days if d))
        if day < first
    ]


def done_date_questions(progress_round, days):
    """Done-dates recorded in a round that lie after the round's end."""
    return [
        f"วันที่แล้วเสร็จ {format_date(day)} อยู่หลังวันสิ้นสุดรอบรายงาน "
        f"({format_date(progress_round.end_date)})"
        for day in sorted(set(d for d in days if d))
        if day > progress_round.end_date
    ]
