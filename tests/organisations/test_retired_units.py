"""A retired unit (ใช้งานอยู่ unticked) stays on the records that name it: a form showing
such a record keeps it chosen, marked "(เลิกใช้แล้ว)", until someone takes it off, and nothing
new is offered it. Saving a page unchanged never drops a retired unit."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessments.models import OITItem
from measures.models import OITChecklistEntry
from organisations.models import Membership, Unit

from ..factories import make_measure, make_user
from ..pages import posted_as_is

pytestmark = pytest.mark.django_db


@pytest.fixture
def retired(org_a):
    with scopes_disabled():
        unit = Unit.objects.get(organisation=org_a, name="กองคลัง")
    yield unit
    # retired after the record named it (the fixtures' callers do that)


def _retire(unit):
    Unit.objects.with_scopes_disabled().filter(pk=unit.pk).update(active=False)


def _offered(page, name, unit):
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="{unit.pk}"', page) or re.search(
        rf'<option value="{unit.pk}"', page
    )


def test_a_measure_keeps_its_retired_unit(client, people, org_a, retired):
    measure = make_measure(org_a, units=[retired])
    _retire(retired)
    client.force_login(people["staff_a"])
    url = reverse("measure-edit", kwargs={"org": "org-a", "year": 2569, "pk": measure.pk})
    page = client.get(url).content.decode()
    assert "กองคลัง (เลิกใช้แล้ว)" in page
    assert client.post(url, posted_as_is(page)).status_code == 302
    with scopes_disabled():
        assert list(measure.responsible_units.all()) == [retired]
    new = client.get(reverse("measure-new", kwargs={"org": "org-a", "year": 2569}))
    assert not _offered(new.content.decode(), "responsible_units", retired)


def test_the_details_keep_a_retired_prepared_by_unit(client, org_a, retired):
    org_a.prepared_by = retired
    org_a.save()
    _retire(retired)
    client.force_login(make_user("orgadmin-a", member_of=[(org_a, "org_admin")]))
    url = reverse("settings-details", kwargs={"org": "org-a"})
    page = client.get(url).content.decode()
    assert "กองคลัง (เลิกใช้แล้ว)" in page
    data = posted_as_is(page)
    data.pop("emblem", None)
    assert client.post(url, data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.prepared_by_id == retired.pk


def test_a_member_keeps_a_retired_unit(client, people, org_a, retired):
    with scopes_disabled():
        membership = Membership.objects.get(user=people["staff_a"])
        membership.unit = retired
        membership.save()
    _retire(retired)
    client.force_login(make_user("orgadmin-a", member_of=[(org_a, "org_admin")]))
    url = reverse("settings-member", kwargs={"org": "org-a", "pk": membership.pk})
    page = client.get(url).content.decode()
    assert "กองคลัง (เลิกใช้แล้ว)" in page
    assert client.post(url, posted_as_is(page)).status_code == 302
    with scopes_disabled():
        membership.refresh_from_db()
    assert membership.unit_id == retired.pk
    new = client.get(reverse("settings-member-new", kwargs={"org": "org-a"}))
    assert not _offered(new.content.decode(), "unit", retired)


def test_a_checklist_row_keeps_a_retired_unit(client, people, org_a, retired):
    item = OITItem.objects.get(framework__fiscal_year=2566, code="O1")
    with scopes_disabled():
        OITChecklistEntry.objects.create(organisation=org_a, item=item, unit=retired)
    _retire(retired)
    client.force_login(people["staff_a"])
    url = reverse("oit-checklist", kwargs={"org": "org-a", "year": 2566})
    page = client.get(url).content.decode()
    assert "กองคลัง (เลิกใช้แล้ว)" in page
    assert client.post(url, posted_as_is(page)).status_code == 302
    with scopes_disabled():
        assert OITChecklistEntry.objects.get(item=item).unit_id == retired.pk
