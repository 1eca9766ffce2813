"""Any year is reachable (issue "this year's cycle", point 9): the organisation page lists
every year with a framework or data and opens any BE year; copying measures offers any earlier
year that has measures."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kernel.thai import fiscal_year_of
from measures.models import Measure

from ..factories import make_measure

pytestmark = pytest.mark.django_db


def page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs), follow=True)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_organisation_page_lists_the_current_year_the_results_year_and_years_with_data(
    client, org_a, people
):
    make_measure(org_a, 2564, 1, title="มาตรการปี ๒๕๖๔")
    client.force_login(people["staff_a"])
    _response, html = page(client, "organisation", org=org_a.code)
    current = fiscal_year_of(datetime.date.today())
    from kernel.thai import thai_digits

    for year in (current, current - 1, 2564, 2566, 2568):
        assert reverse("year-home", kwargs={"org": org_a.code, "year": year}) in html, year
    assert "ปีปัจจุบัน" in html and thai_digits(current) in html


def test_any_be_year_can_be_opened_from_the_organisation_page(client, org_a, people):
    client.force_login(people["staff_a"])
    url = reverse("organisation", kwargs={"org": org_a.code})
    response = client.get(url, {"open_year": "๒๕๖๔"})
    assert response.status_code == 302
    assert response["Location"] == reverse("year-home", kwargs={"org": org_a.code, "year": 2564})
    response = client.get(url, {"open_year": "2021"}, follow=True)
    assert "ปีงบประมาณต้องเป็นปี พ.ศ." in response.content.decode()


def test_copy_offers_every_earlier_year_with_measures(client, org_a, people):
    make_measure(org_a, 2565, 1, title="มาตรการเก่า")
    make_measure(org_a, 2565, 2, title="มาตรการเก่าอีกข้อ")
    make_measure(org_a, 2567, 1, title="มาตรการปี ๒๕๖๗")
    client.force_login(people["staff_a"])
    _response, html = page(client, "measures", org=org_a.code, year=2570)
    assert 'value="2565"' in html and 'value="2567"' in html
    assert "๒๕๖๕ (๒ รายการ" in html
    response = client.post(
        reverse("measures-copy", kwargs={"org": org_a.code, "year": 2570}),
        {"from_year": "2565"},
        follow=True,
    )
    assert "คัดลอกมาตรการปี ๒๕๖๕ มา ๒ รายการ" in response.content.decode()
    with scopes_disabled():
        assert set(
            Measure.objects.filter(organisation=org_a, fiscal_year=2570).values_list(
                "title", flat=True
            )
        ) == {"มาตรการเก่า", "มาตรการเก่าอีกข้อ"}


def test_copy_from_a_year_without_measures_or_a_later_year_is_refused_in_thai(
    client, org_a, people
):
    make_measure(org_a, 2571, 1)
    client.force_login(people["staff_a"])
    for year in ("2566", "2571", "x", "²", "٢٥٦٩"):  # "²".isdigit() is True; int() refuses it
        response = client.post(
            reverse("measures-copy", kwargs={"org": org_a.code, "year": 2570}),
            {"from_year": year},
            follow=True,
        )
        assert "เลือกปีที่มีมาตรการก่อนปีนี้" in response.content.decode(), year
    with scopes_disabled():
        assert not Measure.objects.filter(organisation=org_a, fiscal_year=2570).exists()
