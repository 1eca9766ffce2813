"""What staff typed is printed as typed: the ผู้รับผิดชอบ text next to the ticked units, and
typed digits in either digit style (only generated numbers follow ``?digits=arabic``)."""

import datetime
import re

import pytest
from django_scopes import scopes_disabled

from measures.models import Measure, MeasureDeadline, Progress
from measures.services import standard_rounds
from organisations.models import Unit
from reports.documents import DOCUMENTS

from ..factories import make_measure
from ..reports_helpers import compact, pdf_text

pytestmark = pytest.mark.django_db
TYPED_RESPONSIBLE = "นายกองค์การบริหารส่วนตำบล (ผู้กำกับ)"
TYPED_DIGITS = ["ประชุม ๒ ครั้ง", "อบรม 3 รุ่น"]  # one typed in Thai digits, one in Arabic


@pytest.fixture
def typed_round(org_a):
    with scopes_disabled():
        unit = Unit.objects.get(organisation=org_a, name="กองคลัง")
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    m = make_measure(org_a, 2569, 1, title="มาตรการประกาศเจตนารมณ์", units=[unit])
    with scopes_disabled():
        Measure.objects.filter(pk=m.pk).update(
            responsible_text=TYPED_RESPONSIBLE, monitoring="\n".join(TYPED_DIGITS)
        )
        MeasureDeadline.objects.create(
            measure=m, label="รายงานผล", due_date=datetime.date(2026, 1, 15)
        )
        Progress.objects.create(
            measure=m, round=six, status="in_progress", summary="\n".join(TYPED_DIGITS)
        )
    return six


@pytest.mark.parametrize("code", ["r3", "r4"])
def test_typed_responsible_text_is_printed_with_the_ticked_units(typed_round, code):
    text = compact(pdf_text(DOCUMENTS[code](typed_round).pdf()[0]))
    assert "กองคลัง" in text and compact(TYPED_RESPONSIBLE) in text


@pytest.mark.parametrize("code", ["r0", "r1", "r3", "r4", "r5"])
@pytest.mark.parametrize("thai_digits", [True, False])
def test_typed_digits_stay_as_typed_and_generated_ones_follow_the_style(
    typed_round, code, thai_digits
):
    text = pdf_text(DOCUMENTS[code](typed_round, thai_digits=thai_digits).pdf()[0])
    flat = compact(text)
    if code in ("r3", "r4"):  # the documents that print the typed cells
        assert all(compact(t) in flat for t in TYPED_DIGITS), code
    for typed in TYPED_DIGITS:
        flat = flat.replace(compact(typed), "")
    other = "[0-9]" if thai_digits else "[๐-๙]"
    assert not re.search(other, flat), re.findall(rf"\S{{0,12}}{other}\S{{0,12}}", flat)[:5]
