"""The measures and progress workbooks as jobs (assessments.ImportJob): check (the preview)
and apply (the confirmed import), run by a Celery worker (measures.tasks) or, for a small
file, in the request.

Checking writes nothing and holds no transaction. Applying checks the file again (someone
may have saved since the preview), then writes every row and marks the job done in ONE
transaction: a worker killed before the commit leaves nothing written and the job still
``importing``, so a re-run (the task is acknowledged late and redelivered) imports it once;
a re-run after the commit finds the job done and writes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from assessments.models import Framework, ImportJob
from kernel.thai import thai_digits
from kernel.xlsx import table_from_upload

from .models import ProgressRound
from .resources import MeasureResource, ProgressResource
from .services import measures_import, progress_save_round

# A file of at most this many rows is checked and imported in the request: measured with
# scripts/bench_imports.py (README), 100 rows check in well under a second.
INLINE_ROWS = 100
PROGRESS_EVERY = 50  # rows between two progress writes of a job


def resource_for(job: ImportJob, *, user):
    if job.kind == ImportJob.Kind.MEASURES:
        years = [job.fiscal_year - 1, job.fiscal_year]
        frameworks = Framework.objects.filter(fiscal_year__in=years)
        return MeasureResource(
            organisation=job.organisation, year=job.fiscal_year, frameworks=frameworks, user=user
        )
    return ProgressResource(progress_round=job_round(job), user=user)


def job_round(job: ImportJob):
    if job.round_id is None:
        return None
    return ProgressRound.objects.of(job.organisation).get(pk=job.round_id)


def check_editable(progress_round):
    if progress_round is not None and not progress_round.editable:
        raise ValidationError(
            f"รายงาน{progress_round.name}ส่งหรืออนุมัติแล้ว จึงนำเข้าไม่ได้ (เริ่มฉบับแก้ไขใหม่ก่อน)"
        )


def result_errors(result, resource, headers):
    """Every error of an import result, in Thai, with its row and column."""

    def column(name):
        field = resource.fields.get(name)
        title = field.column_name if field else name
        for candidate in resource.fields.values():
            if candidate.attribute == name:
                title = candidate.column_name
        letter = get_column_letter(headers.index(title) + 1) if title in headers else ""
        return f"คอลัมน์ {letter} ({title})" if letter else f"คอลัมน์ “{title}”"

    messages_ = []
    for invalid in result.invalid_rows:
        row = thai_digits(invalid.number + 1)
        for name, errors in invalid.field_specific_errors.items():
            for error in errors:
                messages_.append(f"แถว {row} {column(name)}: {error}")
        for error in invalid.non_field_specific_errors:
            messages_.append(f"แถว {row}: {error}")
    for number, errors in result.row_errors():
        for error in errors:
            messages_.append(f"แถว {thai_digits(number + 1)}: {error.error}")
    for error in result.base_errors:
        messages_.append(str(error.error))
    return messages_


def _reporter(job, on_row):
    """Write the job's progress every PROGRESS_EVERY rows (an UPDATE of its own, outside any
    transaction), and pass each row on to ``on_row``."""

    def report(done):
        if done % PROGRESS_EVERY == 0 or done == job.total:
            ImportJob.objects.of(job.organisation).filter(pk=job.pk).update(done=done)
        if on_row is not None:
            on_row(done)

    return report


def sheet_check(job: ImportJob, *, on_row=None):
    """Read and check the job's file, writing nothing: (resource, result, errors)."""
    check_editable(job_round(job))
    dataset = table_from_upload(bytes(job.content))
    resource = resource_for(job, user=job.created_by)
    resource.on_row = _reporter(job, on_row)
    result = resource.check(dataset)
    return resource, result, result_errors(result, resource, list(dataset.headers or []))


def job_preview(job: ImportJob, *, on_row=None) -> ImportJob:
    """The preview of the job's file: every row and what it would do, or every error. A file
    with errors is not kept."""
    try:
        resource, result, errors = sheet_check(job, on_row=on_row)
    except ValidationError as error:
        return _finish(job, ImportJob.State.REFUSED, {"errors": error.messages})
    if errors:
        return _finish(job, ImportJob.State.REFUSED, {"errors": errors, "totals": result.totals})
    preview = {
        "totals": dict(result.totals),
        "warnings": [str(w) for w in resource.warnings],
        "rows": [
            [n, r.import_type, r.object_repr, getattr(r, "changes", [])]
            for n, r in enumerate(result.rows, 1)
        ],
    }
    return _finish(job, ImportJob.State.CHECKED, preview)


def job_apply(job: ImportJob, *, on_row=None) -> ImportJob:
    """Import a previewed job, all or nothing, once (see the module's note)."""
    if job.state == ImportJob.State.DONE:
        return job
    try:
        resource, result, errors = sheet_check(job, on_row=on_row)
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            locked = ImportJob.objects.of(job.organisation).select_for_update().get(pk=job.pk)
            if locked.state == ImportJob.State.DONE:  # a redelivered task after the commit
                return locked
            _write(job, resource)
            totals = dict(result.totals)
            locked.result = {**job.result, "imported": totals}
            locked.state, locked.done = ImportJob.State.DONE, job.total
            locked.content = b""  # imported: the file is no longer needed
            locked.save()
    except ValidationError as error:
        return _finish(job, ImportJob.State.FAILED, {**job.result, "errors": error.messages})
    return locked


def _write(job, resource):
    if job.kind == ImportJob.Kind.MEASURES:
        measures_import(
            organisation=job.organisation,
            fiscal_year=job.fiscal_year,
            rows=resource.checked,
            user=job.created_by,
        )
    elif resource.checked:
        progress_save_round(
            progress_round=resource.round, entries=resource.checked, user=job.created_by
        )


def _finish(job, state, result):
    job.state, job.result, job.done = state, result, job.total
    fields = ["state", "result", "done", "updated_at"]
    if state == ImportJob.State.REFUSED:
        job.content = b""  # a file with errors changes nothing and is not kept
        fields.append("content")
    job.save(update_fields=fields)
    return job
