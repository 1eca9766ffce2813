"""Password guessing: an account is locked for one address after a few wrong passwords."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests import ROOT_DIR

from ..factories import PASSWORD

LIMIT = 5  # AXES_FAILURE_LIMIT
LOCKED_MESSAGE = "ระงับการเข้าสู่ระบบชั่วคราว"
HERE, ELSEWHERE = "203.0.113.10", "198.51.100.20"

LOGIN_PAGES = [
    pytest.param("login", "staff-a", id="portal"),
    pytest.param("admin:login", "admin", id="admin"),
]


def _post(client, url_name, username, password, ip=HERE):
    return client.post(
        reverse(url_name), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


def _guess(client, url_name, username, times, ip=HERE):
    for _ in range(times):
        response = _post(client, url_name, username, "not-the-password", ip)
    return response


@pytest.mark.parametrize(("url_name", "username"), LOGIN_PAGES)
def test_wrong_passwords_lock_the_account_for_that_address_with_a_thai_page(
    client, people, url_name, username
):
    response = _guess(client, url_name, username, LIMIT)
    assert response.status_code == 429
    response = _post(client, url_name, username, PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert LOCKED_MESSAGE in page
    assert "๑๕ นาที" in page and "๕ ครั้ง" in page
    assert 'lang="th"' in page and 'class="brand"' in page  # the portal's own layout
    assert "Account locked" not in page and "too many" not in page


@pytest.mark.parametrize(("url_name", "username"), LOGIN_PAGES)
def test_fewer_wrong_passwords_than_the_limit_still_let_the_owner_in(
    client, people, url_name, username
):
    _guess(client, url_name, username, LIMIT - 1)
    response = _post(client, url_name, username, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.parametrize(("url_name", "username"), LOGIN_PAGES)
def test_the_right_password_works_again_after_the_cool_off(client, people, url_name, username):
    from axes.models import AccessAttempt

    _guess(client, url_name, username, LIMIT)
    assert _post(client, url_name, username, PASSWORD).status_code == 429
    # Fifteen minutes and one second later (the attempts are dated back rather than waiting).
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1)
    )
    response = _post(client, url_name, username, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.parametrize(("url_name", "username"), LOGIN_PAGES)
def test_the_account_is_not_locked_from_another_address(client, people, url_name, username):
    _guess(client, url_name, username, LIMIT)
    assert _post(client, url_name, username, PASSWORD).status_code == 429
    response = _post(client, url_name, username, PASSWORD, ip=ELSEWHERE)
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.parametrize(("url_name", "username"), LOGIN_PAGES)
def test_the_platform_admin_unlocks_with_axes_reset_username(client, people, url_name, username):
    _guess(client, url_name, username, LIMIT)
    assert _post(client, url_name, username, PASSWORD).status_code == 429
    call_command("axes_reset_username", username, stdout=StringIO())
    response = _post(client, url_name, username, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_platform_admin_unlocks_in_the_admin(client, people):
    from axes.models import AccessAttempt

    _guess(client, "login", "staff-a", LIMIT)
    attempt = AccessAttempt.objects.get(username="staff-a")
    admin = client.__class__()
    admin.force_login(people["admin"])
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="staff-a").exists()
    response = _post(client, "login", "staff-a", PASSWORD)
    assert response.status_code == 302


def test_a_lockout_is_logged_with_username_and_address(client, people, caplog):
    with caplog.at_level(logging.WARNING):
        _guess(client, "login", "staff-a", LIMIT)
    lines = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and not r.name.startswith("axes")
    ]
    assert any("staff-a" in line and HERE in line for line in lines), lines


def test_the_lock_entries_in_the_admin_are_thai(client, people):
    _guess(client, "login", "staff-a", LIMIT)
    client.force_login(people["admin"])
    index = client.get(reverse("admin:index")).content.decode()
    assert "ความพยายามเข้าสู่ระบบที่ผิดพลาด" in index
    assert "Access attempts" not in index and ">Axes<" not in index
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "staff-a" in page
    for thai in ("ชื่อผู้ใช้", "ที่อยู่ไอพี", "จำนวนครั้งที่ผิด", "สถานะ", "ถูกระงับ", "ปลดล็อก"):
        assert thai in page, thai
    for english in (
        "IP Address",
        "Failed Logins",
        "Locked Out",
        "Attempt Time",
        "User Agent",
        "Status",
        "Clean up",
    ):
        assert english not in page, english


def test_the_compiled_thai_catalogue_matches_its_source():
    """locale/th/LC_MESSAGES/django.mo is committed; it must say what django.po says."""
    import gettext
    import re

    folder = ROOT_DIR / "locale" / "th" / "LC_MESSAGES"
    source = (folder / "django.po").read_text(encoding="utf-8")
    pairs = {
        _unquote(msgid): _unquote(msgstr)
        for msgid, msgstr in re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', source, flags=re.M)
    }
    assert len(pairs) > 20
    with (folder / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert {msgid: catalogue.gettext(msgid) for msgid in pairs} == pairs


def _unquote(po_string):
    """A .po string as the program sees it (e.g. django-simple-history's message quotes \\")."""
    return po_string.replace('\\"', '"').replace("\\\\", "\\")
