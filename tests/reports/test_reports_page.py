"""The reports page names each document by its use, marks the one to print when unsure, and
says how many pages its latest file has."""

import pytest
from django.urls import reverse

from measures.services import standard_rounds
from reports.models import RenderJob

from ..reports_helpers import set_emblem

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


def test_the_cover_carries_the_title_of_the_document_it_is_bound_with(client, people, org_a):
    """R0 is the cover of the chosen document (issue 14): its title on the cover, in the
    Excel sheet and in the file name, through the page's links and the render job that draws
    it again in the worker; R1's when none is chosen; an unknown choice is a 404."""
    from django_scopes import scopes_disabled

    from reports.documents import DOCUMENTS
    from reports.documents.r0_cover import cover_lines

    from ..reports_helpers import compact, get_document, pdf_text

    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    client.force_login(people["staff_a"])
    page = client.get(reverse("reports", kwargs=Y)).content.decode()
    url = reverse("report", kwargs={**Y, "code": "r0", "pk": six.pk, "fmt": "pdf"})
    assert f'href="{url}?for=r3"' in page and f'href="{url}?for=r4"' in page
    texts = {}
    for choice in ("", "?for=r1", "?for=r3", "?for=r4"):
        response = get_document(client, url + choice)
        assert response.status_code == 200, (choice, response.status_code)
        texts[choice] = compact(pdf_text(response.content))
    assert texts[""] == texts["?for=r1"]
    for code in ("r1", "r3", "r4"):
        text = texts[f"?for={code}"]
        assert compact(DOCUMENTS[code].title) in text, code
        assert "จัดทำโดย" in text and "องค์การบริหารส่วนตำบลเอ" in text
        others = [c for c in ("r1", "r3", "r4") if c != code]
        assert not any(compact(DOCUMENTS[c].title) in text for c in others), code
    with scopes_disabled():
        jobs = list(RenderJob.objects.filter(code="r0", subject_id=six.pk))
    assert sorted(j.options["covers"] for j in jobs) == ["r1", "r3", "r4"]
    assert {j.state for j in jobs} == {RenderJob.State.DONE}  # redrawn with the same choice

    sheet = reverse("report", kwargs={**Y, "code": "r0", "pk": six.pk, "fmt": "xlsx"})
    response = client.get(sheet + "?for=r4")
    assert response.status_code == 200 and "-r4.xlsx" in response["Content-Disposition"]
    from io import BytesIO

    from openpyxl import load_workbook

    rows = {r[0]: r[1] for r in load_workbook(BytesIO(response.content)).active.iter_rows(
        min_row=2, values_only=True
    )}  # fmt: skip
    assert rows["รายงาน"] == DOCUMENTS["r4"].title
    for bad in ("r5", "r0", "r2", "x", ""):
        assert client.get(f"{url}?for={bad}").status_code == 404, bad

    # the cover breaks each title where the seeds' covers do
    assert cover_lines(DOCUMENTS["r1"].title) == [
        "รายงานผลการดำเนินการ",
        "เพื่อส่งเสริมคุณธรรมและความโปร่งใส",
        "ภายในหน่วยงาน",
    ]
    assert cover_lines(DOCUMENTS["r3"].title) == [
        "รายงานผลการดำเนินการมาตรการ",
        "ส่งเสริมคุณธรรมและความโปร่งใส",
    ]
    assert cover_lines(DOCUMENTS["r4"].title) == [
        "รายงานการดำเนินการตามมาตรการ",
        "ส่งเสริมคุณธรรมและความโปร่งใส",
        "ภายในหน่วยงาน",
    ]


def _images(content: bytes) -> list[tuple[int, int]]:
    """(width, height) of every image the PDF's pages draw."""
    from io import BytesIO

    from pypdf import PdfReader

    return [
        (image.image.width, image.image.height)
        for page in PdfReader(BytesIO(content)).pages
        for image in page.images
    ]


def test_the_cover_and_the_memo_print_the_emblem_an_approved_version_was_signed_with(people, org_a):
    """Issue 12: the organisation's emblem on R0's cover and at the head of R5's memo; a new
    emblem changes drafts, never an approved version (each upload is a new file)."""
    from django.core.files.storage import default_storage

    from printing.pdf import html_to_pdf
    from reports.documents import DOCUMENTS
    from reports.documents.base import EmblemMissing

    from ..factories import approve_round

    six, twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    for code in ("r0", "r5"):  # no emblem set: none printed
        assert _images(DOCUMENTS[code](twelve, live=True).pdf()[0]) == []
    set_emblem(org_a, (60, 40))
    approved = approve_round(six, submitter=people["staff_a"])
    for code in ("r0", "r5"):
        assert _images(DOCUMENTS[code](approved).pdf()[0]) == [(60, 40)], code
    first = org_a.emblem.name
    set_emblem(org_a, (30, 50))
    assert org_a.emblem.name != first
    for code in ("r0", "r5"):  # drawn again, not served from the files stored above
        assert _images(html_to_pdf(DOCUMENTS[code](approved).html())) == [(60, 40)], code
        assert _images(html_to_pdf(DOCUMENTS[code](twelve, live=True).html())) == [(30, 50)]
    # the approved version's file gone: that version is not printed without it; a draft is
    default_storage.delete(first)
    with pytest.raises(EmblemMissing) as refused:
        DOCUMENTS["r0"](approved).html()
    assert "ไม่พบไฟล์ตราสัญลักษณ์" in refused.value.message
    from reports.views import framed  # its HTML, in the approval page's frame: said in Thai

    shown = framed(DOCUMENTS["r5"](approved))
    assert shown.status_code == 422 and "ไม่พบไฟล์ตราสัญลักษณ์" in shown.content.decode()
    default_storage.delete(org_a.emblem.name)
    assert _images(html_to_pdf(DOCUMENTS["r5"](twelve, live=True).html())) == []
    # the Excel twin needs no emblem
    assert DOCUMENTS["r0"](approved).xlsx()
