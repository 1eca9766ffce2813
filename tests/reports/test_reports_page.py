"""The reports page names each document by its use, marks the one to print when unsure, and
says how many pages its latest file has."""

import pytest
from django.urls import reverse

from measures.services import standard_rounds
from reports.models import RenderJob

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


def test_documents_are_named_by_use_with_the_recommended_one_and_page_counts(client, people, org_a):
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    RenderJob.objects.create(
        key="k" * 64,
        organisation=org_a,
        code="r1",
        subject_id=six.pk,
        state=RenderJob.State.DONE,
        pages=10,
    )
    client.force_login(people["staff_a"])
    page = client.get(reverse("reports", kwargs=Y)).content.decode()
    assert "รอบ ๖ เดือน — ฉบับเสนอผู้บริหาร และแนบเป็นหลักฐาน OIT" in page
    assert "รอบ ๑๒ เดือน — ฉบับกำกับติดตาม จัดตามเครื่องมือและตัวชี้วัด" in page
    recommended = page.split('class="recommended"', 1)[1].split("</tr>", 1)[0]
    assert "แนะนำ" in recommended and "R1" in recommended
    assert "ไฟล์ล่าสุด ๑๐ หน้า" in recommended
    assert page.count("ไฟล์ล่าสุด") == 1  # no count for a document never rendered


def test_the_cover_names_the_unit_the_organisation_set_as_preparing_its_documents(
    client, people, org_a
):
    from django_scopes import scopes_disabled

    from measures.versions import changes_since, current_version
    from reports.documents import DOCUMENTS

    from ..factories import approve_round

    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    # a report approved before the setting existed: its cover keeps the old wording, and the
    # new setting is no 'unapproved change' of it
    approved = approve_round(six, submitter=people["staff_a"])
    cover = DOCUMENTS["r0"](approved)
    assert dict(cover.sheets()[0].rows)["จัดทำโดย"] == "สำนักงานปลัด องค์การบริหารส่วนตำบลเอ"
    with scopes_disabled():
        frozen = current_version(approved)
        frozen.content["organisation"].pop("prepared_by", None)  # as stored before
        frozen.save(update_fields=["content"])
        org_a.prepared_by = org_a.unit_set.get(name="กองคลัง")
    org_a.save()
    assert changes_since(frozen) == []
    draft = DOCUMENTS["r0"](_twelve, live=True)
    assert dict(draft.sheets()[0].rows)["จัดทำโดย"] == "กองคลัง องค์การบริหารส่วนตำบลเอ"


def test_the_memo_names_the_same_unit(people, org_a):
    from django_scopes import scopes_disabled

    from reports.documents import DOCUMENTS

    _six, twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    memo = DOCUMENTS["r5"](twelve, live=True).context()
    assert memo["division"] == "สำนักปลัดองค์การบริหารส่วนตำบลเอ"  # the seed's wording
    assert memo["prepared_by"] == "สำนักงานปลัด องค์การบริหารส่วนตำบลเอ"
    with scopes_disabled():
        org_a.prepared_by = org_a.unit_set.get(name="กองคลัง")
    org_a.save()
    memo = DOCUMENTS["r5"](twelve, live=True).context()
    assert memo["division"] == memo["prepared_by"] == "กองคลัง องค์การบริหารส่วนตำบลเอ"
