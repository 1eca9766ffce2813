"""Organisation settings, units, the scoped path, login — and what bad input gets."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from organisations.access import organisations_visible_to
from organisations.models import Organisation, Unit

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


@scopes_disabled()  # what the settings page shows: the test's own look at the database
def _settings_post(org, **overrides):
    units = list(Unit.objects.of(org))
    data = {
        "website": "https://www.org-a.go.th",
        "eit_survey_url": "https://itas.nacc.go.th/go/eit/org-a",
        "units-TOTAL_FORMS": str(len(units) + 1),
        "units-INITIAL_FORMS": str(len(units)),
        "units-MIN_NUM_FORMS": "0",
        "units-MAX_NUM_FORMS": "1000",
    }
    for i, unit in enumerate(units):
        data.update(
            {
                f"units-{i}-id": unit.pk,
                f"units-{i}-name": unit.name,
                f"units-{i}-order": unit.order,
                f"units-{i}-active": "on",
            }
        )
    data.update({f"units-{len(units)}-name": "", f"units-{len(units)}-order": "0"})
    data.update(overrides)
    return data


@scopes_disabled()  # the test's own look at the database
def _snapshot(org):
    org.refresh_from_db()
    return (
        org.website,
        org.eit_survey_url,
        list(Unit.objects.of(org).values_list("name", flat=True)),
    )


def test_staff_update_links_and_add_a_unit(client, people, org_a):
    client.force_login(people["staff_a"])
    data = _settings_post(org_a, **{"units-2-name": "กองช่าง\u200b\x07", "units-2-order": "3"})
    response = client.post(reverse("organisation-settings", kwargs={"org": "org-a"}), data)
    assert response.status_code == 302
    website, eit, units = _snapshot(org_a)
    assert website == "https://www.org-a.go.th"
    assert units == ["สำนักปลัด", "กองคลัง", "กองช่าง"]  # control/zero-width chars dropped


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"website": "javascript:alert(1)"}, "เว็บไซต์ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://"),
        ({"eit_survey_url": "ไม่ใช่ลิงก์"}, "ลิงก์แบบวัด EIT ต้องเป็นลิงก์"),
        ({"units-2-name": "สำนักปลัด", "units-2-order": "3"}, "ชื่อส่วนงาน “สำนักปลัด” ซ้ำกัน"),
        ({"units-1-name": "สำนักปลัด"}, "ชื่อส่วนงาน “สำนักปลัด” ซ้ำกัน"),
    ],
)
def test_bad_settings_are_refused_in_thai_and_change_nothing(
    client, people, org_a, overrides, message
):
    client.force_login(people["staff_a"])
    before = _snapshot(org_a)
    response = client.post(
        reverse("organisation-settings", kwargs={"org": "org-a"}),
        _settings_post(org_a, **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _snapshot(org_a) == before


def test_staff_of_another_organisation_cannot_post_settings(client, people, org_a):
    client.force_login(people["staff_b"])
    before = _snapshot(org_a)
    response = client.post(
        reverse("organisation-settings", kwargs={"org": "org-a"}),
        _settings_post(org_a, website="https://evil.example"),
    )
    assert response.status_code == 404
    assert _snapshot(org_a) == before


@pytest.mark.parametrize("code", ["Rob Wiang", "รอบเวียง", "-abc", "a", "x" * 41, "abc-"])
def test_organisation_codes_are_checked(code):
    org = Organisation(
        code=code,
        name="องค์การบริหารส่วนตำบลทดสอบ",
        short_name="อบต.ทดสอบ",
        district="เมือง",
        province="เชียงราย",
    )
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "รหัสหน่วยงานต้องเป็นอักษรอังกฤษตัวเล็ก" in str(error.value)


def test_organisation_code_is_read_only_in_admin_once_saved(client, people, org_a):
    client.force_login(people["admin"])
    page = client.get(reverse("admin:organisations_organisation_change", args=[org_a.pk]))
    assert 'name="code"' not in page.content.decode()


def test_supervision_by_province_district_and_kind(people, org_a, org_b):
    supervisor = people["supervisor"]
    assert list(organisations_visible_to(supervisor)) == [org_a]
    supervision = supervisor.supervisions.get()
    supervision.district = "อื่น"
    supervision.save()
    assert list(organisations_visible_to(supervisor)) == []
    supervision.organisations.add(org_b)
    assert list(organisations_visible_to(supervisor)) == [org_b]


def test_login_and_logout_in_thai(client, people):
    response = client.post(reverse("login"), {"username": "staff-a", "password": "wrong"})
    assert response.status_code == 200
    assert "กรุณาใส่" in response.content.decode()  # Django's Thai catalogue
    response = client.post(reverse("login"), {"username": "staff-a", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "หน่วยงานของฉัน" in home and 'lang="th"' in home
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_admin_speaks_thai(client, people):
    client.force_login(people["admin"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "ITA Portal — ผู้ดูแลระบบ" in page
    assert "กรอบการประเมิน" in page


def test_a_request_reads_a_supervisors_areas_once(people, org_a, django_assert_num_queries):
    """Within one request (TenancyMiddleware enters request_memo) the supervisions are read
    once however often a page asks; outside a request every call reads them afresh."""
    from organisations.access import request_memo

    supervisor = people["supervisor"]
    with request_memo():
        assert list(organisations_visible_to(supervisor)) == [org_a]
        with django_assert_num_queries(1):  # the organisations only
            assert list(organisations_visible_to(supervisor)) == [org_a]
    with django_assert_num_queries(3):  # supervisions, their organisations, the organisations
        assert list(organisations_visible_to(supervisor)) == [org_a]
