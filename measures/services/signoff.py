"""A round report's way up the approval chain: submit, decide, reopen, publish."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kernel.richtext import sanitize
from kernel.thai import clean_text
from organisations.tenancy import in_organisation

from .. import signals, versions
from ..models import (
    ApprovalStep,
    ProgressRound,
    RoundDecision,
)
from .progress import require_editable


@in_organisation(lambda first, *a, **k: first)
def chain(organisation):
    return list(ApprovalStep.objects.of(organisation).select_related("approver"))


@in_organisation(lambda first, *a, **k: first.organisation_id)
def current_decisions(progress_round):
    return list(
        progress_round.decisions.filter(
            report_version=progress_round.report_version
        ).select_related("user", "step")
    )


@in_organisation(lambda first, *a, **k: first.organisation_id)
def pending_step(progress_round):
    """The chain step whose decision is awaited, or None."""
    if progress_round.state != ProgressRound.State.SUBMITTED:
        return None
    decisions = current_decisions(progress_round)
    last_submit = max((i for i, d in enumerate(decisions) if d.action == "submit"), default=-1)
    approved = {d.step_id for d in decisions[last_submit + 1 :] if d.action == "approve"}
    return next((s for s in chain(progress_round.organisation) if s.pk not in approved), None)


# What each step of a report needs, asked by the step itself and, before it, by its
# confirmation page (round_action_check), in the same words.


def _require_chain(organisation):
    if not chain(organisation):
        raise ValidationError("ยังไม่ได้กำหนดลำดับผู้อนุมัติของหน่วยงาน กรุณาติดต่อผู้ดูแลระบบ", code="no_chain")


@in_organisation(lambda first, *a, **k: first.organisation_id)
def require_turn(progress_round, user):
    """The chain step awaiting ``user``'s decision; refused when the report awaits none, or
    awaits someone else's."""
    step = pending_step(progress_round)
    if step is None:
        raise ValidationError("รายงานนี้ไม่ได้รอการอนุมัติ", code="not_pending")
    if step.approver_id != user.pk:
        raise PermissionDenied(f"ขณะนี้รอความเห็นของ {step.approver} ({step.title})")
    return step


def _require_approved(progress_round):
    if versions.approved_version(progress_round) is None:
        raise ValidationError("เผยแพร่ได้เมื่อรายงานได้รับอนุมัติแล้วเท่านั้น", code="not_approved")


@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_action_check(*, progress_round, user, action: str) -> None:
    """Refuse now what ``action`` (submit, approve, send_back, publish) would refuse, without
    doing it: a confirmation page asks before showing what is about to be done (and does not
    offer to publish again a report published already)."""
    Action = RoundDecision.Action
    if action == Action.SUBMIT:
        require_editable(progress_round)
        _require_chain(progress_round.organisation)
    elif action in (Action.APPROVE, Action.SEND_BACK):
        step = require_turn(progress_round, user)
        if action == Action.APPROVE and _is_last(progress_round, step):
            _require_signers_named(progress_round, user)
    elif action == Action.PUBLISH:
        _require_approved(progress_round)
        if progress_round.published:
            raise ValidationError("รายงานนี้เผยแพร่แล้ว", code="published")
    else:
        raise ValidationError("ไม่รู้จักคำสั่งนี้", code="unknown")


def _position(progress_round, user) -> str:
    membership = progress_round.organisation.membership_set.filter(user=user).first()
    return membership.position if membership else ""


def _require_signers_named(progress_round, last_signer):
    """The last approval prints every signer's name and position: refused while one lacks
    either, saying who lacks what (a login name is never printed instead)."""
    signers = [(d.user, d.position) for d in _signed_decisions(progress_round)]
    signers.append((last_signer, _position(progress_round, last_signer)))
    missing = []
    for user, position in signers:
        lacks = [
            label
            for label, value in (("ชื่อ-นามสกุล", user.full_name), ("ตำแหน่ง", position))
            if not clean_text(value)
        ]
        if lacks:
            missing.append(f"{user.full_name or user.username} ยังไม่มี{'และ'.join(lacks)}")
    if missing:
        raise ValidationError(
            "ยังอนุมัติขั้นสุดท้ายไม่ได้ เพราะเอกสารต้องพิมพ์ชื่อและตำแหน่งของผู้ลงนามทุกคน: "
            + "; ".join(dict.fromkeys(missing))
            + " (ผู้ดูแลระบบกำหนดได้)",
            code="signer_unnamed",
        )


def _decide(progress_round, user, action, comment="", step=None, at=None, signed_on=None):
    at = at or timezone.now()
    return RoundDecision.objects.create(
        round=progress_round,
        report_version=progress_round.report_version,
        step=step,
        step_title=step.title if step else "",
        position=_position(progress_round, user),
        action=action,
        comment=sanitize(comment),
        user=user,
        at=at,
        signed_on=signed_on or timezone.localdate(at),
    )


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_submit(*, progress_round, user, at=None, signed_on=None):
    """Send the report up the chain: what is on record now is frozen as the version the
    approvers see and sign."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    require_editable(progress_round)
    _require_chain(progress_round.organisation)
    progress_round.state = ProgressRound.State.SUBMITTED
    progress_round.save()
    decision = _decide(
        progress_round, user, RoundDecision.Action.SUBMIT, at=at, signed_on=signed_on
    )
    versions.freeze(progress_round, at=decision.at)
    return progress_round


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_decide(*, progress_round, user, approve: bool, comment="", at=None, signed_on=None):
    """Approve or send back at the user's step. ``signed_on`` is the date the signature
    bears (today unless the signer sets it: past work recorded after the fact)."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    step = require_turn(progress_round, user)
    if approve and _is_last(progress_round, step):
        _require_signers_named(progress_round, user)
    if not approve:
        if not clean_text(comment):
            raise ValidationError("กรุณาให้ความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ", code="no_comment")
        _decide(progress_round, user, RoundDecision.Action.SEND_BACK, comment, step, at, signed_on)
        progress_round.state = ProgressRound.State.DRAFT
        progress_round.save()
        return progress_round
    decision = _decide(
        progress_round, user, RoundDecision.Action.APPROVE, comment, step, at, signed_on
    )
    if pending_step(progress_round) is None:
        progress_round.state = ProgressRound.State.APPROVED
        progress_round.save()
        versions.sign(
            versions.current_version(progress_round),
            decisions=_signed_decisions(progress_round),
            at=decision.at,
        )
        _after_commit(signals.round_approved, progress_round)
    return progress_round


def _is_last(progress_round, step) -> bool:
    steps = chain(progress_round.organisation)
    return bool(steps) and steps[-1].pk == step.pk


def _signed_decisions(progress_round):
    """The last submission of the current version and the approvals after it."""
    decisions = current_decisions(progress_round)
    last_submit = max((i for i, d in enumerate(decisions) if d.action == "submit"), default=0)
    return [
        d
        for d in decisions[last_submit:]
        if d.action in (RoundDecision.Action.SUBMIT, RoundDecision.Action.APPROVE)
    ]


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_reopen(*, progress_round, user):
    """Start a new version of an approved report (or take a submitted one back). Approved
    versions stay on record, and a published round stays public with its last approved
    version until the new one is approved."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    if progress_round.state == ProgressRound.State.DRAFT:
        raise ValidationError("รายงานนี้เป็นฉบับร่างอยู่แล้ว", code="already_draft")
    _decide(progress_round, user, RoundDecision.Action.REOPEN)
    if progress_round.state == ProgressRound.State.APPROVED:
        progress_round.report_version += 1
    # a submitted version nobody signed yet keeps its number and is frozen again on the
    # next submission
    progress_round.state = ProgressRound.State.DRAFT
    progress_round.save()
    return progress_round


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_publish(*, progress_round, user, at=None):
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    _require_approved(progress_round)
    if progress_round.published:
        raise ValidationError("รายงานนี้เผยแพร่แล้ว", code="published")
    decision = _decide(progress_round, user, RoundDecision.Action.PUBLISH, at=at)
    progress_round.published = True
    progress_round.published_at = decision.at
    progress_round.save()
    _after_commit(signals.round_published, progress_round)
    return progress_round


def _after_commit(signal, progress_round):
    pk = progress_round.pk
    transaction.on_commit(lambda: signal.send(sender=ProgressRound, progress_round_id=pk))
