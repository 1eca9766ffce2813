"""Setting an organisation's approval chain (its administrator's page).

A chain change never reaches an approved report: the approved version froze the names,
positions and decisions it was signed with (measures.versions), and decisions keep the step
they were made at (PROTECT), so a step someone already decided at can be re-ordered or
re-worded but not removed."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kernel.thai import thai_digits
from organisations.tenancy import in_organisation

from ..models import ApprovalStep, RoundDecision


@dataclass(frozen=True)
class StepInput:
    pk: int | None
    title: str
    approver_id: int


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def chain_save(*, organisation, steps: list[StepInput], by=None) -> list[ApprovalStep]:
    """Replace the chain by ``steps``, in their order (numbered from 1). Each step is checked
    by ApprovalStep.clean (an executive of this organisation, once in the chain)."""
    existing = {s.pk: s for s in ApprovalStep.objects.of(organisation).select_for_update()}
    seen = set()
    errors = []
    for number, step in enumerate(steps, start=1):
        if step.approver_id in seen:
            errors.append(f"ลำดับที่ {thai_digits(number)}: ผู้ลงนามนี้อยู่ในลำดับการอนุมัติแล้ว")
        seen.add(step.approver_id)
        if step.pk is not None and step.pk not in existing:
            errors.append(f"ลำดับที่ {thai_digits(number)}: ไม่พบขั้นตอนนี้ในลำดับการอนุมัติของหน่วยงาน")
    if not steps:
        errors.append("ลำดับการอนุมัติต้องมีผู้ลงนามอย่างน้อยหนึ่งคน")
    kept = {s.pk for s in steps if s.pk is not None}
    removed = [s for pk, s in existing.items() if pk not in kept]
    used = set(RoundDecision.objects.filter(step__in=removed).values_list("step_id", flat=True))
    for step in removed:
        if step.pk in used:
            errors.append(f"“{step.title}” มีการลงนามแล้ว จึงลบไม่ได้ (เปลี่ยนผู้ลงนามหรือข้อความได้)")
    if errors:
        raise ValidationError(errors)
    for step in removed:
        step._history_user = by
        step.delete()
    # out of the way of the (organisation, order) constraint while the steps are renumbered
    for offset, step in enumerate(existing.values(), start=1):
        if step.pk in kept:
            ApprovalStep.objects.filter(pk=step.pk).update(order=1000 + offset)
    saved = []
    for number, data in enumerate(steps, start=1):
        step = existing.get(data.pk) or ApprovalStep(organisation=organisation)
        step.order = number
        step.title = data.title
        step.approver_id = data.approver_id
        step._history_user = by
        try:
            step.clean_fields()  # what the database itself would refuse
        except ValidationError as error:
            prefix = f"ลำดับที่ {thai_digits(number)}: "
            raise ValidationError([prefix + m for m in error.messages]) from error
        step.save()
        saved.append(step)
    # each step is checked against the chain as saved, not half-way: two steps swapping their
    # signers would otherwise each meet the other's old signer; a refusal rolls all back
    for number, step in enumerate(saved, start=1):
        try:
            step.full_clean()
        except ValidationError as error:
            prefix = f"ลำดับที่ {thai_digits(number)}: "
            raise ValidationError([prefix + m for m in error.messages]) from error
    return saved
