"""The page of a workbook being checked or imported in the background, and its progress as
JSON for the page's poller (static/js/import-progress.js). A job is its uploader's: another
person's, or another organisation's, is a 404."""

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from assessments.models import ImportJob
from ita_portal.celery import lost, queue
from kernel.thai import thai_digits
from organisations.access import Action

from .base import YearMixin

REFRESH_SECONDS = 3  # the page reloads itself (a Refresh header: no JavaScript needed)


def jobs_of(view):
    """The jobs the person of the request may see: their own, in the page's organisation."""
    return ImportJob.objects.of(view.organisation).filter(created_by=view.request.user)


def job_url(job):
    return reverse(
        "import-job", kwargs={"org": job.organisation.code, "year": job.fiscal_year, "pk": job.pk}
    )


def import_url(job):
    kwargs = {"org": job.organisation.code, "year": job.fiscal_year}
    if job.kind == ImportJob.Kind.PROGRESS:
        return reverse("progress-import", kwargs={**kwargs, "pk": job.round_id})
    return reverse("measures-import", kwargs=kwargs)


def back_url(job):
    kwargs = {"org": job.organisation.code, "year": job.fiscal_year}
    if job.kind == ImportJob.Kind.PROGRESS:
        return reverse("round", kwargs={**kwargs, "pk": job.round_id})
    return reverse("measures", kwargs=kwargs)


def progress_text(job) -> str:
    """ "กำลังตรวจไฟล์… ๓๕๐/๒,๐๐๐ แถว" """
    return (
        f"{job.get_state_display()}… {thai_digits(f'{job.done:,}')}/"
        f"{thai_digits(f'{job.total:,}')} แถว"
    )


def imported_message(job) -> str:
    totals = job.result.get("imported", {})
    return (
        f"นำเข้าแล้ว: เพิ่ม {thai_digits(totals.get('new', 0))} "
        f"ปรับปรุง {thai_digits(totals.get('update', 0))} รายการ"
    )


def stalled(job) -> bool:
    """A job said to be running that has not moved for longer than a task may run: its worker
    was lost (nothing was written: the import commits all at once)."""
    return lost(job.running, job.updated_at)


class ImportJobView(YearMixin, TemplateView):
    template_name = "measures/import_job.html"
    permission = Action.EDIT

    def get_job(self):
        return get_object_or_404(jobs_of(self).filter(fiscal_year=self.year), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        response = self.render_to_response(
            self.get_context_data(
                job=job,
                progress=progress_text(job),
                stalled=stalled(job),
                confirm_url=import_url(job),
                back=back_url(job),
                done_message=imported_message(job) if job.state == job.State.DONE else "",
            )
        )
        if job.running and not stalled(job):
            response["Refresh"] = str(REFRESH_SECONDS)
        return response

    def post(self, request, *args, **kwargs):
        """Start a stalled job's step again (the worker running it was lost)."""
        from ..tasks import import_apply, import_check

        job = self.get_job()
        if stalled(job):
            job.save(update_fields=["updated_at"])
            task = import_check if job.state == job.State.CHECKING else import_apply
            transaction.on_commit(lambda: queue(task, job.organisation_id, job.pk))
        return redirect(job_url(job))


class ImportJobStatusView(YearMixin, View):
    permission = Action.EDIT

    def get(self, request, *args, **kwargs):
        job = get_object_or_404(jobs_of(self).filter(fiscal_year=self.year), pk=kwargs["pk"])
        return JsonResponse(
            {
                "state": job.state,
                "running": job.running,
                "done": job.done,
                "total": job.total,
                "text": progress_text(job),
            }
        )
