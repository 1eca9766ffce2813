"""Project-level checks: migrations, production configuration, demo data."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from assessments.models import Framework
from organisations.access import Role, role_of
from organisations.models import Organisation, User
from tests import ROOT_DIR

ROOT = ROOT_DIR


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"missing migration:\n{out.getvalue()} ({exit_})")


def test_deploy_check_is_clean_with_production_values():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ita_portal.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "k7#" + "q2Zp9vX4mT8rW1nB6yH3cJ5gL0sD" * 3,
        "ALLOWED_HOSTS": "ita.example.go.th",
        "DATABASE_URL": "sqlite:////tmp/ita-deploy-check.sqlite3",
    }
    env.pop("SECURE_SSL_REDIRECT", None)  # the test settings turn it off for the test client
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ita_portal.settings", "DJANGO_DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_demo_data_is_complete_and_safe_to_load_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), User.objects.count(), Framework.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), User.objects.count(), Framework.objects.count()) == counts
    assert set(Organisation.objects.values_list("code", flat=True)) >= {
        "rob-wiang",
        "hin-lek-fai",
        "phon-ngam",
    }
    rob_wiang = Organisation.objects.get(code="rob-wiang")
    assert (rob_wiang.district, rob_wiang.province) == ("เมืองเชียงราย", "เชียงราย")
    phon_ngam = Organisation.objects.get(code="phon-ngam")
    assert phon_ngam.name == "องค์การบริหารส่วนตำบลโพนงาม"
    roles = {
        (u, o): role_of(User.objects.get(username=u), Organisation.objects.get(code=o))
        for u, o in [
            ("staff-robwiang", "rob-wiang"),
            ("exec-robwiang", "rob-wiang"),
            ("supervisor-chiangrai", "rob-wiang"),
            ("supervisor-chiangrai", "phon-ngam"),
            ("admin", "phon-ngam"),
            ("staff-robwiang", "hin-lek-fai"),
        ]
    }
    assert roles == {
        ("staff-robwiang", "rob-wiang"): Role.STAFF,
        ("exec-robwiang", "rob-wiang"): Role.EXECUTIVE,
        ("supervisor-chiangrai", "rob-wiang"): Role.SUPERVISOR,
        ("supervisor-chiangrai", "phon-ngam"): None,
        ("admin", "phon-ngam"): Role.ADMIN,
        ("staff-robwiang", "hin-lek-fai"): None,
    }
    with scopes_disabled():
        executives = phon_ngam.membership_set.filter(role="executive").order_by("pk")
        chain = [m.position for m in executives]
    assert chain[0] == "หัวหน้าสำนักปลัด" and chain[-1] == "นายกองค์การบริหารส่วนตำบลโพนงาม"


# --- the demo seed never runs in production by accident ------------------------------

DEMO_REFUSAL = "ไม่สร้างข้อมูลตัวอย่าง"


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug_or_the_demo_flag(settings):
    settings.DEBUG = False
    users, organisations = User.objects.count(), Organisation.objects.count()
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("seed_demo", stdout=StringIO(), stderr=err)
    assert exit_.value.code != 0
    assert DEMO_REFUSAL in err.getvalue()
    assert "--i-know-this-is-a-demo" in err.getvalue()
    assert (User.objects.count(), Organisation.objects.count()) == (users, organisations)
    assert not User.objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_seed_demo_runs_with_the_demo_flag_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-a-demo", stdout=StringIO())
    assert User.objects.filter(username="admin", is_superuser=True).exists()


@pytest.mark.django_db
def test_seed_demo_runs_when_debug_is_on(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(username="admin", is_superuser=True).exists()


def test_seed_demo_refusal_from_the_command_line_is_thai_and_fails(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    }
    env.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert DEMO_REFUSAL in result.stderr
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


def test_portal_run_passes_the_demo_flag_explicitly():
    script = (ROOT / "portal").read_text(encoding="utf-8")
    assert "manage.py seed_demo --i-know-this-is-a-demo" in script
