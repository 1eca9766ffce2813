"""The approval chain set on the organisation administrator's page: only this organisation's
executives, no one twice, history with who, and approved versions untouched by a change."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.models import ApprovalStep, ProgressRound, RoundDecision
from measures.services import round_decide, round_submit, standard_rounds
from measures.versions import SIGNED, approved_version
from organisations.models import Membership

from ..factories import approve_round, make_chain, make_measure, make_user
from ..pages import input_value

pytestmark = pytest.mark.django_db
URL = reverse("settings-chain", kwargs={"org": "org-a"})


@pytest.fixture
def admin_a(org_a):
    return make_user("orgadmin-a", member_of=[(org_a, "org_admin")])


@pytest.fixture
def executives(org_a):
    head = make_user("head-a", member_of=[(org_a, "executive")])
    mayor = make_user("mayor-a", member_of=[(org_a, "executive")])
    with scopes_disabled():
        Membership.objects.filter(user=head).update(position="หัวหน้าสำนักปลัด")
        Membership.objects.filter(user=mayor).update(position="นายกองค์การบริหารส่วนตำบลเอ")
    return head, mayor


def _rows(*rows, existing=()):
    data = {
        "steps-TOTAL_FORMS": str(len(rows)),
        "steps-INITIAL_FORMS": str(len(existing)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "30",
    }
    for i, (title, approver) in enumerate(rows):
        data[f"steps-{i}-title"] = title
        data[f"steps-{i}-approver"] = approver.pk if approver else ""
        if i < len(existing):
            data[f"steps-{i}-pk"] = existing[i].pk
    return data


@scopes_disabled()  # the test's own look at the database
def _chain(org):
    return [(s.order, s.title, s.approver.username) for s in ApprovalStep.objects.of(org)]


def test_the_administrator_sets_the_chain_with_history(client, org_a, admin_a, executives):
    head, mayor = executives
    client.force_login(admin_a)
    page = client.get(URL).content.decode()
    assert "คุณ head-a" in page and "คุณ mayor-a" in page
    response = client.post(URL, _rows(("ความเห็นหัวหน้าสำนักปลัด", head), ("ความเห็นนายก", mayor)))
    assert response.status_code == 302
    assert _chain(org_a) == [
        (1, "ความเห็นหัวหน้าสำนักปลัด", "head-a"),
        (2, "ความเห็นนายก", "mayor-a"),
    ]
    with scopes_disabled():
        record = ApprovalStep.history.filter(organisation=org_a).first()
    assert record.history_user == admin_a
    assert "หัวหน้าสำนักปลัด" in client.get(URL).content.decode()  # the printed position


@pytest.mark.parametrize("who", ["staff", "other_exec", "twice"])
def test_a_bad_chain_is_refused_in_thai_and_changes_nothing(
    client, org_a, org_b, people, admin_a, executives, who
):
    head, _mayor = executives
    make_chain(org_a, head)
    before = _chain(org_a)
    other = {
        "staff": people["staff_a"],
        "other_exec": make_user("exec-b", member_of=[(org_b, "executive")]),
        "twice": head,
    }[who]
    client.force_login(admin_a)
    with scopes_disabled():
        existing = list(ApprovalStep.objects.of(org_a))
    response = client.post(
        URL, _rows(("ความเห็นที่หนึ่ง", head), ("ความเห็นที่สอง", other), existing=existing)
    )
    assert response.status_code == 200
    page = response.content.decode()
    expected = (
        "ผู้ลงนามนี้อยู่ในลำดับการอนุมัติแล้ว" if who == "twice" else "กรุณาเลือกจากรายการ (ตัวเลือกนั้นไม่มีในรายการ)"
    )
    assert expected in page
    assert _chain(org_a) == before


def test_a_chain_change_never_alters_an_approved_version(client, org_a, admin_a, executives):
    head, mayor = executives
    staff = make_user("staff-chain", member_of=[(org_a, "staff")])
    make_chain(org_a, head)
    make_measure(org_a, 2569)
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    six = approve_round(six, submitter=staff)
    signed_before = approved_version(six).content[SIGNED]
    assert [(s["name"], s["position"]) for s in signed_before if s["action"] == "approve"] == [
        ("คุณ head-a", "หัวหน้าสำนักปลัด")
    ]

    # the administrator replaces the signer of the used step and adds a second one
    client.force_login(admin_a)
    with scopes_disabled():
        step = ApprovalStep.objects.get(organisation=org_a)
    response = client.post(
        URL, _rows(("ความเห็นปลัด", mayor), ("ความเห็นนายก", head), existing=[step])
    )
    assert response.status_code == 302, response.content.decode()
    assert _chain(org_a) == [(1, "ความเห็นปลัด", "mayor-a"), (2, "ความเห็นนายก", "head-a")]
    with scopes_disabled():
        six = ProgressRound.objects.get(pk=six.pk)
    assert approved_version(six).content[SIGNED] == signed_before

    # a step someone decided at cannot be removed
    response = client.post(URL, _rows(("ความเห็นนายก", head)))
    assert "มีการลงนามแล้ว จึงลบไม่ได้" in response.content.decode()
    assert len(_chain(org_a)) == 2


def test_a_new_chain_applies_to_the_next_submission(org_a, executives):
    head, mayor = executives
    staff = make_user("staff-next", member_of=[(org_a, "staff")])
    make_chain(org_a, head, mayor)
    make_measure(org_a, 2569)
    six, _ = standard_rounds(organisation=org_a, fiscal_year=2569)
    six = round_submit(progress_round=six, user=staff)
    six = round_decide(progress_round=six, user=head, approve=True)
    six = round_decide(progress_round=six, user=mayor, approve=True)
    assert six.state == ProgressRound.State.APPROVED


def test_the_chain_is_reordered_even_at_a_step_someone_signed(client, org_a, admin_a, executives):
    """Each row has its ลำดับ: the steps are saved in that order (a step someone decided at
    moves with its decisions); two rows may also swap their signers."""
    head, mayor = executives
    staff = make_user("staff-chain", member_of=[(org_a, "staff")])
    make_chain(org_a, head, mayor)
    make_measure(org_a, 2569)
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    six = approve_round(six, submitter=staff)
    with scopes_disabled():
        first, second = ApprovalStep.objects.of(org_a)
    titles = first.title, second.title
    client.force_login(admin_a)
    page = client.get(URL).content.decode()
    assert 'name="steps-0-order"' in page and input_value(page, "steps-0-order") == "๑"

    data = _rows((titles[0], head), (titles[1], mayor), existing=[first, second])
    data.update({"steps-0-order": "2", "steps-1-order": "๑"})
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    assert _chain(org_a) == [(1, titles[1], "mayor-a"), (2, titles[0], "head-a")]
    with scopes_disabled():
        assert ApprovalStep.objects.get(pk=first.pk).order == 2  # its decisions went with it
        assert RoundDecision.objects.filter(step=first).exists()

    # the signers of two rows swapped, the order kept
    with scopes_disabled():
        first, second = ApprovalStep.objects.of(org_a)
    data = _rows(("ความเห็นที่หนึ่ง", head), ("ความเห็นที่สอง", mayor), existing=[first, second])
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    assert _chain(org_a) == [(1, "ความเห็นที่หนึ่ง", "head-a"), (2, "ความเห็นที่สอง", "mayor-a")]


@scopes_disabled()  # as the Django admin runs
def test_a_step_needs_an_active_executive_with_a_name_and_a_position(org_a, executives):
    """The model's own rule (the Django admin's steps pass through it too): a deactivated
    executive cannot sign, and a signer needs the name and position the memo prints."""
    from django.core.exceptions import ValidationError

    head, _mayor = executives
    step = ApprovalStep(organisation=org_a, order=1, title="ความเห็นปลัด", approver=head)
    step.full_clean()
    membership = Membership.objects.get(user=head)
    for change, undo, message in [
        ({"active": False}, {"active": True}, "ผู้บริหารของหน่วยงานนี้"),
        ({"position": ""}, {"position": "หัวหน้าสำนักปลัด"}, "ตำแหน่ง"),
    ]:
        Membership.objects.filter(pk=membership.pk).update(**change)
        with pytest.raises(ValidationError, match=message):
            step.full_clean()
        Membership.objects.filter(pk=membership.pk).update(**undo)
    type(head).objects.filter(pk=head.pk).update(full_name="")
    with pytest.raises(ValidationError, match="ชื่อ-นามสกุล"):
        step.full_clean()
