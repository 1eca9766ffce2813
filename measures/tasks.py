"""Background work of the measures app: checking and importing large workbooks."""

from celery import shared_task
from django_scopes import scope

from assessments.models import ImportJob

from .imports import job_apply, job_preview


def _job(organisation_id, job_id, state):
    """The job, if it is still waiting for this step (a redelivered task finds it done)."""
    return (
        ImportJob.objects.filter(organisation_id=organisation_id, state=state, pk=job_id)
        .select_related("organisation", "created_by")
        .first()
    )


# acks_late (settings): a worker lost mid-task has the task delivered again; both steps are
# safe to run twice (job_apply commits its rows and "done" together).
@shared_task(acks_late=True)
def import_check(organisation_id: int, job_id: int) -> None:
    with scope(organisation=organisation_id):
        job = _job(organisation_id, job_id, ImportJob.State.CHECKING)
        if job is not None:
            job_preview(job)


@shared_task(acks_late=True)
def import_apply(organisation_id: int, job_id: int) -> None:
    with scope(organisation=organisation_id):
        job = _job(organisation_id, job_id, ImportJob.State.IMPORTING)
        if job is not None:
            job_apply(job)
