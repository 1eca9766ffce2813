"""Measures and their progress: overdue work, copying a year, approvals, concurrent edits,
evidence files, rich text, the OIT checklist and the year's home."""

import datetime
import io
import re
import zipfile
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.cycle import year_status
from measures.models import Evidence, Measure, Progress, ProgressRound, ReportVersion, Status
from measures.rules import measure_overdue
from measures.selectors import measure_rows, round_overdue
from measures.services import (
    ConcurrentEditError,
    ProgressInput,
    evidence_add,
    measures_copy,
    progress_save_round,
    round_decide,
    round_publish,
    round_reopen,
    round_submit,
    standard_rounds,
)

from ..factories import approve_round, make_chain, make_measure

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


@pytest.fixture
def rounds(org_a):
    return standard_rounds(organisation=org_a, fiscal_year=2569)


def record(progress_round, measure, status, **extra):
    """A save from a page opened just now (or, with ``version``, from an older page)."""
    with scopes_disabled():  # what the page showed: the test's own look at the database
        shown = Progress.objects.filter(measure=measure, round=progress_round).first()
    return progress_save_round(
        progress_round=progress_round,
        entries=[
            ProgressInput(
                measure=measure,
                status=status,
                summary=extra.get("summary", "ทำแล้ว"),
                expected_version=extra.get("version", shown.version if shown else 0),
            )
        ],
    )[0]


# --- overdue -------------------------------------------------------------------------------


def test_rounds_are_the_fiscal_halves(rounds):
    six, twelve = rounds
    assert (six.start_date, six.end_date) == (
        datetime.date(2025, 10, 1),
        datetime.date(2026, 3, 31),
    )
    assert (twelve.start_date, twelve.end_date) == (
        datetime.date(2025, 10, 1),
        datetime.date(2026, 9, 30),
    )


def test_overdue_across_round_boundaries(org_a, rounds):
    six, twelve = rounds
    m = make_measure(org_a, end=datetime.date(2026, 3, 31))
    record(six, m, Status.IN_PROGRESS)
    rows = {r.measure.pk: r for r in measure_rows(org_a, 2569, datetime.date(2026, 3, 31))}
    assert not rows[m.pk].overdue  # the deadline day itself is not late
    rows = {r.measure.pk: r for r in measure_rows(org_a, 2569, datetime.date(2026, 4, 1))}
    assert rows[m.pk].overdue
    record(twelve, m, Status.DONE)  # finished in the next round: no longer overdue
    rows = {r.measure.pk: r for r in measure_rows(org_a, 2569, datetime.date(2026, 4, 1))}
    assert rows[m.pk].status == Status.DONE and not rows[m.pk].overdue


def test_the_latest_round_decides_the_status(org_a, rounds):
    six, twelve = rounds
    m = make_measure(org_a, end=datetime.date(2026, 9, 30))
    record(six, m, Status.DONE)
    record(twelve, m, Status.IN_PROGRESS)  # reopened work in the 12-month round
    rows = {r.measure.pk: r for r in measure_rows(org_a, 2569, datetime.date(2026, 10, 1))}
    assert rows[m.pk].status == Status.IN_PROGRESS and rows[m.pk].overdue


def test_a_round_report_is_overdue_after_its_due_date_until_submitted(org_a, people, rounds):
    six = rounds[0]
    assert six.due_date == datetime.date(2026, 4, 30)
    assert not round_overdue(six, datetime.date(2026, 4, 30))
    assert round_overdue(six, datetime.date(2026, 5, 1))
    make_chain(org_a, people["exec_a"])
    six = round_submit(progress_round=six, user=people["staff_a"])
    assert not round_overdue(six, datetime.date(2026, 5, 1))


@pytest.mark.parametrize("typed", ["31/03/2569", "31/03/2026", "๓๑/๐๓/๒๕๖๙", "31 มี.ค. 2569"])
def test_deadlines_typed_in_be_or_ce_are_the_same_day(client, people, typed):
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("measure-new", kwargs=Y),
        {
            "number": 1,
            "kind": "measure",
            "title": "มาตรการทดสอบ",
            "end_date": typed,
            "version": 0,
            "deadlines-TOTAL_FORMS": 0,
            "deadlines-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Measure.objects.get().end_date == datetime.date(2026, 3, 31)


def test_several_deadlines_are_added_in_one_submission(client, people):
    """Issue 14 point 6: the form offers three empty checkpoint rows; rows left empty are
    ignored."""
    client.force_login(people["staff_a"])
    page = client.get(reverse("measure-new", kwargs=Y)).content.decode()
    assert 'name="deadlines-2-due_date"' in page and 'name="deadlines-3-due_date"' not in page
    rows = [("รายงานรอบ ๖ เดือน", "๓๑/๐๓/๒๕๖๙"), ("รายงานรอบ ๑๒ เดือน", "๓๐/๐๙/๒๕๖๙")]
    data = {
        "number": 1,
        "kind": "measure",
        "title": "มาตรการทดสอบ",
        "version": 0,
        "deadlines-TOTAL_FORMS": 3,
        "deadlines-INITIAL_FORMS": 0,
        **{f"deadlines-{i}-label": label for i, (label, _due) in enumerate(rows)},
        **{f"deadlines-{i}-due_date": due for i, (_label, due) in enumerate(rows)},
        "deadlines-2-label": "",
        "deadlines-2-due_date": "",
    }
    assert client.post(reverse("measure-new", kwargs=Y), data).status_code == 302
    with scopes_disabled():
        saved = list(Measure.objects.get().deadlines.values_list("label", "due_date"))
    assert sorted(saved) == sorted(
        [
            ("รายงานรอบ ๖ เดือน", datetime.date(2026, 3, 31)),
            ("รายงานรอบ ๑๒ เดือน", datetime.date(2026, 9, 30)),
        ]
    )


@pytest.mark.parametrize(
    "typed,message",
    [
        ("31/03/69", "ปีไม่ชัดเจน"),
        ("31/02/2569", "ไม่มีวันที่ ๓๑ เดือน ๒"),
    ],
)
def test_ambiguous_deadlines_are_refused(client, people, typed, message):
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("measure-new", kwargs=Y),
        {
            "number": 1,
            "kind": "measure",
            "title": "มาตรการทดสอบ",
            "end_date": typed,
            "version": 0,
            "deadlines-TOTAL_FORMS": 0,
            "deadlines-INITIAL_FORMS": 0,
        },
    )
    assert message in response.content.decode()
    with scopes_disabled():
        assert not Measure.objects.exists()


def test_period_phrases_give_deadline_dates(org_a):
    m = make_measure(org_a)  # "ตลอดปีงบประมาณ" of 2569
    assert (m.start_date, m.end_date) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))


# --- copying a year --------------------------------------------------------------------------


def test_copy_last_years_measures_flags_the_unfinished(org_a, rounds, people):
    with scopes_disabled():
        unit = org_a.unit_set.first()
    done = make_measure(org_a, number=1, title="เสร็จแล้ว", units=[unit])
    open_ = make_measure(org_a, number=2, title="ยังไม่เสร็จ")
    record(rounds[1], done, Status.DONE)
    record(rounds[1], open_, Status.IN_PROGRESS)
    copies = {c.title: c for c in measures_copy(organisation=org_a, from_year=2569, to_year=2570)}
    assert not copies["เสร็จแล้ว"].carried_over and copies["ยังไม่เสร็จ"].carried_over
    assert copies["เสร็จแล้ว"].end_date == datetime.date(2027, 9, 30)
    with scopes_disabled():
        assert [s.text for s in copies["เสร็จแล้ว"].steps.all()] == ["ขั้นแรก", "ขั้นที่สอง"]
        assert list(copies["เสร็จแล้ว"].responsible_units.all()) == [unit]
    with pytest.raises(ValidationError, match="มีมาตรการอยู่แล้ว"):
        measures_copy(organisation=org_a, from_year=2569, to_year=2570)


def test_copy_through_the_page(client, people, org_a):
    make_measure(org_a, 2568, 1)
    client.force_login(people["staff_a"])
    response = client.post(reverse("measures-copy", kwargs=Y), follow=True)
    assert "คัดลอกมาตรการปี ๒๕๖๘ มา ๑ รายการ" in response.content.decode()
    page = client.get(reverse("measures", kwargs=Y)).content.decode()
    assert "ยกมาจากปีก่อน ยังไม่แล้วเสร็จ" in page


# --- the approval chain --------------------------------------------------------------------


def test_approval_chain_who_may_do_what(org_a, people, rounds):
    staff, head, mayor = people["staff_a"], people["exec_a"], people["admin"]
    from ..factories import make_user

    mayor = make_user("mayor-a", member_of=[(org_a, "executive")])
    make_chain(org_a, head, mayor)
    six = rounds[0]
    m = make_measure(org_a)
    record(six, m, Status.IN_PROGRESS)

    with pytest.raises(ValidationError, match="ไม่ได้รอการอนุมัติ"):
        round_decide(progress_round=six, user=head, approve=True)
    six = round_submit(progress_round=six, user=staff)
    assert six.state == ProgressRound.State.SUBMITTED
    with pytest.raises(ValidationError, match="แก้ไขไม่ได้"):  # submitted content is frozen
        record(six, m, Status.DONE)
    with pytest.raises(PermissionDenied):  # not the mayor's turn yet
        round_decide(progress_round=six, user=mayor, approve=True)
    round_decide(progress_round=six, user=head, approve=True, comment="เห็นควรเสนอนายก")
    with pytest.raises(ValidationError, match="กรุณาให้ความเห็น"):
        round_decide(progress_round=six, user=mayor, approve=False, comment="  ")
    six = round_decide(progress_round=six, user=mayor, approve=False, comment="เพิ่มหลักฐาน")
    assert six.state == ProgressRound.State.DRAFT  # sent back: editable again
    record(six, m, Status.DONE, version=stored_version(m))
    six = round_submit(progress_round=six, user=staff)
    round_decide(progress_round=six, user=head, approve=True)  # the chain starts over
    six = round_decide(progress_round=six, user=mayor, approve=True, comment="อนุมัติ")
    assert six.state == ProgressRound.State.APPROVED
    with scopes_disabled():
        approved = ReportVersion.objects.get(round=six, report_version=1)
    assert approved.content["measures"][0]["progress"]["status"] == "done"
    assert [d["action"] for d in approved.content["decisions"]][-2:] == ["approve", "approve"]
    with pytest.raises(ValidationError):
        record(six, m, Status.IN_PROGRESS)  # approved content is frozen
    round_publish(progress_round=six, user=staff)
    six = round_reopen(progress_round=six, user=staff)  # a later edit is a new version
    # the public keeps the approved version 1 until version 2 is approved
    assert (six.state, six.report_version, six.published) == ("draft", 2, True)
    record(six, m, Status.IN_PROGRESS, version=stored_version(m))
    with scopes_disabled():
        frozen = ReportVersion.objects.get(round=six, report_version=1).content
    assert frozen["measures"][0]["progress"]["status"] == "done"


@scopes_disabled()  # the test's own look at the database
def stored_version(measure):
    return Progress.objects.get(measure=measure).version


def test_submitting_without_a_chain_is_refused_in_thai(org_a, people, rounds):
    with pytest.raises(ValidationError, match="ยังไม่ได้กำหนดลำดับผู้อนุมัติ"):
        round_submit(progress_round=rounds[0], user=people["staff_a"])


def test_approval_through_the_pages(client, people, org_a, rounds):
    make_chain(org_a, people["exec_a"])
    pk = {**Y, "pk": rounds[0].pk}
    client.force_login(people["exec_a"])
    client.post(reverse("round-submit", kwargs=pk))  # an executive does not submit
    with scopes_disabled():
        assert ProgressRound.objects.get(pk=rounds[0].pk).state == "draft"
    client.force_login(people["staff_a"])
    client.post(reverse("round-submit", kwargs=pk))
    client.post(reverse("round-approve", kwargs=pk))  # staff cannot approve
    with scopes_disabled():
        assert ProgressRound.objects.get(pk=rounds[0].pk).state == "submitted"
    client.force_login(people["exec_a"])
    client.post(reverse("round-approve", kwargs=pk), {"comment": "ทราบ เห็นชอบ"})
    page = client.get(reverse("round", kwargs={**Y, "pk": rounds[0].pk})).content.decode()
    assert "อนุมัติแล้ว" in page and "ทราบ เห็นชอบ" in page


# --- no silent overwrite -------------------------------------------------------------------


def _measure_post(measure, **changes):
    data = {
        "number": measure.number,
        "kind": measure.kind,
        "title": measure.title,
        "period_text": measure.period_text,
        "version": measure.version,
        "steps": "ขั้นแรก\nขั้นที่สอง",
        "deadlines-TOTAL_FORMS": 0,
        "deadlines-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_second_save_of_a_measure_is_refused_with_what_changed(client, people, org_a):
    m = make_measure(org_a, title="ชื่อเดิม")
    url = reverse("measure-edit", kwargs={**Y, "pk": m.pk})
    stale = _measure_post(m, title="ชื่อของคนที่สอง")
    client.force_login(people["staff_a"])
    assert client.post(url, _measure_post(m, title="ชื่อของคนแรก")).status_code == 302
    response = client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ได้บันทึก" in page and "“ชื่อเดิม” → “ชื่อของคนแรก”" in page
    assert "ชื่อของคนที่สอง" in page  # the second person's text is still in the form
    with scopes_disabled():
        assert Measure.objects.get(pk=m.pk).title == "ชื่อของคนแรก"


def test_second_save_of_progress_is_refused(org_a, rounds):
    m = make_measure(org_a)
    first = record(rounds[0], m, Status.IN_PROGRESS, summary="ฉบับแรก")
    record(rounds[0], m, Status.DONE, summary="ฉบับของคนแรก", version=first.version)
    with pytest.raises(ConcurrentEditError, match="“ฉบับแรก” → “ฉบับของคนแรก”"):
        record(rounds[0], m, Status.NOT_STARTED, summary="ฉบับของคนที่สอง", version=first.version)
    with scopes_disabled():
        assert Progress.objects.get(measure=m).summary == "ฉบับของคนแรก"


# --- evidence ------------------------------------------------------------------------------


def _docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def progress(org_a, rounds):
    return Progress.objects.create(measure=make_measure(org_a), round=rounds[0])


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("report.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"),
        ("minutes.docx", _docx(), "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("no-extension", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
    ],
)
def test_accepted_evidence_is_typed_by_content(progress, name, content, kind):
    evidence = evidence_add(progress=progress, upload=SimpleUploadedFile(name, content))
    assert kind in evidence.content_type
    assert evidence.file.name.startswith(f"evidence/{progress.round.organisation_id}/")
    assert name not in evidence.file.name  # stored under a random name


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("report.pdf", b"MZ\x90\x00 this is a windows program", "ไฟล์นี้เป็นโปรแกรม"),
        ("report.pdf", b"<!doctype html><script>alert(1)</script>", "ไม่รับไฟล์ชนิดนี้"),
        ("page.html", b"<html><body>hi</body></html>", "ไม่รับไฟล์ชนิดนี้"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "ไม่รับไฟล์ชนิดนี้"),
        ("empty.pdf", b"", "ไฟล์ว่างเปล่า"),
    ],
)
def test_refused_evidence_changes_nothing(progress, name, content, message):
    with pytest.raises(ValidationError, match=message):
        evidence_add(progress=progress, upload=SimpleUploadedFile(name, content))
    with scopes_disabled():
        assert not Evidence.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_oversize_evidence_is_refused(progress):
    with pytest.raises(ValidationError, match="เกินกำหนด"):
        evidence_add(
            progress=progress, upload=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)
        )
    with scopes_disabled():
        assert not Evidence.objects.exists()


def test_evidence_is_served_to_members_only_and_publicly_once_published(client, people, progress):
    evidence = evidence_add(
        progress=progress, upload=SimpleUploadedFile("รายงาน.pdf", b"%PDF-1.4 content")
    )
    client.force_login(people["staff_a"])
    response = client.get(reverse("evidence", kwargs={"org": "org-a", "pk": evidence.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.logout()
    public = reverse("public-evidence", kwargs={"token": evidence.public_token})
    assert client.get(public).status_code == 404
    approve_round(progress.round, submitter=people["staff_a"], publish=True)
    assert client.get(public).status_code == 200


def served_name(response):
    disposition = response["Content-Disposition"]
    quoted = re.search(r"filename\*=utf-8''(.+)$", disposition)
    return unquote(quoted.group(1)) if quoted else re.search(r'filename="(.*)"', disposition)[1]


PDF_BYTES = b"%PDF-1.4 content"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"0" * 20


@pytest.mark.parametrize(
    "uploaded,content,served",
    [
        ("x.pdf\x00.html", PDF_BYTES, "x.pdf"),
        ("รายงาน.html", PDF_BYTES, "รายงาน.pdf"),
        ("../../etc/รายงาน ม.ค. 68.pdf", PDF_BYTES, "รายงาน ม.ค. 68.pdf"),
        ("C:\\fakepath\\ภาพ.jpeg.exe", PNG_BYTES, "ภาพ.jpeg.png"),
        ("photo.JPEG", b"\xff\xd8\xff\xe0JFIF", "photo.jpeg"),
        ('a"b\r\nc\u202e<>|?*.pdf', PDF_BYTES, "abc.pdf"),
        (".html", PNG_BYTES, "หลักฐาน.png"),
        ("<>.png.", PNG_BYTES, "หลักฐาน.png"),
        ("x.pdf.", PDF_BYTES, "x.pdf"),
        ("minutes", _docx(), "minutes.docx"),
    ],
)
def test_evidence_is_served_under_a_safe_name_with_the_detected_types_extension(
    client, people, progress, uploaded, content, served
):
    evidence = evidence_add(progress=progress, upload=SimpleUploadedFile(uploaded, content))
    client.force_login(people["staff_a"])
    response = client.get(reverse("evidence", kwargs={"org": "org-a", "pk": evidence.pk}))
    assert response.status_code == 200 and served_name(response) == served
    assert evidence.original_name == served  # and listed under that name


def test_evidence_stored_under_an_unsafe_name_earlier_is_served_safely(client, people, progress):
    evidence = evidence_add(progress=progress, upload=SimpleUploadedFile("x.pdf", PDF_BYTES))
    with scopes_disabled():
        Evidence.objects.filter(pk=evidence.pk).update(original_name="x.pdf.html")
    client.force_login(people["staff_a"])
    response = client.get(reverse("evidence", kwargs={"org": "org-a", "pk": evidence.pk}))
    assert served_name(response) == "x.pdf"


# --- the round screen, rich text -----------------------------------------------------------


def _round_post(rows, **extra):
    data = {"p-TOTAL_FORMS": len(rows), "p-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        data.update({f"p-{i}-{k}": v for k, v in {"version": 0, **row}.items()})
    data.update(extra)
    return data


def test_a_whole_round_on_one_screen_with_sanitised_rich_text(client, people, org_a, rounds):
    a, b = make_measure(org_a, number=1), make_measure(org_a, number=2)
    client.force_login(people["staff_a"])
    url = reverse("round", kwargs={**Y, "pk": rounds[0].pk}) + "?unit=all"
    pasted = (
        '<p style="color:red">๑. จัดประชุม</p><script>alert("x")</script>'
        '<ul><li onclick="x()">ประกาศ</li><li>เผยแพร่</li></ul>'
    )
    response = client.post(
        url,
        _round_post(
            [
                {
                    "measure": a.pk,
                    "status": "done",
                    "summary": pasted,
                    "done_text": "๒๘ สิงหาคม ๒๕๖๙",
                    "evidence_file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
                },
                {"measure": b.pk, "status": "in_progress", "summary": "- กำลังทำ"},
            ]
        ),
    )
    assert response.status_code == 302
    with scopes_disabled():
        p = Progress.objects.get(measure=a)
        assert p.evidence.count() == 1
    assert "<script>" not in p.summary and "style=" not in p.summary and "onclick" not in p.summary
    assert "<ul><li>ประกาศ</li><li>เผยแพร่</li></ul>" in p.summary
    client.force_login(people["exec_a"])  # executives read the round, lists laid out as lists
    page = client.get(url).content.decode()
    assert "<ul><li>ประกาศ</li><li>เผยแพร่</li></ul>" in page
    assert 'alert("x")' not in page


def test_done_without_a_summary_is_refused(client, people, org_a, rounds):
    a = make_measure(org_a)
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("round", kwargs={**Y, "pk": rounds[0].pk}) + "?unit=all",
        _round_post([{"measure": a.pk, "status": "done"}]),
    )
    assert "สถานะแล้วเสร็จ กรุณาสรุปผลการดำเนินการ" in response.content.decode()
    with scopes_disabled():
        assert not Progress.objects.exists()


def test_a_bad_file_on_the_round_screen_saves_nothing(client, people, org_a, rounds):
    a = make_measure(org_a)
    client.force_login(people["staff_a"])
    response = client.post(
        reverse("round", kwargs={**Y, "pk": rounds[0].pk}) + "?unit=all",
        _round_post(
            [
                {
                    "measure": a.pk,
                    "status": "in_progress",
                    "summary": "ทำอยู่",
                    "evidence_file": SimpleUploadedFile("x.pdf", b"MZ program"),
                }
            ]
        ),
    )
    assert "ไฟล์นี้เป็นโปรแกรม" in response.content.decode()
    with scopes_disabled():
        assert not Progress.objects.exists() and not Evidence.objects.exists()


def test_staff_see_their_units_measures_by_default(client, people, org_a, rounds):
    with scopes_disabled():
        finance = org_a.unit_set.get(name="กองคลัง")
        office = org_a.unit_set.get(name="สำนักปลัด")
        membership = people["staff_a"].memberships.get()
    mine = make_measure(org_a, number=1, title="ของกองคลัง", units=[finance])
    other = make_measure(org_a, number=2, title="ของสำนักปลัด", units=[office])
    membership.unit = finance
    membership.save()
    client.force_login(people["staff_a"])
    page = client.get(reverse("round", kwargs={**Y, "pk": rounds[0].pk})).content.decode()
    assert mine.title in page and other.title not in page
    page = client.get(
        reverse("round", kwargs={**Y, "pk": rounds[0].pk}) + "?unit=all"
    ).content.decode()
    assert other.title in page


# --- OIT checklist and the year's home -----------------------------------------------------


def test_oit_checklist_completion(client, people, org_a):
    client.force_login(people["staff_a"])
    url = reverse("oit-checklist", kwargs={"org": "org-a", "year": 2566})
    page = client.get(url).content.decode()
    assert "O43" in page and "ครบแล้ว ๐/๔๓ ข้อ" in page
    from assessments.models import OITItem

    o1 = OITItem.objects.get(framework__fiscal_year=2566, code="O1")
    data = {
        "o1-status": "done",
        "o1-components_done": [c.pk for c in o1.components.all()],
        "o1-url": "https://www.org-a.go.th/structure",
        "o1-last_checked": "1/10/2565",
    }
    for item in OITItem.objects.filter(framework__fiscal_year=2566):
        data.setdefault(f"o{item.number}-status", "not_started")
        data[f"o{item.number}-version"] = 0  # nothing recorded when the page was opened
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "ครบแล้ว ๑/๔๓ ข้อ" in page
    data["o1-url"] = "ไม่ใช่ลิงก์"
    data["o1-version"] = 1
    response = client.post(url, data)
    assert response.status_code == 200
    from measures.models import OITChecklistEntry

    with scopes_disabled():
        assert OITChecklistEntry.objects.get(item=o1).url == "https://www.org-a.go.th/structure"


def test_year_home_points_to_the_next_thing(client, people, org_a, rounds):
    m = make_measure(org_a, end=datetime.date(2026, 3, 31))
    status = year_status(org_a, 2569, datetime.date(2026, 5, 2))
    assert status.next_step.label.startswith("บันทึกผลการประเมิน ITA ปี ๒๕๖๘")
    assert [r.measure for r in status.overdue] == [m]
    late = [s for s in status.steps if s.warn]
    assert late and "รอบ ๖ เดือน" in late[0].label
    client.force_login(people["exec_a"])
    page = client.get(reverse("year-home", kwargs=Y)).content.decode()
    assert "สิ่งที่ต้องทำต่อไป" in page and "มาตรการทดสอบ" in page


def test_is_overdue_uses_explicit_deadlines_too(org_a):
    m = make_measure(org_a, end=datetime.date(2026, 9, 30))
    with scopes_disabled():
        m.deadlines.create(label="รายงานรอบ ๖ เดือน", due_date=datetime.date(2026, 4, 30))
        deadlines = [d.due_date for d in m.deadlines.all()]

    def is_overdue(status, today):
        return measure_overdue(status=status, end_date=m.end_date, deadlines=deadlines, today=today)

    assert not is_overdue(Status.IN_PROGRESS, datetime.date(2026, 4, 30))
    assert is_overdue(Status.IN_PROGRESS, datetime.date(2026, 5, 1))
    assert not is_overdue(Status.DONE, datetime.date(2026, 10, 1))
