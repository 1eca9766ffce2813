"""E-mail that really sends: invitations go out from a real Celery worker through Django's SMTP
backend to a real SMTP server on loopback (aiosmtpd); the tests read the messages back and
follow their links. Password reset by e-mail, in Thai."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from organisations.models import Invitation, Membership, User
from organisations.onboarding import invitation_accept, invite, member_update

from ..factories import make_organisation, make_user

LINK = re.compile(r"https?://\S+")


def _wait_for(inbox, address, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = inbox.to(address)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {address}")


@pytest.fixture
def invited(transactional_db, celery_worker, smtp, client, settings):
    settings.PORTAL_BASE_URL = "http://testserver"
    org = make_organisation("org-mail", "องค์การบริหารส่วนตำบลทดสอบอีเมล", units=["สำนักปลัด"])
    admin = make_user("orgadmin-mail", member_of=[(org, "org_admin")])
    client.force_login(admin)
    response = client.post(
        reverse("settings-member-invite", kwargs={"org": org.code}),
        {
            "email": "Somsri@Example.go.th",
            "full_name": "นางสมศรี มีสุข",
            "role": "staff",
            "unit": "",
            "position": "นักวิเคราะห์นโยบายและแผน",
        },
    )
    assert response.status_code == 302
    client.logout()
    [message] = _wait_for(smtp, "somsri@example.go.th")
    return message, org


def test_an_invitation_arrives_in_thai_and_its_link_works_once(client, invited):
    message, org = invited
    assert message["subject"] == "คำเชิญเข้าใช้งานระบบ ITA Portal · อบต.ทดสอบอีเมล"
    assert message["from"] == "no-reply@ita.test"
    body = message["body"]
    assert "เรียน นางสมศรี มีสุข" in body
    assert "องค์การบริหารส่วนตำบลทดสอบอีเมล" in body and "ชื่อผู้ใช้ของท่านคือ somsri@example.go.th" in body
    [link] = LINK.findall(body)
    path = link.removeprefix("http://testserver")
    user = User.objects.get(username="somsri@example.go.th")
    assert not user.has_usable_password()
    invitation = Invitation.objects.get(user=user)
    assert invitation.sent_at is not None and link.split("/")[-2] not in invitation.token_hash

    page = client.get(path)
    assert page.status_code == 200 and "somsri@example.go.th" in page.content.decode()
    weak = client.post(path, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in weak.content.decode()
    done = client.post(path, {"new_password1": "มะม่วง-สุก-2569", "new_password2": "มะม่วง-สุก-2569"})
    assert done.status_code == 302
    assert client.get(reverse("organisation", kwargs={"org": org.code})).status_code == 200
    user.refresh_from_db()
    assert user.check_password("มะม่วง-สุก-2569")

    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "ใช้แล้วหรือหมดอายุแล้ว" in again.content.decode()
    assert client.post(path, {"new_password1": "x", "new_password2": "x"}).status_code == 410


def test_an_expired_invitation_link_is_refused(client, invited):
    message, _org = invited
    [link] = LINK.findall(message["body"])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 410
    assert "ลิงก์คำเชิญนี้ใช้แล้วหรือหมดอายุแล้ว" in response.content.decode()


def test_password_reset_by_email_in_thai(client, smtp, settings, transactional_db):
    settings.PORTAL_BASE_URL = "http://testserver"
    user = make_user("reset-me")
    user.email = "reset@example.go.th"
    user.save()
    response = client.post(reverse("password-reset"), {"email": "reset@example.go.th"})
    assert response.status_code == 302
    [message] = _wait_for(smtp, "reset@example.go.th")
    assert message["subject"] == "ตั้งรหัสผ่านใหม่ · ITA Portal"
    assert "มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชี reset-me" in message["body"]
    [link] = LINK.findall(message["body"])
    path = link.removeprefix("http://testserver")
    form = client.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "ส้มตำ-ปู-2569", "new_password2": "ส้มตำ-ปู-2569"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ส้มตำ-ปู-2569")
    # the link works once
    again = client.get(path, follow=True)
    assert "ลิงก์นี้ใช้แล้วหรือหมดอายุแล้ว" in again.content.decode()


def _settings_in_a_fresh_process(**env):
    code = (
        "import ita_portal.settings as s;"
        "print(s.EMAIL_BACKEND);print(getattr(s,'EMAIL_FILE_PATH',''));"
        "print(getattr(s,'EMAIL_HOST',''), getattr(s,'EMAIL_PORT',''),"
        " getattr(s,'EMAIL_USE_TLS',''))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_DEBUG": "1", "ITA_VAR_DIR": "/tmp/ita-var-x", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_email_settings_come_from_the_environment():
    backend, folder, _smtp = _settings_in_a_fresh_process()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert folder == "/tmp/ita-var-x/sent-mail"
    backend, _folder, smtp = _settings_in_a_fresh_process(
        EMAIL_HOST="smtp.example.go.th", EMAIL_PORT="2525", EMAIL_USE_TLS="1"
    )
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp == "smtp.example.go.th 2525 True"


def test_a_member_deactivated_before_accepting_cannot_use_the_invitation(client, invited):
    """Deactivating an invited member who has not set a password yet withdraws the link: it
    must not let the account in (nor make it active again)."""
    message, org = invited
    [link] = LINK.findall(message["body"])
    user = User.objects.get(username="somsri@example.go.th")
    with scopes_disabled():
        membership = Membership.objects.get(user=user, organisation=org)
        admin = Membership.objects.get(organisation=org, role="org_admin").user
    member_update(
        membership=membership, full_name=user.full_name, role=membership.role,
        unit=None, position=membership.position, active=False, by=admin,
    )  # fmt: skip
    path = link.removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 410
    assert "ลิงก์คำเชิญนี้ใช้แล้วหรือหมดอายุแล้ว" in response.content.decode()
    post = client.post(path, {"new_password1": "มะม่วง-สุก-2569", "new_password2": "มะม่วง-สุก-2569"})
    assert post.status_code == 410
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_an_invitation_cannot_be_accepted_by_an_account_that_belongs_nowhere(transactional_db):
    """The service itself refuses, whatever the link's state (defence behind the page)."""
    from django.core.exceptions import ValidationError

    org = make_organisation("org-nowhere", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด"])
    user = make_user("nowhere", member_of=[(org, "staff")])
    invitation = invite(user=user)
    with scopes_disabled():
        Membership.objects.filter(user=user).update(active=False)
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(ValidationError, match="ปิดการใช้งาน"):
        invitation_accept(invitation, password="มะม่วง-สุก-2569")
    user.refresh_from_db()
    assert not user.is_active


def test_ssl_alone_turns_starttls_off():
    """EMAIL_USE_SSL=1 (port 465) with nothing else: Django refuses TLS and SSL together, so
    TLS follows SSL unless it is set too."""
    _backend, _folder, smtp = _settings_in_a_fresh_process(
        EMAIL_HOST="smtp.example.go.th", EMAIL_PORT="465", EMAIL_USE_SSL="1"
    )
    assert smtp == "smtp.example.go.th 465 False"
