"""One digit style per page: what a form shows in its boxes (a score, a number, a year, a
date) is in the page's digits like the rest of the page — Thai unless set otherwise."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.services import standard_rounds

from .factories import make_measure, record_results

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}
# boxes whose value is not a number a person reads: addresses, hidden bookkeeping
SKIP_TYPES = {"hidden", "url", "email", "password", "file", "submit", "checkbox", "radio"}


def shown_values(page):
    """(name, value) of every visible box and text area of the page's forms."""
    boxes = []
    for tag in re.findall(r"<input\b[^>]*>", page):
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        name = re.search(r'name="([^"]+)"', tag)
        if value and name and (kind.group(1) if kind else "text") not in SKIP_TYPES:
            boxes.append((name.group(1), value.group(1)))
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        boxes.append((match.group(1), match.group(2)))
    return boxes


def test_form_boxes_show_numbers_in_the_pages_thai_digits(client, people, org_a):
    measure = make_measure(org_a, number=3, title="มาตรการที่ ๓")
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    record_results(org_a, 2568, total=92.89, tools={("IIT", 0): 97.5})
    client.force_login(people["staff_a"])
    pages = {
        "measure-edit": reverse("measure-edit", kwargs={**Y, "pk": measure.pk}),
        "measure-new": reverse("measure-new", kwargs=Y),
        "round": reverse("round", kwargs={**Y, "pk": six.pk}) + "?unit=all",
        "rounds": reverse("rounds", kwargs=Y),
        "results-edit": reverse("results-edit", kwargs={"org": "org-a", "year": 2568}),
        "measures": reverse("measures", kwargs={**Y, "year": 2570}),
        "issue-new": reverse("issue-new", kwargs={"org": "org-a", "year": 2568}),
        "oit-checklist": reverse("oit-checklist", kwargs=Y),
        "analysis-draft": reverse("analysis-draft", kwargs={"org": "org-a", "year": 2568}),
    }
    arabic = []
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, label
        for name, value in shown_values(response.content.decode()):
            if re.search(r"[0-9]", value):
                arabic.append((label, name, value))
    client.force_login(people["admin"])  # the platform admin's framework page and its forms
    for name, value in shown_values(client.get(reverse("framework-list")).content.decode()):
        if re.search(r"[0-9]", value):
            arabic.append(("framework-list", name, value))
    assert not arabic


@pytest.mark.parametrize("typed, read", [("๕", 5), ("12", 12), (" ๑๒ ", 12), ("", None)])
def test_a_whole_number_is_read_in_either_digits(typed, read):
    from kernel.forms import ThaiIntegerField

    assert ThaiIntegerField(required=False).clean(typed) == read


@pytest.mark.parametrize("typed", ["1_000", "٣", "๑.๕", "สาม", "1e3"])
def test_anything_else_is_refused_in_thai(typed):
    from django.core.exceptions import ValidationError

    from kernel.forms import ThaiIntegerField

    with pytest.raises(ValidationError) as refused:
        ThaiIntegerField().clean(typed)
    assert refused.value.messages == ["กรุณาพิมพ์ตัวเลขจำนวนเต็ม เช่น ๓"]


@pytest.mark.parametrize("typed", ["²", "٢٥٦٩", "2_569", "๒๕๖๙.๐", "02569", "๐๒๕๖๙"])
def test_every_place_that_reads_a_year_refuses_look_alike_digits_in_thai(
    typed, client, people, org_a
):
    """``"²".isdigit()`` is true and ``int("²")`` fails: each box or address that takes a year
    reads it through the one rule (kernel.thai.whole_number), so none answers with an error
    page or takes Arabic-Indic digits for a year."""
    from django.core.exceptions import ValidationError

    from assessments.forms import FiscalYearField

    with pytest.raises(ValidationError) as refused:
        FiscalYearField().clean(typed)
    assert refused.value.messages == ["กรุณาพิมพ์ปีงบประมาณเป็นปี พ.ศ. ๔ หลัก เช่น ๒๕๖๙"]
    client.force_login(people["supervisor"])
    assert client.get(reverse("supervisor"), {"year": typed}).status_code == 200
    url = reverse("executive-dashboard", kwargs={"org": org_a.code})
    assert client.get(url, {"year": typed}).status_code == 200
    client.force_login(people["staff_a"])
    url = reverse("organisation", kwargs={"org": org_a.code})
    response = client.get(url, {"open_year": typed}, follow=True)
    assert "ปีงบประมาณต้องเป็นปี พ.ศ." in response.content.decode()


@pytest.mark.parametrize("typed", ["²", "٣"])
def test_a_look_alike_number_in_an_address_is_ignored_not_an_error_page(
    typed, client, people, org_a
):
    """The unit filter, the indicator a new issue starts from and a report's version number:
    read through kernel.thai.whole_number, so "²" is "not a number" rather than a 500."""
    record_results(org_a, 2568, total=80)
    with scopes_disabled():
        (progress_round,) = standard_rounds(organisation=org_a, fiscal_year=2569, kinds=["six"])
    client.force_login(people["staff_a"])
    kw = {"org": org_a.code, "year": 2569}
    round_url = reverse("round", kwargs={**kw, "pk": progress_round.pk})
    assert client.get(round_url, {"unit": typed}).status_code == 200
    issue_url = reverse("issue-new", kwargs={"org": org_a.code, "year": 2568})
    assert client.get(issue_url, {"indicator": typed}).status_code == 200
    report = reverse("report", kwargs={**kw, "code": "r1", "pk": progress_round.pk, "fmt": "xlsx"})
    assert client.get(report, {"version": typed}).status_code == 200
