"""Honest dates: a signature bears the date its signer sets (past work recorded after the
fact), the documents print that date, the history keeps it and when it was recorded; a date
outside the round's range asks first; the last approval needs every signer's name and
position, and no login name is ever printed in their place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from kernel import thai
from measures.models import Measure, Progress, ProgressRound, RoundDecision
from measures.services import round_decide, round_submit, standard_rounds
from organisations.models import Membership
from reports.documents import DOCUMENTS

from ..factories import make_chain, make_measure, make_user
from ..pages import input_value, visible_text
from ..reports_helpers import compact, pdf_text

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}
IN_RANGE = {"signed_on": "๒๐/๐๔/๒๕๖๙"}  # within the 6-month round's range, whatever today is


@pytest.fixture
def submitted(org_a, people):
    """Org A's 6-month round of 2569 (1 Oct 2568 – 31 Mar 2569), submitted; chain: exec_a."""
    make_chain(org_a, people["exec_a"])
    make_measure(org_a, number=1, title="มาตรการเปิดเผยข้อมูล")
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    round_submit(progress_round=six, user=people["staff_a"], signed_on=datetime.date(2026, 4, 2))
    return six


def url(name, progress_round):
    return reverse(name, kwargs={**Y, "pk": progress_round.pk})


@scopes_disabled()  # the test's own look at the database
def decisions(action):
    return list(RoundDecision.objects.filter(action=action))


@scopes_disabled()  # the test's own look at the database
def state(progress_round):
    return ProgressRound.objects.get(pk=progress_round.pk).state


def test_the_signer_sets_the_date_borne_and_the_documents_print_it(client, people, submitted):
    client.force_login(people["exec_a"])
    page = visible_text(client.get(url("round-approve", submitted)).content)
    assert "วันที่ลงนาม" in page
    before = timezone.now()
    response = client.post(url("round-approve", submitted), {"signed_on": "๒๐/๐๔/๒๕๖๙"})
    assert response.status_code == 302
    (decision,) = decisions("approve")
    assert decision.signed_on == datetime.date(2026, 4, 20)  # the date borne
    assert decision.at >= before  # and when it was recorded, both kept
    with scopes_disabled():
        history = RoundDecision.history.filter(id=decision.pk).first()
    assert (history.signed_on, history.at) == (decision.signed_on, decision.at)
    with scopes_disabled():
        approved = ProgressRound.objects.get(pk=submitted.pk)
    for code in ("r5", "r1"):
        text = compact(pdf_text(DOCUMENTS[code](approved).pdf()[0]))
        assert "๒๐เมษายน๒๕๖๙" in text, code  # the approval
        assert code != "r5" or "๒เมษายน๒๕๖๙" in text  # the submission, set by the staff
        today = compact(thai.format_date(timezone.localdate()))
        assert today not in text, code  # the date of recording is not printed


def test_an_empty_date_means_today(client, people, submitted):
    client.force_login(people["exec_a"])
    empty = {"signed_on": "", "confirm_date": "1"}  # whatever today is, relative to the round
    assert client.post(url("round-approve", submitted), empty).status_code == 302
    assert decisions("approve")[0].signed_on == timezone.localdate()


@pytest.mark.parametrize(
    "typed, question",
    [
        ("๑๕/๐๙/๒๕๖๘", "อยู่ก่อนวันเริ่มรอบรายงาน"),  # before the round's start
        ("01/01/2600", "อยู่หลังวันนี้"),  # after today
    ],
)
def test_a_date_outside_the_round_asks_for_confirmation(client, people, submitted, typed, question):
    client.force_login(people["exec_a"])
    response = client.post(url("round-approve", submitted), {"signed_on": typed})
    assert response.status_code == 200
    text = visible_text(response.content)
    assert question in text and "ยืนยันวันที่" in text
    assert decisions("approve") == [] and state(submitted) == "submitted"  # nothing changed
    confirmed = {"signed_on": typed, "confirm_date": "1"}
    assert client.post(url("round-approve", submitted), confirmed).status_code == 302
    assert state(submitted) == "approved"


def test_signing_long_after_the_round_asks_for_the_real_date(client, org_a, people):
    """A FY2564 report recorded in 2569 would otherwise be signed in 2569."""
    make_chain(org_a, people["exec_a"])
    make_measure(org_a, 2564, 1, title="มาตรการย้อนหลัง")
    six = standard_rounds(organisation=org_a, fiscal_year=2564)[0]
    round_submit(progress_round=six, user=people["staff_a"], signed_on=datetime.date(2021, 4, 5))
    client.force_login(people["exec_a"])
    text = visible_text(client.post(url("round-approve", six).replace("2569", "2564"), {}).content)
    assert "นานเกินหนึ่งปี" in text and "กรุณาระบุวันที่ที่ลงนามจริง" in text
    response = client.post(
        url("round-approve", six).replace("2569", "2564"), {"signed_on": "๙/๔/๒๕๖๔"}
    )
    assert response.status_code == 302
    assert decisions("approve")[0].signed_on == datetime.date(2021, 4, 9)


def test_an_unreadable_date_is_refused_in_thai(client, people, submitted):
    client.force_login(people["exec_a"])
    response = client.post(url("round-approve", submitted), {"signed_on": "๓๒/๑๓/๒๕๖๙"})
    assert response.status_code == 200 and decisions("approve") == []
    assert "ไม่มีวันที่" in visible_text(response.content) or "อ่านวันที่" in visible_text(response.content)


def test_the_last_approval_needs_every_signers_name_and_position(client, org_a, people):
    mayor = make_user("mayor-a", member_of=[(org_a, "executive")])
    make_chain(org_a, people["exec_a"], mayor)
    make_measure(org_a, number=1, title="มาตรการเปิดเผยข้อมูล")
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    with scopes_disabled():  # as the admin left them: no name for the staff, no position
        people["staff_a"].full_name = ""
        people["staff_a"].save()
        Membership.objects.filter(user=mayor).update(position="")
    round_submit(progress_round=six, user=people["staff_a"])
    six = round_decide(progress_round=six, user=people["exec_a"], approve=True)  # not the last
    client.force_login(mayor)
    response = client.get(url("round-approve", six), follow=True)
    text = visible_text(response.content)
    assert "staff-a ยังไม่มีชื่อ-นามสกุล" in text and "คุณ mayor-a ยังไม่มีตำแหน่ง" in text
    assert client.post(url("round-approve", six), IN_RANGE).status_code == 302
    assert state(six) == "submitted"  # refused: nothing signed
    with scopes_disabled():
        people["staff_a"].full_name = "นางสาวสมใจ ใจดี"
        people["staff_a"].save()
        Membership.objects.filter(user=mayor).update(position="นายกองค์การบริหารส่วนตำบล")
    assert client.post(url("round-approve", six), IN_RANGE).status_code == 302
    assert state(six) == "approved"
    text = compact(pdf_text(DOCUMENTS["r5"](six).pdf()[0]))
    assert compact("นางสาวสมใจ ใจดี") in text and "นายกองค์การบริหารส่วนตำบล" in text
    assert "staff-a" not in text  # the account that had no name is printed by its name
    with scopes_disabled():
        assert Measure.objects.filter(organisation=org_a).count() == 1


# --- a measure's dates before its fiscal year: asked, not refused -------------------------------


def measure_post(client, **extra):
    return client.post(
        reverse("measure-new", kwargs=Y),
        {
            "number": 1,
            "kind": "measure",
            "title": "มาตรการทดสอบ",
            "end_date": "31/03/2569",
            "version": 0,
            "deadlines-TOTAL_FORMS": 1,
            "deadlines-INITIAL_FORMS": 0,
            "deadlines-0-label": "รายงานผล",
            "deadlines-0-due_date": "๑๕/๐๑/๒๕๖๘",  # a year too early: FY2569 starts 1 Oct 2568
            **extra,
        },
    )


def test_a_deadline_before_the_fiscal_year_asks_for_confirmation(client, people):
    client.force_login(people["staff_a"])
    response = measure_post(client)
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "๑๕ มกราคม ๒๕๖๘ อยู่ก่อนเริ่มปีงบประมาณ" in text and "ยืนยันวันที่" in text
    with scopes_disabled():
        assert not Measure.objects.exists()  # nothing saved until confirmed
    assert measure_post(client, confirm_date="1").status_code == 302
    with scopes_disabled():
        assert Measure.objects.get().deadlines.get().due_date == datetime.date(2025, 1, 15)


def test_a_done_date_after_the_round_asks_for_confirmation(client, org_a, people):
    make_measure(org_a, number=1, title="มาตรการเปิดเผยข้อมูล")
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    client.force_login(people["staff_a"])
    page = client.get(url("round", six)).content
    data = {"p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "1", "p-0-status": "done"}
    data["p-0-summary"] = "เผยแพร่ประกาศแล้ว"
    data.update({f"p-0-{n}": input_value(page, f"p-0-{n}") for n in ("measure", "version")})
    data["p-0-done_on"] = "๑๕/๐๖/๒๕๖๙"  # after the 6-month round's end, 31 Mar 2569
    response = client.post(url("round", six), data)
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "๑๕ มิถุนายน ๒๕๖๙ อยู่หลังวันสิ้นสุดรอบรายงาน" in text and "ยืนยันวันที่" in text
    with scopes_disabled():
        assert not Progress.objects.exists()
    assert client.post(url("round", six), {**data, "confirm_date": "1"}).status_code == 302
    with scopes_disabled():
        assert Progress.objects.get().done_on == datetime.date(2026, 6, 15)
