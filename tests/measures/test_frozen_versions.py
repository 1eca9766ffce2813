"""Signed means frozen: approved documents, the public page and the open data come from the
version the chain approved, never from data edited afterwards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from assessments.models import OITItem
from measures.models import OITChecklistEntry, Progress, ReportVersion
from measures.services import evidence_add, measure_save, round_reopen, standard_rounds
from reports.documents import DOCUMENTS

from ..factories import approve_round, make_measure, make_user, record_results
from ..reports_helpers import compact, get_document, pdf_text

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def approved(org_a):
    """Org A's 6-month round of 2569 with one measure, a checklist row and evidence, approved
    through the chain and published."""
    staff = make_user("staff-frozen", member_of=[(org_a, "staff")])
    record_results(org_a, 2568, total="88.50", indicators={(1, 0): "90"})
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    measure = make_measure(org_a, 2569, 1, title="มาตรการเปิดเผยข้อมูลสาธารณะ")
    progress = Progress.objects.create(measure=measure, round=six, status="done", summary="ทำแล้ว")
    evidence_add(
        progress=progress, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), title="ประกาศ"
    )
    item = OITItem.objects.get(framework__fiscal_year=2568, code="O1")
    OITChecklistEntry.objects.create(organisation=org_a, item=item, status="in_progress")
    six = approve_round(six, submitter=staff, publish=True)
    return six, measure, staff, item


def public_snapshot(client, six):
    urls = [reverse("public-year", kwargs=Y)]
    urls += [reverse("public-data", kwargs={**Y, "fmt": fmt}) for fmt in ("json", "csv", "xlsx")]
    urls += [
        reverse("public-report", kwargs={**Y, "pk": six.pk, "code": code})
        for code in ("r1", "r3", "r4")
    ]
    responses = [
        get_document(client, url) if url.endswith(".pdf") else client.get(url) for url in urls
    ]
    assert all(r.status_code == 200 for r in responses), [r.status_code for r in responses]
    return [r.content for r in responses]


def test_edits_after_approval_change_nothing_public(client, settings, tmp_path, approved, org_a):
    six, measure, staff, item = approved
    before = public_snapshot(client, six)
    r1_text = compact(pdf_text(before[4]))
    assert compact("มาตรการเปิดเผยข้อมูลสาธารณะ") in r1_text

    measure.title = "ชื่อที่แก้หลังอนุมัติ"
    measure_save(measure=measure, steps=["ขั้นตอนใหม่"], expected_version=measure.version)
    make_measure(org_a, 2569, 2, title="มาตรการที่เพิ่มหลังอนุมัติ")
    with scopes_disabled():
        entry = OITChecklistEntry.objects.get(organisation=org_a, item=item)
    entry.status = "done"
    entry.version += 1
    entry.save()

    assert public_snapshot(client, six) == before  # byte for byte, every public format
    # rendered again from scratch (no cache), the approved text is the same
    settings.REPORT_CACHE_DIR = tmp_path
    after = public_snapshot(client, six)
    for old, new in zip(before[4:], after[4:], strict=True):
        assert compact(pdf_text(new)) == compact(pdf_text(old))
    assert "ชื่อที่แก้หลังอนุมัติ" not in compact(pdf_text(after[4]))

    # the internal page says what changed since the approved version
    client.force_login(staff)
    page = client.get(reverse("round", kwargs={**Y, "pk": six.pk})).content.decode()
    assert "มีการแก้ไขที่ยังไม่ได้อนุมัติ" in page
    assert "ชื่อที่แก้หลังอนุมัติ" in page and "มาตรการที่เพิ่มหลังอนุมัติ" in page
    assert "แก้ไขรายการตรวจ OIT" in page
    # staff print the approved version by default, and the live data only as a marked draft
    url = reverse("report", kwargs={**Y, "code": "r1", "pk": six.pk, "fmt": "pdf"})
    approved_text = compact(pdf_text(get_document(client, url).content))
    assert "ชื่อที่แก้หลังอนุมัติ" not in approved_text and "ฉบับร่าง" not in approved_text
    live_text = compact(pdf_text(get_document(client, url + "?live=1").content))
    assert "ชื่อที่แก้หลังอนุมัติ" in live_text and "ฉบับร่าง" in live_text


def test_a_new_version_replaces_the_public_one_only_once_approved(client, approved, org_a):
    six, measure, staff, _item = approved
    measure.title = "ชื่อฉบับที่สอง"
    measure_save(measure=measure, steps=["ขั้นแรก"], expected_version=measure.version)
    six = round_reopen(progress_round=six, user=staff)
    # version 2 is a draft: the public page still shows version 1 and says when it was approved
    page = client.get(reverse("public-year", kwargs=Y)).content.decode()
    assert "มาตรการเปิดเผยข้อมูลสาธารณะ" in page and "ชื่อฉบับที่สอง" not in page
    assert "อนุมัติเมื่อ" in page
    client.force_login(staff)
    draft = get_document(
        client, reverse("report", kwargs={**Y, "code": "r1", "pk": six.pk, "fmt": "pdf"})
    )
    assert "ฉบับร่าง" in compact(pdf_text(draft.content))
    client.logout()
    approve_round(six, submitter=staff)
    page = client.get(reverse("public-year", kwargs=Y)).content.decode()
    assert "ชื่อฉบับที่สอง" in page and "มาตรการเปิดเผยข้อมูลสาธารณะ" not in page
    with scopes_disabled():
        versions = list(ReportVersion.objects.filter(round=six).order_by("report_version"))
    assert [v.report_version for v in versions] == [1, 2]
    assert versions[0].content["measures"][0]["title"] == "มาตรการเปิดเผยข้อมูลสาธารณะ"


def test_evidence_is_public_only_while_the_published_version_shows_it(client, approved):
    six, measure, staff, _item = approved
    with scopes_disabled():
        frozen = Progress.objects.get(round=six).evidence.get()
    url = reverse("public-evidence", kwargs={"token": frozen.public_token})
    assert client.get(url).status_code == 200
    six = round_reopen(progress_round=six, user=staff)
    with scopes_disabled():
        progress = Progress.objects.get(round=six)
    late = evidence_add(progress=progress, upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 y"))
    late_url = reverse("public-evidence", kwargs={"token": late.public_token})
    assert client.get(late_url).status_code == 404  # added after approval: not yet public
    assert client.get(url).status_code == 200  # the approved version still shows it


def test_the_analysis_is_public_only_from_an_approved_round_that_includes_it(client, approved):
    six, *_ = approved
    with scopes_disabled():
        data = ReportVersion.objects.get(round=six).content
    assert data["analysis"]["year"] == 2568  # the analysis whose measures the round reports
    url = reverse("public-report", kwargs={**Y, "pk": six.pk, "code": "r2"})
    response = get_document(client, url)
    assert response.status_code == 200
    assert compact("พ.ศ.๒๕๖๘") in compact(pdf_text(response.content))
    assert url in client.get(reverse("public-year", kwargs=Y)).content.decode()


def test_the_submitted_version_is_what_approvers_see_and_sign(client, org_a, people):
    """Edits made while a report waits for approval do not slip into what is signed."""
    from measures.services import round_decide, round_submit

    from ..factories import make_chain

    make_chain(org_a, people["exec_a"])
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    measure = make_measure(org_a, 2569, 1, title="ชื่อตอนส่ง")
    six = round_submit(progress_round=six, user=people["staff_a"])
    measure.title = "ชื่อที่แก้ระหว่างรออนุมัติ"
    measure_save(measure=measure, steps=["ขั้นแรก"], expected_version=measure.version)
    client.force_login(people["exec_a"])
    page = client.get(reverse("round", kwargs={**Y, "pk": six.pk})).content.decode()
    assert "มีการแก้ไขที่ยังไม่ได้อนุมัติ" in page
    round_decide(progress_round=six, user=people["exec_a"], approve=True)
    url = reverse("report", kwargs={**Y, "code": "r3", "pk": six.pk, "fmt": "pdf"})
    text = compact(pdf_text(get_document(client, url).content))
    assert "ชื่อตอนส่ง" in text and "ชื่อที่แก้ระหว่างรออนุมัติ" not in text


def test_an_unknown_version_is_404(client, approved):
    six, _measure, staff, _item = approved
    client.force_login(staff)
    url = reverse("report", kwargs={**Y, "code": "r1", "pk": six.pk, "fmt": "pdf"})
    assert client.get(url + "?version=1").status_code == 202  # being rendered
    assert client.get(url + "?version=7").status_code == 404
    assert DOCUMENTS["r1"](six, number=1).source.approved
