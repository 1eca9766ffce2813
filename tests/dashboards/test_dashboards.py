"""Dashboards: the figures, who sees what, and query counts that do not grow with the data."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Progress
from measures.services import standard_rounds

from ..factories import (
    make_measure,
    make_organisation,
    make_user,
    record_results,
)
from ..pages import count_queries

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


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


def test_supervisor_can_open_covered_organisations_read_only(client, people):
    client.force_login(people["supervisor"])
    assert client.get(reverse("executive-dashboard", kwargs={"org": "org-a"})).status_code == 200
    assert client.get(reverse("executive-dashboard", kwargs={"org": "org-b"})).status_code == 404
    assert client.get(reverse("organisation-settings", kwargs={"org": "org-a"})).status_code == 403
    make_user("someone")  # an account with no organisation sees an empty dashboard
    client.force_login(make_user("nobody"))
    assert "ไม่มีหน่วยงานที่ตรงกับตัวกรอง" in client.get(reverse("supervisor")).content.decode()


def test_a_column_sorts_weakest_first_in_one_click_and_shows_its_direction(client, people):
    _organisations(3)  # totals 80, 81, 82
    client.force_login(people["supervisor"])
    page = client.get(reverse("supervisor") + "?year=2568").content.decode()
    head = page.split('<table class="grid" id="organisations">', 1)[1].split("</thead>", 1)[0]
    score_link = re.search(r'<a href="([^"]*)">คะแนน', head).group(1).replace("&amp;", "&")
    assert "sort=score_asc" in score_link  # one click: the weakest first
    assert 'value="๒๕๖๘"' in page  # the year box in the page's digits
    page = client.get(reverse("supervisor") + score_link).content.decode()
    table = page.split('<table class="grid" id="organisations">', 1)[1]
    names = re.findall(r"อบต\.ทดสอบ(\d)", table)
    assert names == ["0", "1", "2"]
    head = table.split("</thead>", 1)[0]
    assert re.search(r'aria-sort="ascending"><a href="[^"]*sort=score"', head)  # again: back
    assert "▲" in head and head.count("aria-sort") == 1


def test_an_opened_dashboard_leads_a_supervisor_back_to_the_overview(client, people, org_a):
    url = reverse("executive-dashboard", kwargs={"org": "org-a"}) + "?year=2569"
    client.force_login(people["supervisor"])
    assert f'href="{reverse("supervisor")}?year=2569"' in client.get(url).content.decode()
    client.force_login(people["exec_a"])  # the organisation's own executive: no overview
    assert f'href="{reverse("supervisor")}?year=' not in client.get(url).content.decode()
