"""Every page of an organisation's year says where the year stands: the next step of the
year home's list, linked, on the measures, rounds, reports, results and analysis pages."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from measures.cycle import year_status

from ..factories import make_measure
from ..pages import visible_text

pytestmark = pytest.mark.django_db
PAGES = ["measures", "rounds", "reports", "oit-checklist", "year-history"]


def _next(org, year):
    return year_status(org, year, timezone.localdate()).next_step


@pytest.mark.parametrize("role", ["staff_a", "exec_a"])
def test_each_page_of_the_year_names_the_next_step(client, people, org_a, role):
    client.force_login(people[role])
    step = _next(org_a, 2569)
    assert step is not None
    for name in PAGES:
        page = client.get(reverse(name, kwargs={"org": "org-a", "year": 2569})).content.decode()
        assert f"ขั้นตอนถัดไป: {step.label}" in visible_text(page), name
        assert f'href="{escape(step.url)}"' in page, name
    # last year's results and their analysis open this year's cycle: its stage
    for name in ("results", "analysis"):
        page = client.get(reverse(name, kwargs={"org": "org-a", "year": 2568})).content.decode()
        assert f"ขั้นตอนถัดไป: {step.label}" in visible_text(page), name


def test_the_stage_moves_on_as_the_work_is_done(client, people, org_a):
    client.force_login(people["staff_a"])
    url = reverse("measures", kwargs={"org": "org-a", "year": 2570})
    before = _next(org_a, 2570)
    assert f"ขั้นตอนถัดไป: {before.label}" in visible_text(client.get(url).content.decode())
    make_measure(org_a, 2570, title="มาตรการทดสอบขั้นตอน")
    after = _next(org_a, 2570)
    assert after.label != before.label or after.detail != before.detail
    assert f"ขั้นตอนถัดไป: {after.label}" in visible_text(client.get(url).content.decode())
