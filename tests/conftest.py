import datetime
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed

from assessments.services import framework_load_fixtures

from .factories import make_organisation, make_user

# The suite's data is one scenario: organisations early in fiscal year ๒๕๗๐, entering FY2569's
# results and reporting FY2569's and FY2570's rounds. Rules that read today's date (overdue
# work, a signature dated over a year after its round, which fiscal year is the current one)
# would turn these tests false as the calendar moves on (FY2569's six-month round ends 31 Mar
# 2026, so approving it "today" asks about the date from April 2027). The tests' clock starts
# on the scenario's day and runs on from there, whatever day the suite runs.
SCENARIO_START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))


def browser_tests_only(config) -> bool:
    """A session of browser tests only (``./portal test`` runs them as ``-m e2e tests/e2e``)."""
    if config.getoption("markexpr", "") == "e2e":
        return True
    browser_tests = Path(__file__).resolve().parent / "e2e"
    paths = [Path(a.split("::")[0]).resolve() for a in config.args]
    return bool(paths) and all(p == browser_tests or browser_tests in p.parents for p in paths)


def pytest_configure(config):
    """The tests' clock (this process: the test client, in-process live servers and workers),
    set before any test module is imported (some read today's date at import). A session of
    browser tests only keeps the real clock: the browser's is real, and a session cookie dated
    on the scenario's day would have expired for it; those tests build their data around
    today instead."""
    if not browser_tests_only(config):
        config._scenario_clock = time_machine.travel(SCENARIO_START, tick=True)
        config._scenario_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "_scenario_clock", None)
    if clock is not None:
        clock.stop()


@pytest.fixture(scope="session", autouse=True)
def thai_catalogue():
    """Compile the project's Thai catalogue (locale/) as ./portal does (skipped when the .mo is
    newer than the .po), so that tests see the messages people see; then let Django reload its
    catalogues in case one was read before."""
    call_command("compilemessages", locale=["th"], ignore_patterns=[".venv", "var"], verbosity=0)
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="session", autouse=True)
def redis():
    """A real redis-server for the whole session, on the port the test settings chose: the
    broker and result store of background work."""
    import os

    from .servers import redis_server

    with redis_server(int(os.environ["ITA_TEST_REDIS_PORT"])) as url:
        yield url


@pytest.fixture
def celery_worker(transactional_db, redis):
    """A real Celery worker of the portal's app, in a thread of the test process, consuming
    from the session's Redis. Tests using it see committed data only (transactional_db)."""
    from celery.contrib.testing.worker import start_worker

    from ita_portal.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the committed framework fixtures (FY2566, FY2568) once per test session."""
    with django_db_blocker.unblock():
        framework_load_fixtures()


def make_org_a():
    return make_organisation(
        "org-a", "องค์การบริหารส่วนตำบลเอ", province="เชียงราย", units=["สำนักปลัด", "กองคลัง"]
    )


def make_org_b():
    return make_organisation(
        "org-b", "องค์การบริหารส่วนตำบลบี", province="ประจวบคีรีขันธ์", units=["สำนักปลัด"]
    )


def make_people(org_a, org_b):
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
def org_a(db):
    return make_org_a()


@pytest.fixture
def org_b(db):
    return make_org_b()


@pytest.fixture
def people(org_a, org_b):
    return make_people(org_a, org_b)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A database a whole module's tests share: what a module-scoped fixture builds inside it
    stays for the module (each test still runs in its own savepoint, rolled back after it) and
    is rolled back when the module ends. For modules whose tests only read the same world,
    such as the permission matrix."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


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


@pytest.fixture(autouse=True)
def rendered_files(tmp_path_factory, settings):
    """Each test renders into a folder of its own: database ids repeat from test to test, so
    a file another test rendered could otherwise answer for a document not rendered yet."""
    settings.REPORT_CACHE_DIR = tmp_path_factory.mktemp("rendered")


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd), and Django's SMTP backend pointed at it;
    ``smtp.messages`` holds what it received (subject and body decoded)."""
    from .mail import smtp_server

    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.DEFAULT_FROM_EMAIL = "ITA Portal <no-reply@ita.test>"
        yield inbox
