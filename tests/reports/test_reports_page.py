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
