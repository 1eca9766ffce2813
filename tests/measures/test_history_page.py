"""The history a person reads: Thai field names and the names of what was linked, never
model field names or Python data (issue "every role's journey", point 5)."""

import datetime
import re

import pytest
from django.urls import reverse
from django_scopes import scope

from measures.models import Measure, Status
from measures.services import measure_save

from ..factories import make_measure

pytestmark = pytest.mark.django_db


def test_the_measure_history_speaks_thai(client, org_a, people):
    measure = make_measure(org_a, 2569, 1, title="มาตรการเดิม")
    with scope(organisation=org_a.pk):
        unit = org_a.unit_set.get(name="กองคลัง")
        measure = Measure.objects.get(pk=measure.pk)
        measure.title = "มาตรการใหม่"
        measure.end_date = datetime.date(2026, 3, 31)
        measure.kind = Measure.Kind.PROJECT
        measure_save(
            measure=measure,
            steps=["ขั้นแรก"],
            expected_version=measure.version,
            links={"responsible_units": [unit]},
        )
    client.force_login(people["staff_a"])
    url = reverse("measure-history", kwargs={"org": org_a.code, "year": 2569, "pk": measure.pk})
    html = client.get(url).content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert "“มาตรการเดิม” → “มาตรการใหม่”" in text
    assert "เพิ่ม กองคลัง" in text
    assert "๓๑ มี.ค. ๒๕๖๙" in text or "๓๑ มีนาคม ๒๕๖๙" in text
    assert str(Measure.Kind.PROJECT.label) in text
    for raw in ("responsible_units", "end_date", "{'", "'unit'", "2026-03-31", "project"):
        assert raw not in text, raw
    assert Status.DONE  # the enum is importable for the status column
