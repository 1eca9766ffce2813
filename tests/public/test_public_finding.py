"""The public and the assessors find an organisation's published evidence: from the front door,
through an index by จังหวัด/อำเภอ/name, to the organisation's years; staff see the public
address with a copy button and a printable QR poster as soon as they publish."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from measures.models import Progress
from measures.services import standard_rounds

from ..conftest import make_org_b
from ..factories import approve_round, make_measure, make_user
from ..pages import count_queries

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def published(org_a):
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    first = make_measure(org_a, 2569, 1, title="มาตรการเปิดเผยข้อมูล")
    second = make_measure(org_a, 2569, 2, title="กิจกรรมประชุม")
    Progress.objects.create(measure=first, round=six, status="done", summary="เผยแพร่แล้ว")
    Progress.objects.create(measure=second, round=six, status="in_progress", summary="กำลังทำ")
    staff = make_user("staff-published", member_of=[(org_a, "staff")])
    return approve_round(six, submitter=staff, publish=True)


def test_the_front_door_leads_an_anonymous_visitor_to_the_public_index(client, published):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("public-index")}"' in page


def test_the_index_finds_an_organisation_by_province_district_or_name(client, published):
    make_org_b()  # nothing published: never listed
    index = reverse("public-index")
    page = client.get(index).content.decode()
    assert "เชียงราย" in page  # provinces with published organisations, to pick from
    assert "ประจวบคีรีขันธ์" not in page
    for query in ("?province=เชียงราย", "?q=เอ", "?q=ตำบลเอ", "?q=เชียง"):
        page = client.get(index + query).content.decode()
        assert "องค์การบริหารส่วนตำบลเอ" in page, query
        assert reverse("public-organisation", kwargs={"org": "org-a"}) in page
    page = client.get(index + "?q=ไม่มีหน่วยงานนี้").content.decode()
    assert "ไม่พบหน่วยงาน" in page
    page = client.get(index + "?q=บี").content.decode()  # org B has published nothing
    assert "องค์การบริหารส่วนตำบลบี" not in page


def test_the_index_bounds_what_it_lists_and_what_it_reads(
    client, published, django_assert_max_num_queries
):
    response = client.get(reverse("public-index"), {"q": "x" * 5000})
    assert response.status_code == 200
    assert "x" * 201 not in response.content.decode()  # the query is cut, not echoed whole
    url = reverse("public-index") + "?province=เชียงราย"
    count_queries(client, url, django_assert_max_num_queries, 4)


def test_the_organisation_page_lists_its_published_years(client, published):
    page = client.get(reverse("public-organisation", kwargs={"org": "org-a"})).content.decode()
    assert "องค์การบริหารส่วนตำบลเอ" in page and "๒๕๖๙" in page
    assert reverse("public-year", kwargs=Y) in page
    assert client.get(reverse("public-organisation", kwargs={"org": "org-b"})).status_code == 404


def test_the_public_year_page_carries_the_identity_and_a_jump_list(client, published):
    page = client.get(reverse("public-year", kwargs=Y)).content.decode()
    header = page.split("<main", 1)[1].split("</h1>", 1)[0]
    assert "องค์การบริหารส่วนตำบลเอ" in header
    anchors = re.findall(r'<a href="#(m[^"]+)"', page)
    assert len(anchors) == 2
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    assert reverse("public-organisation", kwargs={"org": "org-a"}) in page


def test_staff_see_the_public_address_with_a_copy_button_and_a_poster(client, people, published):
    public_url = "http://testserver" + reverse("public-year", kwargs=Y)
    client.force_login(people["staff_a"])
    for url in (
        reverse("round", kwargs={**Y, "pk": published.pk}),
        reverse("reports", kwargs=Y),
    ):
        page = client.get(url).content.decode()
        assert f'value="{public_url}"' in page, url
        assert "data-copy" in page and "คัดลอก" in page
        assert reverse("public-poster", kwargs=Y) in page
    poster = client.get(reverse("public-poster", kwargs=Y)).content.decode()
    assert "องค์การบริหารส่วนตำบลเอ" in poster and public_url in poster
    assert "<svg" in poster and "คิวอาร์โค้ดหน้าเผยแพร่" in poster
    sheet = re.search(r'href="([^"]*poster[^"]*\.css)"', poster).group(1)
    css = Path(finders.find(sheet.split("/static/", 1)[1])).read_text()
    assert "size: A4" in css  # printed on one A4 page


def test_no_public_address_is_offered_before_anything_is_published(client, people, org_a):
    standard_rounds(organisation=org_a, fiscal_year=2569)
    client.force_login(people["staff_a"])
    page = client.get(reverse("reports", kwargs=Y)).content.decode()
    assert "data-copy" not in page
    assert client.get(reverse("public-poster", kwargs=Y)).status_code == 404


def test_a_shared_cache_may_keep_public_pages_but_never_one_showing_a_signed_in_user(
    client, people, published
):
    """Public pages may be kept by proxies for five minutes, but a page rendered for someone
    signed in carries their name in its header: only their own browser may keep it."""
    addresses = [
        reverse("public-index"),
        reverse("public-organisation", kwargs={"org": "org-a"}),
        reverse("public-year", kwargs=Y),
    ]
    for address in addresses:
        control = client.get(address)["Cache-Control"]
        assert "public" in control and "max-age=300" in control, (address, control)
    client.force_login(people["staff_a"])
    for address in addresses:
        control = client.get(address)["Cache-Control"]
        assert "private" in control and "public" not in control, (address, control)
