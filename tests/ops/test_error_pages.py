"""Refusals and errors are Thai pages in the portal's layout, with a way back home and the
Thai reason where the code gives one — never Django's bare English pages (DEBUG is off)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from measures.services import round_submit, standard_rounds
from ops import views

from ..factories import make_chain, make_measure, make_user
from ..pages import latin_words, visible_text

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en"}


def thai_page(response, *, status, says, names=()):
    """A Thai page (``names``: the test accounts' names, which are data in Latin letters)."""
    page = response.content.decode()
    assert response.status_code == status
    assert 'href="/"' in page  # the way back home
    assert says in visible_text(page)
    assert latin_words(page, allowed=names) == []
    return page


def test_an_out_of_order_approval_is_a_thai_403_naming_whose_turn_it_is(client, people, org_a):
    mayor = make_user("mayor-a", member_of=[(org_a, "executive")])
    make_chain(org_a, people["exec_a"], mayor)
    make_measure(org_a)
    six = round_submit(
        progress_round=standard_rounds(organisation=org_a, fiscal_year=2569)[0],
        user=people["staff_a"],
    )
    client.force_login(mayor)
    response = client.post(reverse("round-approve", kwargs={**Y, "pk": six.pk}), **ENGLISH)
    thai_page(
        response,
        status=403,
        says="ขณะนี้รอความเห็นของ คุณ exec-a (ความเห็นลำดับ 1)",
        names=[mayor, people["exec_a"]],
    )


def test_a_member_without_the_right_gets_a_thai_403_with_the_reason(client, people):
    client.force_login(people["exec_a"])
    response = client.get(reverse("measure-new", kwargs=Y), **ENGLISH)
    thai_page(response, status=403, says="ไม่มีสิทธิ์ทำรายการนี้ในหน่วยงานนี้", names=[people["exec_a"]])


def test_a_missing_object_is_a_thai_404_without_djangos_words(client, people):
    client.force_login(people["staff_a"])
    response = client.get(reverse("measure-edit", kwargs={**Y, "pk": 999}), **ENGLISH)
    page = thai_page(response, status=404, says="ไม่พบหน้าที่ต้องการ", names=[people["staff_a"]])
    assert "matches the given query" not in page


def test_an_address_that_does_not_exist_is_a_thai_404(client):
    thai_page(client.get("/no/such/page/", **ENGLISH), status=404, says="ไม่พบหน้าที่ต้องการ")


def test_a_thai_reason_given_with_http404_is_shown(client, people):
    client.force_login(people["staff_a"])
    response = client.get(reverse("year-home", kwargs={"org": "org-a", "year": 2010}))
    thai_page(response, status=404, says="ปีงบประมาณต้องเป็นปี พ.ศ.", names=[people["staff_a"]])


def test_a_bad_csrf_token_is_a_thai_page(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("rounds", kwargs=Y), {"standard": "1", "csrfmiddlewaretoken": "x" * 64}, **ENGLISH
    )
    thai_page(response, status=403, says="ส่งแบบฟอร์มไม่สำเร็จ", names=[people["staff_a"]])


def test_a_bad_request_is_a_thai_400(client):
    response = client.get("/", HTTP_HOST="not-this-portal.example", **ENGLISH)
    thai_page(response, status=400, says="คำขอไม่ถูกต้อง")


def test_a_server_error_is_a_thai_500_that_needs_no_database():
    request = RequestFactory().get("/")
    response = views.server_error(request)
    thai_page(response, status=500, says="ระบบขัดข้อง")
