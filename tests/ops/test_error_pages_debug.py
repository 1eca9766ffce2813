"""With DEBUG on (the local demo), 404 and 403 are still the portal's Thai pages, not
Django's English technical pages; and every error page fits a phone's width."""

import pytest
from django.urls import reverse

from ..pages import latin_words, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def _thai(response, status, says, names=()):
    page = response.content.decode()
    assert response.status_code == status
    assert says in visible_text(page) and 'href="/"' in page
    assert latin_words(page, allowed=names) == []
    # the portal's layout, which scales to a phone (390 px) instead of a fixed desktop page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_an_unknown_address_is_a_thai_404_with_debug_on(client, debug):
    _thai(client.get("/no/such/page/"), 404, "ไม่พบหน้าที่ต้องการ")


def test_a_missing_object_is_a_thai_404_with_debug_on(client, people, debug):
    client.force_login(people["staff_a"])
    response = client.get(reverse("year-home", kwargs={"org": "org-a", "year": 2010}))
    _thai(response, 404, "ปีงบประมาณต้องเป็นปี พ.ศ.", names=[people["staff_a"]])


def test_a_refusal_is_a_thai_403_with_debug_on(client, people, debug):
    client.force_login(people["exec_a"])
    response = client.get(reverse("settings-members", kwargs={"org": "org-a"}))
    _thai(response, 403, "ไม่มีสิทธิ์ทำรายการนี้ในหน่วยงานนี้", names=[people["exec_a"]])


def test_with_debug_off_the_same_pages(client, people):
    _thai(client.get("/no/such/page/"), 404, "ไม่พบหน้าที่ต้องการ")
