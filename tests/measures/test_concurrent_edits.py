"""Two people saving the same record from pages they opened at the same time: the second save
is refused with a Thai message saying who saved what, and the second person's input stays in the
form — also when the record did not exist yet when both opened the page (version 0), and a save
without the version the page showed is refused."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from assessments.models import OITItem
from measures.models import Measure, OITChecklistEntry, Progress
from measures.services import standard_rounds

from ..factories import make_measure
from ..pages import input_value

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_staff(people, org_a):
    from ..factories import make_user

    other = make_user("staff-a2", member_of=[(org_a, "staff")])
    return logged_in(people["staff_a"]), logged_in(other)


# --- the round screen ----------------------------------------------------------------------


@pytest.fixture
def round_page(org_a):
    first = make_measure(org_a, number=1, title="มาตรการที่หนึ่ง")
    second = make_measure(org_a, number=2, title="มาตรการที่สอง")
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    url = reverse("round", kwargs={**Y, "pk": six.pk}) + "?unit=all"
    return url, first, second


def round_post(page, rows):
    """What a browser posts from ``page`` with the rows' fields typed in (by row index)."""
    data = {"p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "2"}
    for i in range(2):
        for name in ("measure", "version"):
            data[f"p-{i}-{name}"] = input_value(page, f"p-{i}-{name}")
        data[f"p-{i}-status"] = "not_started"
        data.update({f"p-{i}-{k}": v for k, v in rows.get(i, {}).items()})
    return data


def test_two_first_saves_of_a_progress_row_the_second_is_refused(two_staff, round_page):
    one, two = two_staff
    url, first, _second = round_page
    page_one = one.get(url).content.decode()
    page_two = two.get(url).content.decode()
    assert input_value(page_one, "p-0-version") == "0"  # no record yet when the page opened

    typed_one = {0: {"status": "in_progress", "summary": "ข้อความของคนแรก"}}
    assert one.post(url, round_post(page_one, typed_one)).status_code == 302
    typed_two = {0: {"status": "done", "summary": "ข้อความของคนที่สอง"}}
    response = two.post(url, round_post(page_two, typed_two))

    page = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ได้บันทึก: คุณ staff-a บันทึก" in page
    assert "สรุปผลการดำเนินการ: “—” → “ข้อความของคนแรก”" in page
    assert "สถานะ: “ยังไม่ได้ดำเนินการ” → “อยู่ระหว่างดำเนินการ”" in page
    assert "ข้อความของคนที่สอง" in page  # the second person's input is still in the form
    with scopes_disabled():
        assert Progress.objects.get(measure=first).summary == "ข้อความของคนแรก"


def test_after_the_refusal_saving_again_is_a_deliberate_overwrite(two_staff, round_page):
    one, two = two_staff
    url, first, _second = round_page
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()
    one.post(url, round_post(page_one, {0: {"status": "in_progress", "summary": "ของคนแรก"}}))
    refused = two.post(url, round_post(page_two, {0: {"summary": "ของคนที่สอง"}}))
    # the refusal page carries the version now stored: saving it again is a choice made
    # knowing what the first person wrote
    again = round_post(refused.content.decode(), {0: {"summary": "ของคนที่สอง"}})
    assert two.post(url, again).status_code == 302
    with scopes_disabled():
        assert Progress.objects.get(measure=first).summary == "ของคนที่สอง"


def test_rows_the_second_person_did_not_touch_keep_the_first_persons_work(two_staff, round_page):
    one, two = two_staff
    url, first, second = round_page
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()
    one.post(url, round_post(page_one, {0: {"status": "in_progress", "summary": "แถวหนึ่ง"}}))
    response = two.post(url, round_post(page_two, {1: {"status": "done", "summary": "แถวสอง"}}))
    assert response.status_code == 302
    with scopes_disabled():
        assert Progress.objects.get(measure=first).summary == "แถวหนึ่ง"
        assert Progress.objects.get(measure=second).summary == "แถวสอง"


@pytest.mark.parametrize("version", [None, "", "abc", "-1"])
def test_a_progress_save_without_a_good_version_is_refused(two_staff, round_page, version):
    one, _two = two_staff
    url, first, _second = round_page
    data = round_post(one.get(url).content.decode(), {0: {"summary": "ไม่มีเลขฉบับ"}})
    if version is None:
        del data["p-0-version"]
    else:
        data["p-0-version"] = version
    response = one.post(url, data)
    assert response.status_code == 200
    assert "กรุณาเปิดหน้านี้ใหม่" in response.content.decode()
    with scopes_disabled():
        assert not Progress.objects.filter(measure=first).exists()


# --- the OIT checklist ---------------------------------------------------------------------


CHECKLIST = {"org": "org-a", "year": 2566}


def checklist_post(page, **typed):
    """Every O-item's row as the page shows it, with O1's fields typed in."""
    data = {}
    for item in OITItem.objects.filter(framework__fiscal_year=2566):
        data[f"o{item.number}-status"] = "not_started"
        data[f"o{item.number}-version"] = input_value(page, f"o{item.number}-version")
    data.update({f"o1-{k}": v for k, v in typed.items()})
    return data


def test_two_first_saves_of_a_checklist_row_the_second_is_refused(two_staff):
    one, two = two_staff
    url = reverse("oit-checklist", kwargs=CHECKLIST)
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()
    assert input_value(page_one, "o1-version") == "0"

    first = checklist_post(page_one, status="in_progress", url="https://www.org-a.go.th/first")
    assert one.post(url, first).status_code == 302
    second = checklist_post(page_two, status="done", url="https://www.org-a.go.th/second")
    response = two.post(url, second)

    page = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ได้บันทึก: คุณ staff-a บันทึก" in page
    assert "ลิงก์ที่เผยแพร่: “—” → “https://www.org-a.go.th/first”" in page
    assert "https://www.org-a.go.th/second" in page  # the second person's input stays
    with scopes_disabled():
        entry = OITChecklistEntry.objects.get(item__code="O1", item__framework__fiscal_year=2566)
    assert entry.url == "https://www.org-a.go.th/first"


def test_ticked_components_of_another_person_are_not_lost(two_staff):
    one, two = two_staff
    url = reverse("oit-checklist", kwargs=CHECKLIST)
    o1 = OITItem.objects.get(framework__fiscal_year=2566, code="O1")
    components = [c.pk for c in o1.components.all()]
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()
    one.post(url, checklist_post(page_one, components_done=components[:1]))
    response = two.post(url, checklist_post(page_two, components_done=components[1:2]))
    assert response.status_code == 200
    assert "องค์ประกอบที่ครบแล้ว: “—” → “๑ รายการ”" in response.content.decode()
    with scopes_disabled():
        entry = OITChecklistEntry.objects.get(item=o1)
    assert [c.pk for c in entry.components_done.all()] == components[:1]


def test_a_checklist_save_without_a_version_is_refused(two_staff):
    one, _two = two_staff
    url = reverse("oit-checklist", kwargs=CHECKLIST)
    data = checklist_post(one.get(url).content.decode(), url="https://www.org-a.go.th/x")
    del data["o1-version"]
    response = one.post(url, data)
    assert response.status_code == 200
    assert "กรุณาเปิดหน้านี้ใหม่" in response.content.decode()
    with scopes_disabled():
        assert not OITChecklistEntry.objects.exists()


# --- measures --------------------------------------------------------------------------------


def test_a_measure_save_without_a_version_is_refused(two_staff, org_a):
    one, _two = two_staff
    measure = make_measure(org_a, title="ชื่อเดิม")
    url = reverse("measure-edit", kwargs={**Y, "pk": measure.pk})
    data = {
        "number": 1,
        "kind": "measure",
        "title": "ชื่อใหม่",
        "deadlines-TOTAL_FORMS": 0,
        "deadlines-INITIAL_FORMS": 0,
    }
    response = one.post(url, data)
    assert response.status_code == 200
    assert "กรุณาเปิดหน้านี้ใหม่" in response.content.decode()
    with scopes_disabled():
        assert Measure.objects.get(pk=measure.pk).title == "ชื่อเดิม"
    assert input_value(one.get(reverse("measure-new", kwargs=Y)).content, "version") == "0"


def test_after_a_refused_measure_save_saving_again_goes_through(two_staff, org_a):
    one, two = two_staff
    measure = make_measure(org_a, title="ชื่อเดิม")
    url = reverse("measure-edit", kwargs={**Y, "pk": measure.pk})
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()

    def typed(page, title):
        return {
            "number": 1,
            "kind": "measure",
            "title": title,
            "version": input_value(page, "version"),
            "deadlines-TOTAL_FORMS": 0,
            "deadlines-INITIAL_FORMS": 0,
        }

    assert one.post(url, typed(page_one, "ชื่อของคนแรก")).status_code == 302
    refused = two.post(url, typed(page_two, "ชื่อของคนที่สอง"))
    assert refused.status_code == 200 and "ยังไม่ได้บันทึก" in refused.content.decode()
    assert two.post(url, typed(refused.content.decode(), "ชื่อของคนที่สอง")).status_code == 302
    with scopes_disabled():
        assert Measure.objects.get(pk=measure.pk).title == "ชื่อของคนที่สอง"


def test_after_a_refused_checklist_save_saving_again_goes_through(two_staff):
    one, two = two_staff
    url = reverse("oit-checklist", kwargs=CHECKLIST)
    page_one, page_two = one.get(url).content.decode(), two.get(url).content.decode()
    one.post(url, checklist_post(page_one, url="https://www.org-a.go.th/first"))
    refused = two.post(url, checklist_post(page_two, url="https://www.org-a.go.th/second"))
    assert input_value(refused.content, "o2-version") == "0"  # rows not refused keep theirs
    again = checklist_post(refused.content.decode(), url="https://www.org-a.go.th/second")
    assert two.post(url, again).status_code == 302
    with scopes_disabled():
        entry = OITChecklistEntry.objects.get(item__code="O1", item__framework__fiscal_year=2566)
    assert entry.url == "https://www.org-a.go.th/second"
