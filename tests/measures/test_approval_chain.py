"""The approval chain: who may be a step of it (issue "one owner per rule": the model says so,
not only the view that later refuses the decision)."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from measures.models import ApprovalStep

from ..factories import make_user

pytestmark = pytest.mark.django_db


def step(org, order, approver):
    return ApprovalStep(
        organisation=org, order=order, title=f"ความเห็นลำดับ {order}", approver=approver
    )


@scopes_disabled()
def test_an_executive_of_the_organisation_may_be_a_step(org_a, people):
    step(org_a, 1, people["exec_a"]).full_clean()


@scopes_disabled()
def test_a_staff_member_cannot_be_a_step(org_a, people):
    with pytest.raises(ValidationError) as refused:
        step(org_a, 1, people["staff_a"]).full_clean()
    assert "ผู้บริหาร" in str(refused.value.message_dict["approver"])


@scopes_disabled()
def test_a_member_of_another_organisation_cannot_be_a_step(org_a, org_b):
    outsider = make_user("exec-b", member_of=[(org_b, "executive")])
    with pytest.raises(ValidationError) as refused:
        step(org_a, 1, outsider).full_clean()
    assert "ไม่ได้เป็นผู้บริหารของ" in str(refused.value.message_dict["approver"])


@scopes_disabled()
def test_the_same_person_cannot_sign_twice_in_one_chain(org_a, people):
    first = step(org_a, 1, people["exec_a"])
    first.full_clean()
    first.save()
    with pytest.raises(ValidationError) as refused:
        step(org_a, 2, people["exec_a"]).full_clean()
    assert "อยู่ในลำดับการอนุมัติแล้ว" in str(refused.value)
