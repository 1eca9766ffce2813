"""Excel download and upload of measures and of a round's progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Framework, ImportJob
from ita_portal.celery import queue
from kernel.thai import whole_number
from kernel.xlsx import (
    add_choice_lists,
    new_workbook,
    table_from_upload,
    workbook_bytes,
    write_sheet,
)
from organisations.access import Action

from .imports import INLINE_ROWS, check_editable, job_apply, job_preview
from .resources import MeasureResource, ProgressResource
from .tasks import import_apply, import_check
from .views.base import RoundMixin, YearMixin
from .views.imports import imported_message, job_url, jobs_of

NEW_ROWS = 300  # rows below the exported ones that offer the drop-down lists
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MeasureExportView(YearMixin, View):
    def get(self, request, *args, **kwargs):
        resource = measure_resource(self)
        data = resource.export(resource.get_queryset().in_document_order())
        name = f"measures-{self.organisation.code}-{self.year}.xlsx"
        return _xlsx(data, "มาตรการ", name, resource)


def _xlsx(dataset, title, name, resource=None):
    workbook = new_workbook()
    # each column as wide as its longest line (10–60), as import-export's own export was
    widths = [
        min(60, max([10] + [len(line) for v in column for line in str(v or "").splitlines()]))
        for column in zip(dataset.headers, *dataset, strict=True)
    ]
    sheet = write_sheet(workbook, title, dataset.headers, list(dataset), widths)
    if resource is not None:  # drop-down lists for the kinds, statuses, units …, with room
        lists = resource.choice_lists(dataset.headers)  # for rows added below the exported
        add_choice_lists(workbook, sheet, lists, rows=len(dataset) + 1 + NEW_ROWS)
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def measure_resource(view):
    frameworks = Framework.objects.filter(fiscal_year__in=[view.year - 1, view.year])
    return MeasureResource(
        organisation=view.organisation,
        year=view.year,
        frameworks=frameworks,
        user=view.request.user,
    )


class SheetImportView(YearMixin, TemplateView):
    """Upload → check (the preview of every row, or every error) → confirm → import, all or
    nothing. A small file is checked and imported in the request; a larger one by the worker
    (measures.tasks), followed on the job's page."""

    template_name = "measures/sheet_import.html"
    kind = ImportJob.Kind.MEASURES
    permission = Action.EDIT

    def get_round(self):
        return None

    def back_url(self):
        if self.kind == ImportJob.Kind.MEASURES:
            return reverse("measures", kwargs={"org": self.organisation.code, "year": self.year})
        return reverse(
            "round",
            kwargs={"org": self.organisation.code, "year": self.year, "pk": self.get_round().pk},
        )

    def get_context_data(self, **kwargs):
        kwargs.update(kind=self.kind, back=self.back_url(), round=self.get_round())
        return super().get_context_data(**kwargs)

    def refuse(self, errors, **kwargs):
        return self.render_to_response(self.get_context_data(errors=errors, **kwargs))

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        upload = request.FILES.get("file")
        if upload is None:
            return self.refuse(["กรุณาเลือกไฟล์ Excel (.xlsx)"])
        try:
            check_editable(self.get_round())
            rows = len(table_from_upload(upload))  # bounded and quick: refuses a bad file now
        except ValidationError as error:
            return self.refuse(error.messages, filename=upload.name)
        job = ImportJob(
            organisation=self.organisation,
            kind=self.kind,
            fiscal_year=self.year,
            round_id=getattr(self.get_round(), "pk", None),
            filename=upload.name[:255],
            content=upload.read(),
            total=rows,
            created_by=request.user,
        )
        if rows > INLINE_ROWS:
            job.save()
            transaction.on_commit(lambda: queue(import_check, self.organisation.pk, job.pk))
            return redirect(job_url(job))
        job.save()
        job_preview(job)
        if job.state == ImportJob.State.REFUSED:  # shown, not kept
            job.delete()
            result = job.result
            return self.refuse(result["errors"], filename=job.filename, totals=result.get("totals"))
        return self.render_to_response(self.get_context_data(job=job))

    def confirm(self, request):
        job = get_object_or_404(
            jobs_of(self).filter(
                kind=self.kind,
                fiscal_year=self.year,
                round_id=getattr(self.get_round(), "pk", None),
                state=ImportJob.State.CHECKED,
            ),
            pk=whole_number(request.POST.get("confirm", "")),
        )
        if job.total > INLINE_ROWS:
            job.state = ImportJob.State.IMPORTING
            job.save(update_fields=["state", "updated_at"])
            transaction.on_commit(lambda: queue(import_apply, self.organisation.pk, job.pk))
            return redirect(job_url(job))
        job = job_apply(job)
        if job.state != ImportJob.State.DONE:
            return self.refuse(job.result["errors"])
        messages.success(request, imported_message(job))
        return redirect(self.back_url())


class MeasureImportView(SheetImportView):
    kind = ImportJob.Kind.MEASURES


class ProgressExportView(RoundMixin, View):
    def get(self, request, *args, **kwargs):
        progress_round = self.get_round()
        resource = ProgressResource(progress_round=progress_round, user=request.user)
        data = resource.export(resource.export_rows())
        return _xlsx(
            data,
            "ผลการดำเนินการ",
            f"progress-{self.organisation.code}-{self.year}-{progress_round.pk}.xlsx",
            resource,
        )


class ProgressImportView(RoundMixin, SheetImportView):
    kind = ImportJob.Kind.PROGRESS

    def get_round(self):
        if not hasattr(self, "_round"):
            self._round = RoundMixin.get_round(self)
        return self._round
