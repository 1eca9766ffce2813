import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed

from assessments.services import framework_load_fixtures

from .factories import make_organisation, make_user


@pytest.fixture(scope="session", autouse=True)
def thai_catalogue():
    """Compile the project's Thai catalogue (locale/) as ./portal does (skipped when the .mo is
    newer than the .po), so that tests see the messages people see; then let Django reload its
    catalogues in case one was read before."""
    call_command("compilemessages", locale=["th"], ignore_patterns=[".venv", "var"], verbosity=0)
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the committed framework fixtures (FY2566, FY2568) once per test session."""
    with django_db_blocker.unblock():
        framework_load_fixtures()


@pytest.fixture
def org_a(db):
    return make_organisation(
        "org-a", "องค์การบริหารส่วนตำบลเอ", province="เชียงราย", units=["สำนักปลัด", "กองคลัง"]
    )


@pytest.fixture
def org_b(db):
    return make_organisation(
        "org-b", "องค์การบริหารส่วนตำบลบี", province="ประจวบคีรีขันธ์", units=["สำนักปลัด"]
    )


@pytest.fixture
def people(org_a, org_b):
    """One account per role: staff and executive of A, staff of B, a supervisor over the
    province of A, a platform admin."""
    return {
        "staff_a": make_user("staff-a", member_of=[(org_a, "staff")]),
        "exec_a": make_user("exec-a", member_of=[(org_a, "executive")]),
        "staff_b": make_user("staff-b", member_of=[(org_b, "staff")]),
        "supervisor": make_user("supervisor", supervises={"province": "เชียงราย"}),
        "admin": make_user("admin", superuser=True),
    }


@pytest.fixture
def demo(db):
    """The demo of the seeds: organisations, accounts, results, analyses, measures, checklists."""
    from devtools.demo.measures import demo_measures_load
    from devtools.demo.organisations import demo_organisations_load
    from devtools.demo.results import demo_results_load, guideline_library_load

    demo_organisations_load(password="x-demo-pass-1")
    guideline_library_load()
    demo_results_load()
    demo_measures_load()
