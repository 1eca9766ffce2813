"""The organisation administrator's pages: details as printed (with the emblem checked by
content), members (initial password changed at first login, name/position rules,
deactivation), and what each refusal says — in Thai, changing nothing."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from organisations.models import Membership, Organisation, Unit, User

from ..factories import PASSWORD, make_chain, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin(org_a):
    return make_user("orgadmin-a", member_of=[(org_a, "org_admin")])


def _png(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "emblem.png"
    return buffer


def _details(org, **overrides):
    data = {
        "name": "องค์การบริหารส่วนตำบลเอ",
        "short_name": "อบต.เอ",
        "subdistrict": "รอบเวียง",
        "district": "เมืองเชียงราย",
        "province": "เชียงราย",
        "address": "๑๒๓ หมู่ ๔ ตำบลรอบเวียง\nอำเภอเมืองเชียงราย จังหวัดเชียงราย ๕๗๐๐๐",
        "website": "https://www.org-a.go.th",
        "eit_survey_url": "https://itas.nacc.go.th/go/eit/org-a",
        "document_prefix": "ชร ๗๓๑๐๑",
        "prepared_by": "",
    }
    data.update(overrides)
    return data


def test_org_admin_sets_the_details_documents_print_with_an_emblem(client, org_a, org_admin):
    client.force_login(org_admin)
    with scopes_disabled():
        unit = Unit.objects.get(organisation=org_a, name="กองคลัง")
    url = reverse("settings-details", kwargs={"org": "org-a"})
    response = client.post(url, _details(org_a, prepared_by=unit.pk, emblem=_png()))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.document_prefix == "ชร ๗๓๑๐๑"
    assert org_a.address.startswith("๑๒๓ หมู่ ๔")
    assert org_a.prepared_by == unit
    # stored under a random name, read back as the image it was
    assert org_a.emblem.name.endswith(".png") and "emblem" not in org_a.emblem.name.split("/")[-1]
    with org_a.emblem.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG" and image.size == (40, 40)


@pytest.mark.parametrize(
    "upload,message",
    [
        (b"<html><script>alert(1)</script></html>", "ตราสัญลักษณ์ต้องเป็นรูปภาพ PNG หรือ JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10, "อ่านรูปภาพตราสัญลักษณ์ไม่ได้"),
    ],
)
def test_an_emblem_is_accepted_by_its_content(client, org_a, org_admin, upload, message):
    client.force_login(org_admin)
    fake = io.BytesIO(upload)
    fake.name = "emblem.png"
    response = client.post(
        reverse("settings-details", kwargs={"org": "org-a"}), _details(org_a, emblem=fake)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    org_a.refresh_from_db()
    assert not org_a.emblem and org_a.document_prefix == ""  # nothing changed


def test_the_details_offer_only_this_organisations_units(client, org_a, org_b, org_admin):
    client.force_login(org_admin)
    with scopes_disabled():
        other = Unit.objects.get(organisation=org_b)
    page = client.get(reverse("settings-details", kwargs={"org": "org-a"})).content.decode()
    assert "กองคลัง" in page and f'value="{other.pk}"' not in page
    response = client.post(
        reverse("settings-details", kwargs={"org": "org-a"}), _details(org_a, prepared_by=other.pk)
    )
    assert response.status_code == 200
    assert "กรุณาเลือกจากรายการ (ตัวเลือกนั้นไม่มีในรายการ)" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.prepared_by is None


def _member(**overrides):
    data = {
        "username": "somchai",
        "full_name": "นายสมชาย ใจดี",
        "email": "",
        "role": "staff",
        "unit": "",
        "position": "",
    }
    data.update(overrides)
    return data


def test_a_member_created_with_an_initial_password_changes_it_first(client, org_a, org_admin):
    client.force_login(org_admin)
    response = client.post(
        reverse("settings-member-new", kwargs={"org": "org-a"}), _member(position="นักวิเคราะห์")
    )
    assert response.status_code == 200
    page = response.content.decode()
    password = page.split('id="initial-password">')[1].split("<")[0]
    assert len(password) == 12
    user = User.objects.get(username="somchai")
    assert user.full_name == "นายสมชาย ใจดี" and user.must_change_password
    with scopes_disabled():
        assert Membership.objects.get(user=user).organisation == org_a

    client.logout()
    login = client.post(reverse("login"), {"username": "somchai", "password": password})
    assert login.status_code == 302
    # every page sends to the password change until it is done
    home = client.get(reverse("organisation", kwargs={"org": "org-a"}))
    assert home.status_code == 302 and home["Location"] == reverse("password-change")
    form = client.get(reverse("password-change")).content.decode()
    assert "รหัสผ่านเริ่มต้น" in form
    weak = client.post(
        reverse("password-change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert "รหัสผ่านนี้" in weak.content.decode()  # Django's validators, in Thai
    done = client.post(
        reverse("password-change"),
        {
            "old_password": password,
            "new_password1": "ลำไย-หวาน-2569",
            "new_password2": "ลำไย-หวาน-2569",
        },
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("ลำไย-หวาน-2569")
    assert client.get(reverse("organisation", kwargs={"org": "org-a"})).status_code == 200


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"role": "executive", "position": ""}, "กรุณากรอกตำแหน่งที่พิมพ์ใต้ลายมือชื่อ"),
        ({"full_name": "  \u200b "}, "กรุณากรอกชื่อ-นามสกุล"),
        ({"username": "สมชาย"}, "ชื่อผู้ใช้ใช้ได้เฉพาะอักษรอังกฤษ"),
        ({"username": "staff-a"}, "มีบัญชีชื่อผู้ใช้นี้แล้ว"),
    ],
)
def test_bad_members_are_refused_in_thai(client, people, org_a, org_admin, overrides, message):
    client.force_login(org_admin)
    before = User.objects.count()
    response = client.post(
        reverse("settings-member-new", kwargs={"org": "org-a"}), _member(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_the_member_form_offers_only_this_organisations_active_units(client, org_a, org_admin):
    with scopes_disabled():
        Unit.objects.filter(organisation=org_a, name="กองคลัง").update(active=False)
        other = Unit.objects.create(
            organisation=Organisation.objects.create(
                code="org-c", name="อบต.ซี", short_name="อบต.ซี", district="ก", province="ข"
            ),
            name="กองช่าง",
        )
    client.force_login(org_admin)
    page = client.get(reverse("settings-member-new", kwargs={"org": "org-a"})).content.decode()
    assert "สำนักปลัด" in page and "กองคลัง" not in page and "กองช่าง" not in page
    response = client.post(
        reverse("settings-member-new", kwargs={"org": "org-a"}), _member(unit=other.pk)
    )
    assert response.status_code == 200 and not User.objects.filter(username="somchai").exists()


def _edit(membership, **overrides):
    data = {
        "full_name": membership.user.full_name,
        "role": membership.role,
        "unit": membership.unit_id or "",
        "position": membership.position,
        "active": "on" if membership.active else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != "" or k != "active"}


def test_a_deactivated_member_is_locked_out_and_the_history_says_who(
    client, people, org_a, org_admin
):
    with scopes_disabled():
        membership = Membership.objects.get(user=people["staff_a"])
    client.force_login(org_admin)
    url = reverse("settings-member", kwargs={"org": "org-a", "pk": membership.pk})
    response = client.post(url, _edit(membership, active="", full_name="นางสาวเอ ทดสอบ"))
    assert response.status_code == 302
    user = User.objects.get(pk=people["staff_a"].pk)
    assert not user.is_active and user.full_name == "นางสาวเอ ทดสอบ"
    with scopes_disabled():
        membership.refresh_from_db()
        last = membership.history.first()
    assert not membership.active
    assert last.history_user == org_admin and last.active is False
    client.force_login(user)
    assert client.get(reverse("organisation", kwargs={"org": "org-a"})).status_code in (302, 404)
    # let back in
    client.force_login(org_admin)
    client.post(url, _edit(membership, active="on"))
    assert User.objects.get(pk=user.pk).is_active


def test_an_approver_cannot_be_demoted_nor_the_last_administrator(client, people, org_a, org_admin):
    make_chain(org_a, people["exec_a"])
    with scopes_disabled():
        signer = Membership.objects.get(user=people["exec_a"])
        admin_membership = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)
    response = client.post(
        reverse("settings-member", kwargs={"org": "org-a", "pk": signer.pk}),
        _edit(signer, role="staff"),
    )
    assert "นำออกจากลำดับการอนุมัติก่อน" in response.content.decode()
    response = client.post(
        reverse("settings-member", kwargs={"org": "org-a", "pk": admin_membership.pk}),
        _edit(admin_membership, role="staff"),
    )
    assert "ต้องมีผู้ดูแลระบบของหน่วยงานที่ใช้งานอยู่อย่างน้อยหนึ่งคน" in response.content.decode()
    with scopes_disabled():
        signer.refresh_from_db()
        admin_membership.refresh_from_db()
    assert signer.role == "executive" and admin_membership.role == "org_admin"


def test_staff_and_executives_cannot_open_the_administrators_pages(client, people):
    for who in ("staff_a", "exec_a"):
        client.force_login(people[who])
        for name in ("settings-details", "settings-members", "settings-chain"):
            assert client.get(reverse(name, kwargs={"org": "org-a"})).status_code == 403


def test_an_initial_password_passes_the_validators():
    from django.contrib.auth.password_validation import validate_password

    from organisations.onboarding import initial_password

    for _ in range(20):
        validate_password(initial_password(), User(username="x"))


def test_the_login_page_offers_a_password_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password-reset") in page and "ลืมรหัสผ่าน" in page


def test_org_admin_login_with_the_demo_password_is_unaffected(client, org_admin):
    login = client.post(reverse("login"), {"username": "orgadmin-a", "password": PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("settings-members", kwargs={"org": "org-a"})).status_code == 200
