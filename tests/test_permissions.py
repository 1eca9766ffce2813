"""Every URL the project defines × every role → the expected status.

Another organisation's pages answer 404 (as if they did not exist), a member without the
right answers 403, an anonymous visitor is sent to the login page. A URL added without a row
here fails ``test_every_url_is_in_the_matrix``.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from assessments.analysis import analysis_draft
from assessments.models import ImportBatch, ImportJob, ImprovementIssue
from measures.models import Progress, ProgressRound
from measures.services import evidence_add, round_submit, standard_rounds
from organisations.models import Membership, OrganisationImport
from organisations.onboarding import invitation_issue_token, invite
from reports.models import RenderJob

from .conftest import make_org_a, make_org_b, make_people
from .factories import approve_round, make_chain, make_measure, make_user, record_results

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff_a", "exec_a", "staff_b", "supervisor", "admin"]
LOGIN = 302
# Organisation A's own administrator (ผู้ดูแลระบบของหน่วยงาน) has staff rights plus the
# settings pages: a row without an "orgadmin_a" status expects staff_a's.
ORG_ADMIN = "orgadmin_a"

# name: (method, kwargs, {role: status}); "org-a"/"org-b" are the fixtures' organisations.
MATRIX = {
    "home": ("get", {}, dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200], strict=True))),
    "login": ("get", {}, dict.fromkeys(ROLES, 200)),
    "logout": ("post", {}, dict.fromkeys(ROLES, 302)),
    "framework-list": ("get", {}, dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200], strict=True))),
    "framework-detail": (
        "get",
        {"year": 2568},
        dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200], strict=True)),
    ),
    "organisation": (
        "get",
        {"org": "org-a"},
        dict(zip(ROLES, [LOGIN, 200, 200, 404, 200, 200], strict=True)),
    ),
    "organisation-settings": (
        "get",
        {"org": "org-a"},
        dict(zip(ROLES, [LOGIN, 200, 403, 404, 403, 200], strict=True)),
    ),
}
READ = dict(zip(ROLES, [LOGIN, 200, 200, 404, 200, 200], strict=True))
WRITE = dict(zip(ROLES, [LOGIN, 200, 403, 404, 403, 200], strict=True))
A = {"org": "org-a", "year": 2568}
MATRIX.update(
    {
        "guidelines": ("get", {"org": "org-a"}, READ),
        "results": ("get", A, READ),
        "results-edit": ("get", A, WRITE),
        "results-template": ("get", A, WRITE),
        "results-import": ("get", A, WRITE),
        "results-import-preview": ("get", {**A, "batch": "$batch_a"}, WRITE),
        "analysis": ("get", A, READ),
        "analysis-draft": ("get", A, WRITE),
        "analysis-indicator": ("get", {**A, "number": 1}, WRITE),
        "issue-new": ("get", A, WRITE),
        "issue-edit": ("get", {**A, "pk": "$issue_a"}, WRITE),
    }
)

# Onboarding: the organisation administrator's pages, account pages
ADMINISTER = {
    **dict(zip(ROLES, [LOGIN, 403, 403, 404, 403, 200], strict=True)),
    ORG_ADMIN: 200,
}
PLATFORM = {**dict(zip(ROLES, [LOGIN, 403, 403, 403, 403, 200], strict=True)), ORG_ADMIN: 403}
PLATFORM_POSTED = {**PLATFORM, "admin": 302}
MATRIX.update(
    {
        "settings-details": ("get", {"org": "org-a"}, ADMINISTER),
        "settings-members": ("get", {"org": "org-a"}, ADMINISTER),
        "settings-member-new": ("get", {"org": "org-a"}, ADMINISTER),
        "settings-member-invite": ("get", {"org": "org-a"}, ADMINISTER),
        "settings-member": ("get", {"org": "org-a", "pk": "$membership_a"}, ADMINISTER),
        "settings-chain": ("get", {"org": "org-a"}, ADMINISTER),
        "password-change": (
            "get",
            {},
            dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200], strict=True)),
        ),
        "password-reset": ("get", {}, dict.fromkeys([*ROLES, ORG_ADMIN], 200)),
        "password-reset-done": ("get", {}, dict.fromkeys([*ROLES, ORG_ADMIN], 200)),
        # a link that is not valid: the page says so (in Thai), to anyone
        "password-reset-confirm": (
            "get",
            {"uidb64": "eA", "token": "x-y"},
            dict.fromkeys([*ROLES, ORG_ADMIN], 200),
        ),
        # platform operators only
        "operator-import": ("get", {}, PLATFORM),
        "operator-import-confirm": ("post", {"pk": "$import_batch"}, PLATFORM_POSTED),
        "operator-import-sample": ("get", {"name": "organisations.csv"}, PLATFORM),
        "operator-import-job": ("get", {"pk": "$import_applied"}, PLATFORM),
        # looking at an invitation does not use it up
        "invitation": ("get", {"token": "$invitation"}, dict.fromkeys([*ROLES, ORG_ADMIN], 200)),
    }
)

# Extra cases: the other organisation, objects that do not exist, the admin site.
Y = {"org": "org-a", "year": 2569}
POSTED = dict(zip(ROLES, [LOGIN, 302, 403, 404, 403, 302], strict=True))
# an import job is its uploader's (staff_a's): even the organisation's administrator gets 404
MINE = {**dict(zip(ROLES, [LOGIN, 200, 403, 404, 403, 404], strict=True)), ORG_ADMIN: 404}
MATRIX.update(
    {
        "year-home": ("get", Y, READ),
        "measures": ("get", Y, READ),
        "measure-new": ("get", Y, WRITE),
        "measures-copy": ("post", Y, POSTED),
        "measure-edit": ("get", {**Y, "pk": "$measure_a"}, WRITE),
        # the read-only page of a measure, for everyone who sees the year
        "measure": ("get", {**Y, "pk": "$measure_a"}, READ),
        "measure-history": ("get", {**Y, "pk": "$measure_a"}, READ),
        "measures-export": ("get", Y, READ),
        "measures-import": ("get", Y, WRITE),
        "rounds": ("get", Y, READ),
        "round": ("get", {**Y, "pk": "$round_a"}, READ),
        # staff start a new version (a draft answers with a Thai message and a redirect)
        "round-reopen": ("post", {**Y, "pk": "$round_a"}, POSTED),
        # confirmation pages (GET shows what is about to be done): staff submit a draft,
        # the executive whose turn it is approves or sends back, staff or executives publish
        "round-submit": ("get", {**Y, "pk": "$round_a"}, WRITE),
        "round-approve": (
            "get",
            {**Y, "pk": "$round_submitted"},
            dict(zip(ROLES, [LOGIN, 403, 200, 404, 403, 403], strict=True)),
        ),
        "round-send-back": (
            "get",
            {**Y, "pk": "$round_submitted"},
            dict(zip(ROLES, [LOGIN, 403, 200, 404, 403, 403], strict=True)),
        ),
        "round-publish": (
            "get",
            {**Y, "pk": "$round_approved"},
            dict(zip(ROLES, [LOGIN, 200, 200, 404, 403, 200], strict=True)),
        ),
        "progress-export": ("get", {**Y, "pk": "$round_a"}, READ),
        "progress-import": ("get", {**Y, "pk": "$round_a"}, WRITE),
        # a background import is its uploader's (staff A's): anyone else's is a 404
        "import-job": ("get", {**Y, "pk": "$job_a"}, MINE),
        "import-job-status": ("get", {**Y, "pk": "$job_a"}, MINE),
        "oit-checklist": ("get", Y, READ),
        "year-history": ("get", Y, READ),
        "evidence": ("get", {"org": "org-a", "pk": "$evidence_a"}, READ),
        "reports": ("get", Y, READ),
        # a document's settings (title, opening paragraph, columns …): editors only
        "report-layout": ("get", {**Y, "code": "r4", "pk": "$round_a"}, WRITE),
        "report-layout-preview": ("get", {**Y, "code": "r5", "pk": "$round_a"}, WRITE),
        # a PDF not rendered yet is the waiting page (202); its job's status is the
        # organisation's, like the document
        "report": (
            "get",
            {**Y, "code": "r0", "pk": "$round_a", "fmt": "pdf"},
            dict(zip(ROLES, [LOGIN, 202, 202, 404, 202, 202], strict=True)),
        ),
        "report-status": ("get", {**Y, "key": "$render_a"}, READ),
        "executive-dashboard": ("get", {"org": "org-a"}, READ),
        "supervisor": ("get", {}, dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200], strict=True))),
        # published (objects: org A's "รอบพิเศษ" of 2569): everyone, without logging in
        "public-year": ("get", Y, dict.fromkeys(ROLES, 200)),
        "public-data": ("get", {**Y, "fmt": "json"}, dict.fromkeys(ROLES, 200)),
        "public-report": (
            "get",
            {**Y, "pk": "$round_published", "code": "r3"},
            dict.fromkeys(ROLES, 202),
        ),
        "public-report-status": ("get", {**Y, "key": "$render_public"}, dict.fromkeys(ROLES, 200)),
        "public-framework": ("get", {"year": 2568}, dict.fromkeys(ROLES, 200)),
        # the public index, and an organisation with a published year
        "public-index": ("get", {}, dict.fromkeys(ROLES, 200)),
        "public-organisation": ("get", {"org": "org-a"}, dict.fromkeys(ROLES, 200)),
        # the QR poster of the public page: the organisation's members (and its supervisors)
        "public-poster": ("get", Y, READ),
        "healthz": ("get", {}, dict.fromkeys(ROLES, 200)),
        # no worker runs beside the matrix (tests/ops/test_health.py runs one): 503 for all
        "healthz-ready": ("get", {}, dict.fromkeys(ROLES, 503)),
        # not published: nobody sees it at the public address
        "public-evidence": ("get", {"token": "$token_a"}, dict.fromkeys(ROLES, 404)),
    }
)

EXTRA = [
    ("organisation", {"org": "org-b"}, [LOGIN, 404, 404, 200, 404, 200]),
    ("organisation-settings", {"org": "org-b"}, [LOGIN, 404, 404, 200, 404, 200]),
    ("organisation", {"org": "no-such-org"}, [LOGIN, 404, 404, 404, 404, 404]),
    ("framework-detail", {"year": 2400}, [LOGIN, 404, 404, 404, 404, 404]),
    ("results", {"org": "org-b", "year": 2568}, [LOGIN, 404, 404, 200, 404, 200]),
    ("analysis", {"org": "org-b", "year": 2568}, [LOGIN, 404, 404, 200, 404, 200]),
    ("results-edit", {"org": "org-b", "year": 2568}, [LOGIN, 404, 404, 200, 404, 200]),
    ("results", {"org": "org-a", "year": 2599}, [LOGIN, 404, 404, 404, 404, 404]),
    # another organisation's objects through one's own organisation's URL
    ("issue-edit", {**A, "pk": "$issue_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    ("results-import-preview", {**A, "batch": "$batch_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    (
        "issue-edit",
        {"org": "org-b", "year": 2568, "pk": "$issue_a"},
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    ("measure-edit", {**Y, "pk": "$measure_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    ("measure", {**Y, "pk": "$measure_b"}, [LOGIN, 404, 404, 404, 404, 404]),
    # org B has published nothing: no public page, no poster (404 even to its own staff)
    ("public-organisation", {"org": "org-b"}, [404, 404, 404, 404, 404, 404]),
    ("public-poster", {"org": "org-b", "year": 2569}, [LOGIN, 404, 404, 404, 404, 404]),
    ("measure-history", {**Y, "pk": "$measure_b"}, [LOGIN, 404, 404, 404, 404, 404]),
    ("round", {**Y, "pk": "$round_b"}, [LOGIN, 404, 404, 404, 404, 404]),
    ("import-job", {**Y, "pk": "$job_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    ("import-job-status", {**Y, "pk": "$job_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    (
        "import-job",
        {"org": "org-b", "year": 2569, "pk": "$job_b"},
        [LOGIN, 404, 404, 200, 404, 404],
    ),
    ("round-submit", {**Y, "pk": "$round_b"}, [LOGIN, 404, 403, 404, 403, 404]),
    # a step that is not due sends back to the round page with the reason
    ("round-submit", {**Y, "pk": "$round_submitted"}, [LOGIN, 302, 403, 404, 403, 302]),
    ("round-approve", {**Y, "pk": "$round_a"}, [LOGIN, 403, 302, 404, 403, 403]),
    ("round-publish", {**Y, "pk": "$round_a"}, [LOGIN, 302, 302, 404, 403, 302]),
    ("round-publish", {**Y, "pk": "$round_published"}, [LOGIN, 302, 302, 404, 403, 302]),
    ("evidence", {"org": "org-a", "pk": "$evidence_b"}, [LOGIN, 404, 404, 404, 404, 404]),
    ("evidence", {"org": "org-b", "pk": "$evidence_b"}, [LOGIN, 404, 404, 200, 404, 200]),
    ("year-home", {"org": "org-b", "year": 2569}, [LOGIN, 404, 404, 200, 404, 200]),
    ("public-evidence", {"token": "$token_published"}, [200] * 6),
    (
        "report",
        {**Y, "code": "r0", "pk": "$round_b", "fmt": "pdf"},
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    (
        "report",
        {**Y, "code": "r9", "pk": "$round_a", "fmt": "pdf"},
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    # a document's HTML, for the frames of the approval and settings pages: read as its PDF
    (
        "report",
        {**Y, "code": "r1", "pk": "$round_a", "fmt": "html"},
        [LOGIN, 200, 200, 404, 200, 200],
    ),
    (
        "report",
        {**Y, "code": "r1", "pk": "$round_b", "fmt": "html"},
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    # another organisation's job through one's own organisation's URL; a members' job at the
    # public address
    ("report-status", {**Y, "key": "$render_b"}, [LOGIN, 404, 404, 404, 404, 404]),
    (
        "report-status",
        {"org": "org-b", "year": 2569, "key": "$render_b"},
        [LOGIN, 404, 404, 200, 404, 200],
    ),
    ("public-report-status", {**Y, "key": "$render_a"}, [404] * 6),
    ("settings-details", {"org": "org-b"}, [LOGIN, 404, 404, 403, 404, 200, 404]),
    (
        "settings-member",
        {"org": "org-a", "pk": "$membership_b"},
        [LOGIN, 403, 403, 404, 403, 404, 404],
    ),
    ("settings-chain", {"org": "org-b"}, [LOGIN, 404, 404, 403, 404, 200, 404]),
    ("invitation", {"token": "no-such-token"}, [410] * 7),
    ("operator-import-sample", {"name": "x.csv"}, [LOGIN, 403, 403, 403, 403, 404, 403]),
    ("operator-import-job", {"pk": 1_000_000}, [LOGIN, 403, 403, 403, 403, 404, 403]),
    ("admin:index", {}, [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200]),
    ("admin:assessments_framework_changelist", {}, [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200]),
    ("admin:organisations_organisation_changelist", {}, [LOGIN] * 5 + [200]),
]


def project_url_names():
    names = set()
    for key in get_resolver().reverse_dict:
        if isinstance(key, str):
            names.add(key)
    return names


def test_every_url_is_in_the_matrix():
    assert project_url_names() == set(MATRIX), "add new URLs to MATRIX with a status per role"


def _client(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


CASES = [
    (name, kwargs, role, statuses.get(role, statuses["staff_a"]), method)
    for name, (method, kwargs, statuses) in MATRIX.items()
    for role in [*ROLES, ORG_ADMIN]
] + [
    (name, kwargs, role, status, "get")
    for name, kwargs, statuses in EXTRA
    for role, status in zip(
        [*ROLES, ORG_ADMIN],
        statuses if len(statuses) > len(ROLES) else [*statuses, statuses[1]],
        strict=True,
    )
]


@pytest.fixture(scope="module")
def world(module_db):
    """The organisations, the people and the objects every case reads: built once for the
    module's hundreds of cases (each case's own changes are rolled back after it)."""
    org_a, org_b = make_org_a(), make_org_b()
    people = make_people(org_a, org_b)
    people[ORG_ADMIN] = make_user("orgadmin-a", member_of=[(org_a, "org_admin")])
    return people, build_objects(org_a, org_b, people)


@pytest.fixture
def people(world, db):
    return world[0]


@pytest.fixture
def objects(world, db):
    return world[1]


def build_objects(org_a, org_b, people):
    """One of each organisation-owned object the URLs point at, in both organisations."""
    found = {}
    for org, suffix in ((org_a, "a"), (org_b, "b")):
        assessment = record_results(
            org, 2568, indicators={(1, 0): "90"}, questions={("i1", 0): "90"}
        )
        analysis_draft(assessment)
        found[f"issue_{suffix}"] = ImprovementIssue.objects.create(
            assessment=assessment, number=1, title="ประเด็นทดสอบ"
        ).pk
        measure = make_measure(org, 2569)
        progress_round = standard_rounds(organisation=org, fiscal_year=2569)[0]
        progress = Progress.objects.create(measure=measure, round=progress_round)
        evidence = evidence_add(
            progress=progress,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        )
        found.update(
            {
                f"measure_{suffix}": measure.pk,
                f"round_{suffix}": progress_round.pk,
                f"evidence_{suffix}": evidence.pk,
                f"token_{suffix}": evidence.public_token,
            }
        )
        found[f"job_{suffix}"] = ImportJob.objects.create(
            organisation=org,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="m.xlsx",
            content=b"",
            state=ImportJob.State.CHECKED,
            result={"rows": [], "totals": {}},
            created_by=people[f"staff_{suffix}"],
        ).pk
        found[f"batch_{suffix}"] = ImportBatch.objects.create(
            organisation=org,
            framework=assessment.framework,
            filename="x.xlsx",
            payload={"data": {"total": "90"}, "rows": []},
        ).pk
    published_round = ProgressRound.objects.create(
        organisation=org_a,
        fiscal_year=2569,
        kind="custom",
        name="รอบพิเศษ",
        start_date=progress_round.start_date,
        end_date=progress_round.end_date,
    )
    published = Progress.objects.create(measure=make_measure(org_a, 2569, 2), round=published_round)
    found["token_published"] = evidence_add(
        progress=published,
        upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4 published", content_type="application/pdf"),
    ).public_token
    # org A's chain (its executive signs), a published report, one awaiting the chain, and one
    # approved
    make_chain(org_a, people["exec_a"])
    with scopes_disabled():  # the fixture's own look at what it built
        for org, suffix in ((org_a, "a"), (org_b, "b")):
            found[f"membership_{suffix}"] = Membership.objects.filter(organisation=org).first().pk
    found["import_batch"] = OrganisationImport.objects.create(
        filename="empty.csv", payload={"organisations": [], "supervisors": []}
    ).pk
    found["import_applied"] = OrganisationImport.objects.create(
        filename="done.csv", status=OrganisationImport.Status.APPLIED, summary={"new": 1}
    ).pk
    invited = make_user("invited-a", member_of=[(org_a, "staff")])
    found["invitation"] = invitation_issue_token(invite(user=invited))
    approve_round(published_round, submitter=people["staff_a"], publish=True)
    found["round_published"] = published_round.pk
    for name, state in (("รอบรออนุมัติ", "submitted"), ("รอบอนุมัติแล้ว", "approved")):
        other = ProgressRound.objects.create(
            organisation=org_a,
            fiscal_year=2569,
            kind="custom",
            name=name,
            start_date=progress_round.start_date,
            end_date=progress_round.end_date,
        )
        if state == "submitted":
            round_submit(progress_round=other, user=people["staff_a"])
        else:
            approve_round(other, submitter=people["staff_a"])
        found[f"round_{state}"] = other.pk
    for org, name, public in (
        (org_a, "render_a", False),
        (org_b, "render_b", False),
        (org_a, "render_public", True),
    ):
        found[name] = RenderJob.objects.create(
            key=name.ljust(64, "0"), organisation=org, code="r3", subject_id=1, public=public
        ).key
    return found


def _resolve(kwargs, objects):
    return {
        k: objects[v[1:]] if isinstance(v, str) and v.startswith("$") else v
        for k, v in kwargs.items()
    }


@pytest.mark.parametrize(
    "name,kwargs,role,expected,method",
    CASES,
    ids=[f"{c[0]}{c[1] or ''}-{c[2]}" for c in CASES],
)
def test_status(client, people, objects, name, kwargs, role, expected, method):
    url = reverse(name, kwargs=_resolve(kwargs, objects))
    response = getattr(_client(client, people, role), method)(url)
    assert response.status_code == expected
    if expected == LOGIN and role == "anonymous" and not name.startswith("logout"):
        assert "/login/" in response["Location"]


def test_supervisor_sees_only_covered_organisations(client, people):
    client.force_login(people["supervisor"])
    page = client.get(reverse("home")).content.decode()
    assert "องค์การบริหารส่วนตำบลเอ" in page
    assert "องค์การบริหารส่วนตำบลบี" not in page


def test_staff_home_lists_only_own_organisation(client, people):
    client.force_login(people["staff_b"])
    page = client.get(reverse("home")).content.decode()
    assert "องค์การบริหารส่วนตำบลบี" in page
    assert "องค์การบริหารส่วนตำบลเอ" not in page
