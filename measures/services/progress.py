"""Writes on a round's progress and its evidence."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kernel.richtext import sanitize
from kernel.thai import clean_text
from organisations.tenancy import in_organisation

from ..evidence import check_upload, download_name
from ..locking import ConcurrentEditError, needs_saving
from ..models import (
    Evidence,
    Measure,
    Progress,
    ProgressRound,
)

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


def progress_values(entry: ProgressInput) -> dict:
    """The tracked fields of a progress row as they are saved (text cleaned, sanitised)."""
    return {
        "status": entry.status,
        "summary": sanitize(entry.summary),
        "results": sanitize(entry.results),
        "done_text": clean_text(entry.done_text),
        "done_on": entry.done_on,
        "suggestions": sanitize(entry.suggestions),
    }


def require_editable(progress_round):
    if not progress_round.editable:
        raise ValidationError(
            f"รายงาน{progress_round.name} อยู่ในสถานะ “{progress_round.get_state_display()}” "
            "จึงแก้ไขไม่ได้ (เนื้อหาที่ส่งหรืออนุมัติแล้วถูกล็อกไว้ เริ่มฉบับแก้ไขใหม่ก่อน)",
            code="frozen",
        )


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def progress_save_round(
    *, progress_round: ProgressRound, entries: list[ProgressInput], user=None
) -> list[Progress]:
    """Save a whole round's entries at once, all or nothing. Each entry carries the version its
    page showed (0: no record yet): rows someone else changed since are refused together, rows
    this person left as shown are left alone, and a row never filled in makes no record."""
    progress_round = ProgressRound.objects.select_for_update().get(pk=progress_round.pk)
    require_editable(progress_round)
    saved, stale = [], []
    for entry in entries:
        if entry.measure.organisation_id != progress_round.organisation_id or (
            entry.measure.fiscal_year != progress_round.fiscal_year
        ):
            raise PermissionDenied("มาตรการนี้ไม่อยู่ในรอบนี้")
        progress = Progress.objects.select_for_update().filter(
            measure=entry.measure, round=progress_round
        ).first() or Progress(measure=entry.measure, round=progress_round, version=0)
        values = progress_values(entry)
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


@in_organisation(lambda **k: k["progress_round"].organisation_id)
def progress_for_evidence(*, progress_round: ProgressRound, measure: Measure, user=None):
    """The progress record evidence is attached to, made if the row has none yet. Its version
    stays 0: nothing of the row's text was saved, so a page opened before still matches it."""
    require_editable(progress_round)
    progress = Progress.objects.filter(measure=measure, round=progress_round).first()
    if progress is None:
        progress = Progress(measure=measure, round=progress_round, version=0, updated_by=user)
        progress.full_clean()
        progress.save()
    return progress


@in_organisation(lambda **k: k["progress"].measure.organisation_id)
def evidence_add(*, progress: Progress, upload=None, url="", title="", user=None) -> Evidence:
    require_editable(progress.round)
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


@dataclass(kw_only=True)
class EvidenceInput:
    measure: Measure
    upload: object = None
    url: str = ""
    title: str = ""


class EvidenceRefused(ValidationError):
    """An evidence file or link of one measure's row was refused (``measure_id`` says which)."""

    measure_id = None


@transaction.atomic
@in_organisation(lambda **k: k["progress_round"].organisation_id)
def round_progress_save(
    *,
    progress_round: ProgressRound,
    entries: list[ProgressInput],
    evidence: list[EvidenceInput] = (),
    user=None,
) -> list[Progress]:
    """The round screen's one save: every row's progress and the evidence added to rows, all
    or nothing."""
    saved = {
        p.measure_id: p
        for p in progress_save_round(progress_round=progress_round, entries=entries, user=user)
    }
    for item in evidence:
        progress = saved.get(item.measure.pk) or progress_for_evidence(
            progress_round=progress_round, measure=item.measure, user=user
        )
        try:
            evidence_add(
                progress=progress, upload=item.upload, url=item.url, title=item.title, user=user
            )
        except ValidationError as error:
            refused = EvidenceRefused(error.messages)
            refused.measure_id = item.measure.pk
            raise refused from None
    return list(saved.values())
