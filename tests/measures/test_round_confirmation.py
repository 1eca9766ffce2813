"""Submitting a round report saves what is on the screen first, then asks for confirmation on a
page that summarises the report; approving, sending back and publishing are confirmed too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.models import Progress, ProgressRound, RoundDecision
from measures.services import evidence_add, round_decide, round_submit, standard_rounds

from ..factories import make_chain, make_measure, make_user
from ..pages import input_value, visible_text

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def report(org_a, people):
    """Two measures in the 6-month round; the chain: the executive, then the mayor."""
    mayor = make_user("mayor-a", member_of=[(org_a, "executive")])
    make_chain(org_a, people["exec_a"], mayor)
    first = make_measure(org_a, number=1, title="มาตรการเปิดเผยข้อมูล")
    second = make_measure(org_a, number=2, title="มาตรการประชุมพนักงาน")
    six = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    return {"round": six, "first": first, "second": second, "mayor": mayor}


def url(name, report):
    return reverse(name, kwargs={**Y, "pk": report["round"].pk})


@scopes_disabled()  # the test's own look at the database
def state(report):
    return ProgressRound.objects.get(pk=report["round"].pk).state


def typed_round(page, **rows):
    data = {"p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "2"}
    for i in range(2):
        for name in ("measure", "version"):
            data[f"p-{i}-{name}"] = input_value(page, f"p-{i}-{name}")
        data[f"p-{i}-status"] = "not_started"
    for i, typed in rows.items():
        data.update({f"p-{i[1:]}-{k}": v for k, v in typed.items()})
    return data


def submitted(report, people):
    """The report as submitted, with the first measure done and its evidence attached."""
    progress = Progress.objects.create(
        measure=report["first"], round=report["round"], status="done", summary="เผยแพร่แล้ว"
    )
    evidence_add(
        progress=progress, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), title="ประกาศ"
    )
    return round_submit(progress_round=report["round"], user=people["staff_a"])


# --- submit ----------------------------------------------------------------------------------


def test_submitting_saves_what_was_typed_then_asks_for_confirmation(client, people, report):
    client.force_login(people["staff_a"])
    round_url = url("round", report) + "?unit=all"
    page = client.get(round_url).content.decode()
    data = typed_round(
        page, r0={"status": "done", "summary": "เผยแพร่บนเว็บไซต์แล้ว"}, r1={"status": "in_progress"}
    )
    data["then"] = "submit"  # the submit button belongs to the progress form
    response = client.post(round_url, data)

    assert response.status_code == 302 and response["Location"] == url("round-submit", report)
    with scopes_disabled():
        assert Progress.objects.get(measure=report["first"]).summary == "เผยแพร่บนเว็บไซต์แล้ว"
    assert state(report) == "draft"  # not sent until confirmed
    text = visible_text(client.get(response["Location"]).content)
    assert "แล้วเสร็จ ๑/๒ · ไม่มีหลักฐาน ๒ มาตรการ" in text
    assert "มาตรการเปิดเผยข้อมูล ☑ ดำเนินการแล้วเสร็จ" in text
    assert "มาตรการประชุมพนักงาน ◐ อยู่ระหว่างดำเนินการ" in text
    assert "คุณ exec-a" in text and "คุณ mayor-a" in text  # the chain it goes to

    response = client.post(url("round-submit", report))
    assert response.status_code == 302 and state(report) == "submitted"


def test_submitting_with_an_error_on_the_screen_sends_nothing(client, people, report):
    client.force_login(people["staff_a"])
    round_url = url("round", report) + "?unit=all"
    data = typed_round(client.get(round_url).content.decode(), r0={"status": "done"})
    data["then"] = "submit"
    response = client.post(round_url, data)
    assert response.status_code == 200
    assert "สถานะแล้วเสร็จ กรุณาสรุปผลการดำเนินการ" in response.content.decode()
    assert state(report) == "draft"


def test_the_submit_confirmation_counts_evidence(client, people, report):
    with scopes_disabled():
        Progress.objects.create(measure=report["first"], round=report["round"], status="done")
        progress = Progress.objects.get(measure=report["first"])
    evidence_add(progress=progress, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    client.force_login(people["staff_a"])
    text = visible_text(client.get(url("round-submit", report)).content)
    assert "แล้วเสร็จ ๑/๒ · ไม่มีหลักฐาน ๑ มาตรการ" in text


def test_an_executive_cannot_submit(client, people, report):
    client.force_login(people["exec_a"])
    assert client.get(url("round-submit", report)).status_code == 403
    assert client.post(url("round-submit", report)).status_code == 403
    assert state(report) == "draft"


# --- approve, send back, publish ----------------------------------------------------------


def test_approving_shows_what_is_signed_then_signs_with_the_comment(client, people, report):
    submitted(report, people)
    client.force_login(people["exec_a"])
    text = visible_text(client.get(url("round-approve", report)).content)
    assert "ยืนยันการให้ความเห็นชอบ" in text and "แล้วเสร็จ ๑/๒ · ไม่มีหลักฐาน ๑ มาตรการ" in text
    assert "ความเห็นลำดับ 1 — คุณ exec-a · รอความเห็น" in text
    # the whole document, as it will be printed and signed, one click away
    page = client.get(url("round-approve", report)).content.decode()
    reports = reverse("reports", kwargs={"org": "org-a", "year": report["round"].fiscal_year})
    assert f'href="{reports}#round-{report["round"].pk}"' in page
    assert f'id="round-{report["round"].pk}"' in client.get(reports).content.decode()
    # and on the page itself: the recommended document of the version under review, in its
    # own layout, in a frame (a change made after submitting is not in it)
    year, pk = report["round"].fiscal_year, report["round"].pk
    html = reverse(
        "report", kwargs={"org": "org-a", "year": year, "code": "r1", "pk": pk, "fmt": "html"}
    )
    assert f'src="{html}"' in page
    measure = report["first"]
    with scopes_disabled():
        measure.title = "ชื่อที่แก้หลังส่งเสนอ"
        measure.save()
    shown = client.get(html)
    assert shown.status_code == 200 and shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    body = shown.content.decode()
    assert "มาตรการเปิดเผยข้อมูล" in body and "ชื่อที่แก้หลังส่งเสนอ" not in body and "ฉบับที่ ๑" in body
    response = client.post(url("round-approve", report), {"comment": "เห็นชอบ เสนอนายก"})
    assert response.status_code == 302
    with scopes_disabled():
        decision = RoundDecision.objects.get(action="approve")
    assert (decision.user, decision.comment) == (people["exec_a"], "เห็นชอบ เสนอนายก")


def test_a_send_back_without_a_comment_is_refused_on_the_confirmation_page(client, people, report):
    submitted(report, people)
    client.force_login(people["exec_a"])
    response = client.post(url("round-send-back", report), {"comment": "   "})
    assert response.status_code == 200
    assert "กรุณาให้ความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ" in visible_text(response.content)
    assert state(report) == "submitted"
    response = client.post(url("round-send-back", report), {"comment": "เพิ่มหลักฐานมาตรการที่ ๒"})
    assert response.status_code == 302 and state(report) == "draft"


def test_publishing_is_confirmed(client, people, report):
    submitted(report, people)
    round_decide(progress_round=report["round"], user=people["exec_a"], approve=True)
    round_decide(progress_round=report["round"], user=report["mayor"], approve=True)
    client.force_login(people["staff_a"])
    text = visible_text(client.get(url("round-publish", report)).content)
    assert "ยืนยันการเผยแพร่รายงาน" in text and "แล้วเสร็จ ๑/๒" in text
    assert client.post(url("round-publish", report)).status_code == 302
    with scopes_disabled():
        assert ProgressRound.objects.get(pk=report["round"].pk).published


def test_a_step_that_is_not_due_sends_back_to_the_round_with_a_thai_reason(client, people, report):
    client.force_login(people["exec_a"])  # the report is still a draft
    response = client.get(url("round-approve", report), follow=True)
    assert "รายงานนี้ไม่ได้รอการอนุมัติ" in visible_text(response.content)
    client.force_login(people["staff_a"])
    response = client.post(url("round-publish", report), follow=True)
    assert "เผยแพร่ได้เมื่อรายงานได้รับอนุมัติแล้วเท่านั้น" in visible_text(response.content)
    assert state(report) == "draft"


def test_a_decision_posted_from_an_older_page_signs_nothing(client, people, report):
    """Pages opened before the confirmation pages posted decisions to ``…/action/``; since the
    restructure (9f5d181) that address is gone (``round-reopen`` replaced it), so such a post
    answers 404, and posting a decision to ``round-reopen`` is refused: neither signs."""
    submitted(report, people)
    client.force_login(people["exec_a"])
    response = client.post(url("round", report) + "action/", {"action": "approve"})
    assert response.status_code == 404
    response = client.post(url("round-reopen", report), {"action": "approve"})
    assert response.status_code == 403  # starting a new version is staff's, not a decision
    assert state(report) == "submitted"
