"""What those who read rather than edit see: approvers the whole report they sign, everyone a
measure they may open, and no link that ends in a refusal."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.services import evidence_add, round_progress_save, standard_rounds
from measures.services.progress import ProgressInput

from ..factories import make_measure, make_user

pytestmark = pytest.mark.django_db

Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def two_units(org_a, people):
    """Two measures of two units, staff and the executive both members of กองคลัง."""
    with scopes_disabled():
        finance = org_a.unit_set.get(name="กองคลัง")
        office = org_a.unit_set.get(name="สำนักปลัด")
        for who in ("staff_a", "exec_a"):
            membership = people[who].memberships.get()
            membership.unit = finance
            membership.save()
    mine = make_measure(org_a, number=1, title="ของกองคลัง", units=[finance], end=None)
    other = make_measure(org_a, number=2, title="ของสำนักปลัด", units=[office])
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    return {"finance": finance, "mine": mine, "other": other, "round": six}


def _round_page(client, progress_round, query=""):
    url = reverse("round", kwargs={**Y, "pk": progress_round.pk}) + query
    return client.get(url).content.decode()


def test_staff_filling_a_draft_start_with_their_unit_and_are_told_what_is_hidden(
    client, people, two_units
):
    client.force_login(people["staff_a"])
    page = _round_page(client, two_units["round"])
    assert two_units["mine"].title in page and two_units["other"].title not in page
    assert "แสดง ๑ จาก ๒ มาตรการ" in page
    assert "?unit=all" in page  # one click to the whole round
    page = _round_page(client, two_units["round"], "?unit=all")
    assert two_units["other"].title in page and "แสดง ๑ จาก ๒" not in page


def test_an_executive_sees_every_measure_of_the_round_by_default(client, people, two_units):
    client.force_login(people["exec_a"])
    page = _round_page(client, two_units["round"])
    assert two_units["mine"].title in page and two_units["other"].title in page
    assert "จาก ๒ มาตรการ" not in page
    # a filter the executive chose still says what it hides
    page = _round_page(client, two_units["round"], f"?unit={two_units['finance'].pk}")
    assert two_units["other"].title not in page and "แสดง ๑ จาก ๒ มาตรการ" in page


def test_a_submitted_round_opens_whole_for_staff_too(client, people, two_units):
    from tests.factories import make_chain

    make_chain(two_units["round"].organisation, people["exec_a"])
    from measures.services import round_submit

    round_submit(progress_round=two_units["round"], user=people["staff_a"])
    client.force_login(people["staff_a"])
    page = _round_page(client, two_units["round"])
    assert two_units["other"].title in page and "จาก ๒ มาตรการ" not in page


# --- the read-only measure page -------------------------------------------------------------


@pytest.fixture
def reported(org_a, people, two_units):
    """The first measure with a round's progress and one piece of evidence."""
    measure = two_units["mine"]
    round_progress_save(
        progress_round=two_units["round"],
        entries=[
            ProgressInput(
                measure=measure,
                status="in_progress",
                summary="ประชุมชี้แจงแล้ว",
                results="ผู้เข้าร่วม ๔๐ คน",
                done_text="",
                done_on=None,
                suggestions="",
                expected_version=0,
            )
        ],
        evidence=[],
        user=people["staff_a"],
    )
    with scopes_disabled():
        progress = measure.progress.get()
    evidence_add(
        progress=progress,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
        title="ภาพการประชุม",
    )
    return measure


@pytest.mark.parametrize("who", ["exec_a", "supervisor", "staff_a"])
def test_the_measure_page_shows_the_plan_progress_evidence_and_history(
    client, people, reported, who
):
    client.force_login(people[who])
    page = client.get(reverse("measure", kwargs={**Y, "pk": reported.pk})).content.decode()
    for text in ("ของกองคลัง", "กองคลัง", "ประชุมชี้แจงแล้ว", "ผู้เข้าร่วม ๔๐ คน", "ภาพการประชุม"):
        assert text in page, text
    assert "รอบ ๖ เดือน" in page and "อยู่ระหว่างดำเนินการ" in page
    assert reverse("measure-history", kwargs={**Y, "pk": reported.pk}) in page
    edit = reverse("measure-edit", kwargs={**Y, "pk": reported.pk})
    assert (f'href="{edit}"' in page) is (who == "staff_a")  # edit controls for editors only


def test_the_measure_page_of_another_year_or_organisation_is_not_found(
    client, people, org_b, reported
):
    client.force_login(people["exec_a"])
    wrong_year = reverse("measure", kwargs={**Y, "year": 2568, "pk": reported.pk})
    assert client.get(wrong_year).status_code == 404
    other = make_measure(org_b, title="ของบี")
    assert client.get(reverse("measure", kwargs={**Y, "pk": other.pk})).status_code == 404


def _links(page):
    return set(re.findall(r'href="(/o/[^"#?]*)', page))


@pytest.mark.parametrize("who", ["exec_a", "supervisor"])
def test_no_link_on_a_readers_pages_leads_to_a_refusal(client, people, org_a, reported, who):
    """Year home (with an overdue measure), measures, rounds, a round, the measure page and its
    history: every organisation link on them opens for the reader."""
    import datetime

    late = make_measure(org_a, number=3, title="เลยกำหนดแล้ว", end=datetime.date(2026, 10, 15))
    make_user("spare", member_of=[(org_a, "staff")])
    client.force_login(people[who])
    pages = [
        reverse("year-home", kwargs=Y),
        reverse("measures", kwargs=Y),
        reverse("rounds", kwargs=Y),
        reverse("measure", kwargs={**Y, "pk": reported.pk}),
    ]
    with scopes_disabled():
        pages.append(reverse("round", kwargs={**Y, "pk": reported.progress.get().round_id}))
    seen, refused = set(), []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        for link in _links(response.content.decode()) - seen:
            seen.add(link)
            if link.endswith(".pdf"):
                continue
            if client.get(link).status_code == 403:
                refused.append((url, link))
    assert not refused
    assert reverse("measure", kwargs={**Y, "pk": late.pk}) in seen  # the year home's overdue list


# --- text boxes never show stored HTML ------------------------------------------------------


def test_text_boxes_show_stored_html_as_typed_text_and_an_unchanged_save_keeps_it(
    client, people, org_a, two_units
):
    from measures.models import Measure, Progress

    measure = two_units["mine"]
    stored = "<p>ได้จัดทำประกาศ</p><ol><li>ติดประกาศ</li><li>เผยแพร่ทางเว็บไซต์</li></ol>"
    with scopes_disabled():
        Measure.objects.filter(pk=measure.pk).update(target=stored)
        measure.steps.filter(order=1).update(text="<ul><li>ประชุม</li><li>ติดตาม</li></ul>")
        progress = Progress.objects.create(
            measure=measure, round=two_units["round"], status="in_progress", summary=stored
        )
    client.force_login(people["staff_a"])
    url = reverse("round", kwargs={**Y, "pk": two_units["round"].pk})
    page = client.get(url).content.decode()
    box = page.split('name="p-0-summary"', 1)[1].split("</textarea>", 1)[0]
    assert "&lt;p&gt;" not in box and "ได้จัดทำประกาศ\n๑. ติดประกาศ\n๒. เผยแพร่ทางเว็บไซต์" in box
    form = client.get(reverse("measure-edit", kwargs={**Y, "pk": measure.pk})).content.decode()
    assert "&lt;" not in form.split("<form", 1)[1]  # no tag in any box of the measure form

    # sent back as shown: nothing changes, not even the version
    response = client.post(
        url,
        {
            "p-TOTAL_FORMS": 1,
            "p-INITIAL_FORMS": 1,
            "p-0-measure": measure.pk,
            "p-0-version": progress.version,
            "p-0-status": "in_progress",
            "p-0-summary": "ได้จัดทำประกาศ\r\n๑. ติดประกาศ\r\n๒. เผยแพร่ทางเว็บไซต์",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        again = Progress.objects.get(pk=progress.pk)
    assert (again.summary, again.version) == (stored, progress.version)
    # edited: saved as the typed text, which documents read as the same list
    client.post(
        url,
        {
            "p-TOTAL_FORMS": 1,
            "p-INITIAL_FORMS": 1,
            "p-0-measure": measure.pk,
            "p-0-version": progress.version,
            "p-0-status": "in_progress",
            "p-0-summary": "ได้จัดทำประกาศ\r\n๑. ติดประกาศ\r\n๒. เผยแพร่ทางเว็บไซต์\r\n๓. ประชุม",
        },
    )
    with scopes_disabled():
        assert Progress.objects.get(pk=progress.pk).summary.endswith("๓. ประชุม")


# --- one navigation for the year's cycle ----------------------------------------------------


def test_results_analysis_and_year_pages_share_one_navigation(client, people, org_a):
    client.force_login(people["staff_a"])
    results = client.get(reverse("results", kwargs={"org": "org-a", "year": 2568})).content
    year_home = client.get(reverse("year-home", kwargs=Y)).content

    def nav(page):
        return page.decode().split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]

    strip = re.compile(r'\s*aria-current="page"')
    assert strip.sub("", nav(results)) == strip.sub("", nav(year_home))
    assert reverse("results", kwargs={"org": "org-a", "year": 2568}) in nav(year_home)
    assert reverse("measures", kwargs=Y) in nav(results)
    assert re.search(r'href="/o/org-a/2568/results/" aria-current="page"', nav(results))
    # a year whose previous year has no framework offers no results link (it would be a 404)
    page = client.get(reverse("year-home", kwargs={**Y, "year": 2567})).content
    assert "/2566/results/" in nav(page)
    page = client.get(reverse("year-home", kwargs={**Y, "year": 2571})).content
    assert "/results/" not in nav(page)


def test_each_standard_round_is_made_on_its_own_and_its_button_goes_once_it_exists(
    client, people, org_a
):
    from measures.models import ProgressRound

    client.force_login(people["staff_a"])
    url = reverse("rounds", kwargs=Y)
    page = client.get(url).content.decode()
    assert "สร้างรอบ ๖ เดือน" in page and "สร้างรอบ ๑๒ เดือน" in page
    response = client.post(url, {"standard": "twelve"})
    with scopes_disabled():
        made = ProgressRound.objects.get(organisation=org_a)
    assert made.name == "รอบ ๑๒ เดือน"
    assert response.url == reverse("round", kwargs={**Y, "pk": made.pk})  # straight to it
    page = client.get(url).content.decode()
    assert 'name="standard" value="six"' in page and 'value="twelve"' not in page
    client.post(url, {"standard": "six"})
    assert 'id="standard-rounds"' not in client.get(url).content.decode()
    with scopes_disabled():
        assert ProgressRound.objects.filter(organisation=org_a).count() == 2


def test_a_row_left_as_shown_stays_alone_when_someone_else_changed_its_stored_html(
    client, people, org_a, two_units
):
    """A opens the round while the summary is stored HTML; B saves new text; A saves the page
    without touching the row: nothing is refused and B's text stays."""
    from measures.models import Progress
    from measures.services import round_progress_save

    measure = two_units["mine"]
    stored = "<ol><li>ติดประกาศ</li><li>เผยแพร่</li></ol>"
    with scopes_disabled():
        progress = Progress.objects.create(
            measure=measure, round=two_units["round"], status="in_progress", summary=stored
        )
    shown_version = progress.version
    round_progress_save(
        progress_round=two_units["round"],
        entries=[
            ProgressInput(
                measure=measure,
                status="in_progress",
                summary="ข้อความใหม่ของ B",
                expected_version=shown_version,
            )
        ],
        user=people["exec_a"],
    )
    client.force_login(people["staff_a"])
    url = reverse("round", kwargs={**Y, "pk": two_units["round"].pk})
    response = client.post(
        url,
        {
            "p-TOTAL_FORMS": 1,
            "p-INITIAL_FORMS": 1,
            "p-0-measure": measure.pk,
            "p-0-version": shown_version,
            "p-0-status": "in_progress",
            "p-0-summary": "๑. ติดประกาศ\r\n๒. เผยแพร่",  # as A's page showed it
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Progress.objects.get(pk=progress.pk).summary == "ข้อความใหม่ของ B"


def test_the_measure_list_groups_like_the_monitoring_report(client, people, org_a):
    """Issue 15: the list groups as the documents do — by the tool and indicator each measure
    addresses (directly, through a question or an OIT item), in the indicators' order, a
    measure under each of its indicators, those without one last — the grouping R4 prints,
    from the one function both call."""
    from assessments.models import Framework
    from reports.documents import DOCUMENTS

    with scopes_disabled():
        framework = Framework.objects.get(fiscal_year=2568)
        indicator = {i.number: i for i in framework.indicators.select_related("tool")}
        question = framework.questions.filter(indicator__tool__code="EIT").first()
        item = framework.oit_items.select_related("sub_indicator__indicator").first()
    first = make_measure(org_a, 2569, 1, title="มาตรการไม่ระบุตัวชี้วัด")
    second = make_measure(org_a, 2569, 2, title="มาตรการของข้อคำถาม EIT")
    third = make_measure(org_a, 2569, 3, title="มาตรการสองตัวชี้วัด")
    with scopes_disabled():
        second.questions.set([question])
        third.indicators.set([indicator[1]])
        third.oit_items.set([item])
        (six,) = standard_rounds(organisation=org_a, fiscal_year=2569, kinds=["six"])
    client.force_login(people["staff_a"])
    page = client.get(reverse("measures", kwargs={"org": "org-a", "year": 2569})).content.decode()
    listed = []
    for heading, body in re.findall(r"<h2>(.*?)</h2>\s*<table(.*?)</table>", page, re.S):
        titles = re.findall(r">(มาตรการ[^<]*)</a>", body)
        listed.append((re.sub(r"<[^>]+>", "", heading).strip(), titles))
    eit, oit = question.indicator.number, item.sub_indicator.indicator.number
    assert 1 < eit < oit  # IIT's first, an EIT indicator, an OIT indicator
    assert listed == [
        (f"IIT · {indicator[1]}", ["มาตรการสองตัวชี้วัด"]),
        (f"EIT · {indicator[eit]}", ["มาตรการของข้อคำถาม EIT"]),
        (f"OIT · {indicator[oit]}", ["มาตรการสองตัวชี้วัด"]),
        ("มาตรการที่ไม่ได้ระบุตัวชี้วัด", ["มาตรการไม่ระบุตัวชี้วัด"]),
    ]
    assert listed[-1][0] == "มาตรการที่ไม่ได้ระบุตัวชี้วัด"
    with scopes_disabled():
        printed = DOCUMENTS["r4"](six).context()["groups"]
    assert [[m["title"] for m, _issue in g["measures"]] for g in printed] == [t for _h, t in listed]
    assert first.pk and third.pk


def test_the_list_and_the_documents_order_the_kinds_alike(client, people, org_a):
    """Within a group, measures, projects, activities and guidelines come in the order the
    kinds are declared, then by number: in the measures list and in what R1 and R4 print;
    the list names each row's kind."""
    from reports.documents import DOCUMENTS

    make_measure(org_a, 2569, 1, title="มาตรการกิจกรรม", kind="activity")
    make_measure(org_a, 2569, 1, title="มาตรการหลัก", kind="measure")
    make_measure(org_a, 2569, 1, title="มาตรการโครงการ", kind="project")
    with scopes_disabled():
        (six,) = standard_rounds(organisation=org_a, fiscal_year=2569, kinds=["six"])
    client.force_login(people["staff_a"])
    page = client.get(reverse("measures", kwargs={"org": "org-a", "year": 2569})).content.decode()
    listed = re.findall(r'<td><a href="[^"]*">(มาตรการ[^<]*)</a>', page)
    expected = ["มาตรการหลัก", "มาตรการโครงการ", "มาตรการกิจกรรม"]
    assert listed == expected
    # grouped by indicator, each row still says which kind it is
    kinds = re.findall(r'<td><a href="[^"]*">มาตรการ[^<]*</a> <small class="kind">\((.*?)\)', page)
    assert kinds == ["มาตรการ", "โครงการ", "กิจกรรม"]
    with scopes_disabled():
        (group,) = DOCUMENTS["r4"](six).context()["groups"]
        r1 = DOCUMENTS["r1"](six).context()["rows"]
    assert [m["title"] for m, _issue in group["measures"]] == expected
    assert [m["title"] for m in r1] == expected


def test_a_saved_measure_and_its_frozen_content_name_the_same_indicators(org_a):
    """The list groups saved measures (model_indicators), the documents group frozen content
    (content_indicators): for one measure the two must name the same indicators, or the list
    and R4 would group it differently."""
    from assessments.models import Framework
    from measures.grouping import content_indicators, model_indicators
    from measures.models import Measure
    from measures.report_content import measures_content

    with scopes_disabled():
        framework = Framework.objects.get(fiscal_year=2568)
        indicators = list(framework.indicators.order_by("number")[:2])
        questions = list(framework.questions.filter(indicator__tool__code="EIT")[:2])
        items = list(framework.oit_items.all()[:2])
    measure = make_measure(org_a, 2569, 1, title="มาตรการหลายตัวชี้วัด")
    with scopes_disabled():
        measure.indicators.set(indicators)
        measure.questions.set(questions)
        measure.oit_items.set(items)
        saved = Measure.objects.prefetch_related(
            "indicators__tool",
            "questions__indicator__tool",
            "oit_items__sub_indicator__indicator__tool",
        ).get(pk=measure.pk)
        (frozen,) = measures_content(org_a, 2569)

    def key(i):
        return (i["number"], i["tool"], i["name"])

    named = sorted(model_indicators(saved), key=key)
    assert len(named) == 6 and {i["tool"] for i in named} >= {"EIT", "OIT"}
    assert named == sorted(content_indicators(frozen), key=key)
