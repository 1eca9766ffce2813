"""axe-core, in a real Chromium, on every main page of every role at desktop and phone sizes:
no violation. The pages are those of a year in full swing — results entered, measures with
steps and units, a round filled in and submitted, the checklist, a published year — and the
platform operators' Django admin."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from assessments.services import framework_load_fixtures
from measures.models import Progress
from measures.services import evidence_add, standard_rounds

from ..factories import (
    approve_round,
    make_chain,
    make_measure,
    make_organisation,
    make_user,
    record_results,
)
from .browser import axe_violations, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _year_in_full_swing():
    framework_load_fixtures()
    org = make_organisation("axe-org", "องค์การบริหารส่วนตำบลเข้าถึงได้", units=["สำนักปลัด", "กองคลัง"])
    make_user("staff-axe", member_of=[(org, "staff")])
    mayor = make_user("exec-axe", member_of=[(org, "executive")])
    make_user("admin-axe", member_of=[(org, "org_admin")])
    make_user("supervisor-axe", supervises={"province": "เชียงราย"})
    make_chain(org, mayor)
    record_results(
        org,
        2568,
        total=78.4,
        indicators={(n, 0): 70 + n for n in range(1, 11)},
        questions={("i1", 0): 90, ("i2", 0): 61.5},
    )
    with scopes_disabled():
        finance = org.unit_set.get(name="กองคลัง")
    measures = [
        make_measure(org, 2569, n, title=f"มาตรการที่ {n}", end=datetime.date(2026, 3, 31))
        for n in (1, 2)
    ]
    make_measure(org, 2569, 3, title="มาตรการของกองคลัง", units=[finance])
    six, twelve = standard_rounds(organisation=org, fiscal_year=2569)
    progress = Progress.objects.create(
        measure=measures[0], round=six, status="done", summary="ทำแล้ว"
    )
    evidence_add(progress=progress, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    approve_round(six, submitter=make_user("staff-axe2", member_of=[(org, "staff")]), publish=True)
    return org, measures, six, twelve


def test_no_page_of_any_role_has_an_accessibility_violation(live_server, browser):
    org, measures, six, twelve = _year_in_full_swing()
    o = f"/o/{org.code}"
    pages = {
        None: [
            "/accounts/login/",
            "/public/",
            "/public/?province=เชียงราย",
            "/public/axe-org/",
            "/public/axe-org/2569/",
        ],
        "staff-axe": [
            "/",
            f"{o}/",
            f"{o}/2569/",
            f"{o}/2569/measures/",
            f"{o}/2569/measures/new/",
            f"{o}/2569/measures/{measures[0].pk}/",
            f"{o}/2569/measures/{measures[0].pk}/view/",
            f"{o}/2569/measures/{measures[0].pk}/history/",
            f"{o}/2569/rounds/",
            f"{o}/2569/rounds/{six.pk}/",
            f"{o}/2569/rounds/{twelve.pk}/?unit=all",
            f"{o}/2569/oit/",
            f"{o}/2569/reports/",
            f"{o}/2569/history/",
            f"{o}/2568/results/",
            f"{o}/2568/results/edit/",
            f"{o}/2568/results/import/",
            f"{o}/2568/analysis/",
            f"{o}/2568/analysis/draft/",
            f"{o}/2568/issues/new/",
            f"{o}/2569/measures/import/",
        ],
        "exec-axe": [f"{o}/dashboard/?year=2569", f"{o}/2569/rounds/{six.pk}/"],
        "admin-axe": [
            f"{o}/settings/details/",
            f"{o}/settings/members/",
            f"{o}/settings/members/new/",
            f"{o}/settings/members/invite/",
            f"{o}/settings/chain/",
        ],
        "supervisor-axe": ["/supervise/?year=2568", "/supervise/?year=2568&sort=score_asc"],
    }
    found = []
    for width, height in ((1366, 768), (360, 740)):
        for username, urls in pages.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, bypass_csp=True
            )
            page = context.new_page()
            if username:
                login(page, live_server.url, username)
            for url in urls:
                response = page.goto(live_server.url + url)
                assert response.status == 200, url
                for violation in axe_violations(page):
                    found.append((width, username, url, *violation))
            context.close()
    assert not found, "\n".join(map(str, found))


def test_the_django_admin_has_no_accessibility_violation(live_server, browser):
    """Issue 15: the platform operators' Django admin (Thai, issue 12) at desktop and phone
    sizes: its index, lists, add and change forms — the autocomplete selects and inlines
    included."""
    org, _measures, six, _twelve = _year_in_full_swing()
    operator = make_user("operator-axe", superuser=True)
    with scopes_disabled():
        step = org.approvalstep_set.first()
        membership = org.membership_set.first()
    pages = [
        "/admin/",
        "/admin/organisations/organisation/",
        f"/admin/organisations/organisation/{org.pk}/change/",
        "/admin/organisations/membership/add/",
        f"/admin/organisations/membership/{membership.pk}/change/",
        f"/admin/organisations/user/{operator.pk}/change/",
        "/admin/organisations/user/add/",
        f"/admin/measures/approvalstep/{step.pk}/change/",
        "/admin/measures/progressround/",
        f"/admin/measures/progressround/{six.pk}/change/",
        "/admin/assessments/assessment/",
    ]
    found = []
    for width, height in ((1366, 768), (360, 740)):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        page = context.new_page()
        login(page, live_server.url, operator.username)
        for url in pages:
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            for violation in axe_violations(page):
                found.append((width, url, *violation))
        # a row added to an inline after the page loaded: its autocomplete is named too
        page.goto(live_server.url + pages[2])
        add_row = page.locator("#membership_set-group .add-row a")
        add_row.click()
        page.wait_for_function(
            "document.querySelectorAll('.dynamic-membership_set .select2-selection').length"
            " && [...document.querySelectorAll('.dynamic-membership_set .select2-selection')]"
            ".every(e => e.dataset.named)"
        )
        for violation in axe_violations(page):
            found.append((width, "added row", *violation))
        context.close()
    assert not found, "\n".join(map(str, found))
