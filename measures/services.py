"""Writes on measures, progress, evidence, the OIT checklist and round reports."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assessments.models import OITItem
from kernel.richtext import sanitize
from kernel.thai import clean_text, parse_period, thai_digits
from organisations.models import Unit

from . import rules, versions
from .evidence import check_upload, download_name
from .locking import ConcurrentEditError, check_version, needs_saving
from .models import (
    ApprovalStep,
    Evidence,
    Measure,
    MeasureStep,
    OITChecklistEntry,
    Progress,
    ProgressRound,
    RoundDecision,
)

# --- measures ------------------------------------------------------------------------

MEASURE_FIELDS = [
    "kind",
    "number",
    "title",
    "rationale",
    "period_text",
    "start_date",
    "end_date",
    "responsible_text",
    "monitoring",
    "budget",
    "target",
]


def fill_dates(measure):
    """Deadline dates from the period phrase, where the dates are not given."""
    if measure.period_text and not (measure.start_date and measure.end_date):
        start, end = parse_period(measure.period_text, measure.fiscal_year)
        measure.start_date = measure.start_date or start
        measure.end_date = measure.end_date or end


def step_texts(steps) -> list[str]:
    """Steps as a measure keeps them: sanitised, in order, empty ones dropped."""
    return [sanitize(s) for s in steps if clean_text(s)]


@transaction.atomic
def measure_save(
    *,
    measure: Measure,
    steps: list[str],
    expected_version=None,
    user=None,
    links: dict | None = None,
) -> Measure:
    """Create or update a measure with its ordered steps; refuse a stale save."""
    if measure.pk:  # an update: from the version the page showed, never unchecked
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        measure.version = locked.version
        check_version(measure, expected_version, MEASURE_FIELDS)
        measure.version += 1
    measure.title = clean_text(measure.title)
    for name in ("rationale", "monitoring", "target", "responsible_text"):
        setattr(measure, name, sanitize(getattr(measure, name)))
    fill_dates(measure)
    measure.updated_by = user
    measure.full_clean()
    measure.save()
    for name, values in (links or {}).items():
        getattr(measure, name).set(values)
    texts = step_texts(steps)
    existing = list(measure.steps.all())
    for order, text in enumerate(texts, start=1):
        if order <= len(existing):
            step = existing[order - 1]
            if step.text != text:
                step.text = text
                step.save()
        else:
            MeasureStep.objects.create(measure=measure, order=order, text=text)
    for step in existing[len(texts) :]:
        step.delete()
    return measure


@transaction.atomic
def measures_copy(*, organisation, from_year: int, to_year: int, user=None) -> list[Measure]:
    """Copy a year's measures into the next: steps, units, links; dates one year on.
    Measures not finished in the source year are flagged as carried over."""
    if Measure.objects.of(organisation).filter(fiscal_year=to_year).exists():
        raise ValidationError(
            f"ปี {thai_digits(to_year)} มีมาตรการอยู่แล้ว จึงคัดลอกทับไม่ได้", code="exists"
        )
    shift = to_year - from_year
    copies = []
    for source in (
        Measure.objects.of(organisation)
        .filter(fiscal_year=from_year)
        .with_latest_status()
        .prefetch_related(
            "steps", "responsible_units", "indicators", "questions", "oit_items", "issues"
        )
    ):
        unfinished = not rules.is_done(source.latest_status)
        copy = Measure(
            organisation=organisation,
            fiscal_year=to_year,
            number=source.number,
            kind=source.kind,
            title=source.title,
            rationale=source.rationale,
            period_text=source.period_text.replace(thai_digits(from_year), thai_digits(to_year)),
            start_date=_shift(source.start_date, shift),
            end_date=_shift(source.end_date, shift),
            responsible_text=source.responsible_text,
            monitoring=source.monitoring,
            budget=source.budget,
            target=source.target,
            copied_from=source,
            carried_over=unfinished,
            updated_by=user,
        )
        copy.full_clean()
        copy.save()
        for name in ("responsible_units", "indicators", "questions", "oit_items", "issues"):
            getattr(copy, name).set(getattr(source, name).all())
        bulk_create_with_history(  # one query, and a history row for each step
            [MeasureStep(measure=copy, order=s.order, text=s.text) for s in source.steps.all()],
            MeasureStep,
            default_user=user,
        )
        copies.append(copy)
    if not copies:
        raise ValidationError(f"ปี {thai_digits(from_year)} ไม่มีมาตรการให้คัดลอก", code="empty")
    return copies


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


# --- progress ------------------------------------------------------------------------

PROGRESS_FIELDS = ["status", "summary", "results", "done_text", "done_on", "suggestions"]


@dataclass(kw_only=True)
class ProgressInput:
    measure: Measure
    status: str
    expected_version: int | None  # as the page showed it (0: no record yet); None is refused
    summary: str = ""
    results: str = ""
    done_text: str = ""
    done_on: datetime.date | None = None
    suggestions: str = ""


def _require_editable(progress_round):
    if not progress_round.editable:
        raise ValidationError(
            f"รายงาน{progress_round.name} อยู่ในสถานะ “{progress_round.get_state_display()}” "
            "จึงแก้ไขไม่ได้ (เนื้อหาที่ส่งหรืออนุมัติแล้วถูกล็อกไว้ เริ่มฉบับแก้ไขใหม่ก่อน)",
            code="frozen",
        )


@transaction.atomic
def progress_save_round(
    *, progress_round: ProgressRound, entries: list[ProgressInput], user=None
) -> list[Progress]:
    """Save a whole round's entries at once, all or nothing. Each entry carries the version its
    page showed (0: no record yet): rows someone else changed since are refused together, rows
    this person left as shown are left alone, and a row never filled in makes no record."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    _require_editable(progress_round)
    saved, stale = [], []
    for entry in entries:
        if entry.measure.organisation_id != progress_round.organisation_id or (
            entry.measure.fiscal_year != progress_round.fiscal_year
        ):
            raise PermissionDenied("มาตรการนี้ไม่อยู่ในรอบนี้")
        progress = Progress.objects.select_for_update().filter(
            measure=entry.measure, round=progress_round
        ).first() or Progress(measure=entry.measure, round=progress_round, version=0)
        values = {
            "status": entry.status,
            "summary": sanitize(entry.summary),
            "results": sanitize(entry.results),
            "done_text": clean_text(entry.done_text),
            "done_on": entry.done_on,
            "suggestions": sanitize(entry.suggestions),
        }
        try:
            write = needs_saving(progress, values, entry.expected_version, PROGRESS_FIELDS)
        except ConcurrentEditError as error:
            stale.append(error)
            continue
        if write:
            for key, value in values.items():
                setattr(progress, key, value)
            progress.version += 1
            progress.updated_by = user
            progress.full_clean()
            progress.save()
        if progress.pk:
            saved.append(progress)
    if stale:
        raise ConcurrentEditError(stale, code="stale")
    return saved


def progress_for_evidence(*, progress_round: ProgressRound, measure: Measure, user=None):
    """The progress record evidence is attached to, made if the row has none yet. Its version
    stays 0: nothing of the row's text was saved, so a page opened before still matches it."""
    _require_editable(progress_round)
    progress = Progress.objects.filter(measure=measure, round=progress_round).first()
    if progress is None:
        progress = Progress(measure=measure, round=progress_round, version=0, updated_by=user)
        progress.full_clean()
        progress.save()
    return progress


def evidence_add(*, progress: Progress, upload=None, url="", title="", user=None) -> Evidence:
    _require_editable(progress.round)
    evidence = Evidence(
        organisation_id=progress.round.organisation_id,
        progress=progress,
        title=clean_text(title),
        url=url.strip(),
        uploaded_by=user,
    )
    if upload is not None:
        kind = check_upload(upload)
        evidence.original_name = download_name(upload.name, kind.content_type)
        evidence.content_type = kind.content_type
        evidence.size = upload.size
        evidence.file.save("upload", upload, save=False)
    if not evidence.file and not evidence.url:
        raise ValidationError("กรุณาแนบไฟล์หรือใส่ลิงก์หลักฐาน", code="empty")
    try:
        evidence.full_clean()
    except ValidationError:
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    evidence.save()
    return evidence


# --- the OIT checklist ---------------------------------------------------------------

CHECKLIST_FIELDS = ["unit", "status", "components_done", "url", "last_checked", "notes"]


@dataclass(kw_only=True)
class ChecklistInput:
    item: OITItem
    status: str
    expected_version: int | None  # as the page showed it (0: no entry yet); None is refused
    unit: Unit | None = None
    components: list = field(default_factory=list)
    url: str = ""
    last_checked: datetime.date | None = None
    notes: str = ""


@transaction.atomic
def checklist_save(
    *, organisation, rows: list[ChecklistInput], user=None
) -> list[OITChecklistEntry]:
    """Save the checklist's rows at once, all or nothing, with the same rule as a round's
    progress: rows someone else changed since the page was opened are refused together."""
    saved, stale = [], []
    for row in rows:
        if row.unit is not None and row.unit.organisation_id != organisation.pk:
            raise PermissionDenied("ส่วนงานนี้ไม่อยู่ในหน่วยงานนี้")
        entry = OITChecklistEntry.objects.of(organisation).select_for_update().filter(
            item=row.item
        ).first() or OITChecklistEntry(organisation=organisation, item=row.item, version=0)
        values = {
            "unit": row.unit.pk if row.unit else None,
            "status": row.status,
            "components_done": frozenset(c.pk for c in row.components),
            "url": row.url.strip(),
            "last_checked": row.last_checked,
            "notes": clean_text(row.notes, multiline=True),
        }
        try:
            write = needs_saving(entry, values, row.expected_version, CHECKLIST_FIELDS)
        except ConcurrentEditError as error:
            stale.append(error)
            continue
        if write:
            entry.unit = row.unit
            for name in ("status", "url", "last_checked", "notes"):
                setattr(entry, name, values[name])
            entry.version += 1
            entry.updated_by = user
            entry.full_clean()
            entry.save()
            entry.components_done.set(row.components)
        if entry.pk:
            saved.append(entry)
    if stale:
        raise ConcurrentEditError(stale, code="stale")
    return saved


# --- rounds and their approval chain -------------------------------------------------


def standard_rounds(*, organisation, fiscal_year: int) -> list[ProgressRound]:
    """Create รอบ ๖ เดือน (1 Oct – 31 Mar) and รอบ ๑๒ เดือน (1 Oct – 30 Sep) if missing."""
    from kernel.thai import fiscal_year_bounds

    first, last = fiscal_year_bounds(fiscal_year)
    march = datetime.date(last.year, 3, 31)
    made = []
    for kind, name, end, due in (
        (ProgressRound.Kind.SIX_MONTHS, "รอบ ๖ เดือน", march, datetime.date(last.year, 4, 30)),
        (ProgressRound.Kind.TWELVE_MONTHS, "รอบ ๑๒ เดือน", last, datetime.date(last.year, 10, 31)),
    ):
        obj, _created = ProgressRound.objects.get_or_create(
            organisation=organisation,
            fiscal_year=fiscal_year,
            name=name,
            defaults={"kind": kind, "start_date": first, "end_date": end, "due_date": due},
        )
        made.append(obj)
    return made


def round_add(
    *,
    organisation,
    fiscal_year: int,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    due_date: datetime.date | None = None,
) -> ProgressRound:
    """A custom round; a name used already that year is refused in Thai (the database keeps
    the same rule)."""
    progress_round = ProgressRound(
        organisation=organisation,
        fiscal_year=fiscal_year,
        kind=ProgressRound.Kind.CUSTOM,
        name=clean_text(name),
        start_date=start_date,
        end_date=end_date,
        due_date=due_date,
    )
    progress_round.full_clean()
    progress_round.save()
    return progress_round


def chain(organisation):
    return list(ApprovalStep.objects.of(organisation).select_related("approver"))


def current_decisions(progress_round):
    return list(
        progress_round.decisions.filter(
            report_version=progress_round.report_version
        ).select_related("user", "step")
    )


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


def round_action_check(*, progress_round, user, action: str) -> None:
    """Refuse now what ``action`` (submit, approve, send_back, publish) would refuse, without
    doing it: a confirmation page asks before showing what is about to be done (and does not
    offer to publish again a report published already)."""
    Action = RoundDecision.Action
    if action == Action.SUBMIT:
        _require_editable(progress_round)
        _require_chain(progress_round.organisation)
    elif action in (Action.APPROVE, Action.SEND_BACK):
        require_turn(progress_round, user)
    elif action == Action.PUBLISH:
        _require_approved(progress_round)
        if progress_round.published:
            raise ValidationError("รายงานนี้เผยแพร่แล้ว", code="published")
    else:
        raise ValidationError("ไม่รู้จักคำสั่งนี้", code="unknown")


def _decide(progress_round, user, action, comment="", step=None, at=None):
    membership = progress_round.organisation.membership_set.filter(user=user).first()
    return RoundDecision.objects.create(
        round=progress_round,
        report_version=progress_round.report_version,
        step=step,
        step_title=step.title if step else "",
        position=membership.position if membership else "",
        action=action,
        comment=sanitize(comment),
        user=user,
        at=at or timezone.now(),
    )


@transaction.atomic
def round_submit(*, progress_round, user, at=None):
    """Send the report up the chain: what is on record now is frozen as the version the
    approvers see and sign."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    _require_editable(progress_round)
    _require_chain(progress_round.organisation)
    progress_round.state = ProgressRound.State.SUBMITTED
    progress_round.save()
    decision = _decide(progress_round, user, RoundDecision.Action.SUBMIT, at=at)
    versions.freeze(progress_round, at=decision.at)
    return progress_round


@transaction.atomic
def round_decide(*, progress_round, user, approve: bool, comment="", at=None):
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    step = require_turn(progress_round, user)
    if not approve:
        if not clean_text(comment):
            raise ValidationError("กรุณาให้ความเห็นว่าต้องแก้ไขอะไร ก่อนส่งกลับ", code="no_comment")
        _decide(progress_round, user, RoundDecision.Action.SEND_BACK, comment, step, at=at)
        progress_round.state = ProgressRound.State.DRAFT
        progress_round.save()
        return progress_round
    decision = _decide(progress_round, user, RoundDecision.Action.APPROVE, comment, step, at=at)
    if pending_step(progress_round) is None:
        progress_round.state = ProgressRound.State.APPROVED
        progress_round.save()
        versions.sign(
            versions.current_version(progress_round),
            decisions=_signed_decisions(progress_round),
            at=decision.at,
        )
    return progress_round


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
def round_publish(*, progress_round, user, at=None):
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    _require_approved(progress_round)
    if progress_round.published:
        raise ValidationError("รายงานนี้เผยแพร่แล้ว", code="published")
    decision = _decide(progress_round, user, RoundDecision.Action.PUBLISH, at=at)
    progress_round.published = True
    progress_round.published_at = decision.at
    progress_round.save()
    return progress_round
