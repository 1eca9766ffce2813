"""Platform operators' pages outside the Django admin: the bulk import of organisations and
supervisors (/operators/organisations/import/)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ita_portal.celery import lost, queue
from kernel.forms import ThaiErrors
from kernel.thai import thai_digits

from . import bulk
from .models import OrganisationImport
from .tasks import apply_organisation_import

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "samples"
SAMPLE_FILES = {
    "organisations.csv": "text/csv; charset=utf-8",
    "supervisors.csv": "text/csv; charset=utf-8",
}
REFRESH_SECONDS = 3  # a running import's page reloads itself (a Refresh header, no script)


class PlatformAdminMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_platform_admin:
            raise PermissionDenied("หน้านี้สำหรับผู้ดูแลระบบของแพลตฟอร์มเท่านั้น")
        return super().dispatch(request, *args, **kwargs)


class UploadForm(ThaiErrors, forms.Form):
    sheet = forms.FileField(
        label=_("ไฟล์ Excel (.xlsx) หรือ CSV (UTF-8)"),
        error_messages={"required": _("กรุณาเลือกไฟล์")},
    )


class ImportView(PlatformAdminMixin, TemplateView):
    template_name = "organisations/operators_import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        recent = OrganisationImport.objects.exclude(status=OrganisationImport.Status.PREVIEW)[:10]
        return super().get_context_data(recent=recent, samples=SAMPLE_FILES, **kwargs)

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["sheet"]
        result = bulk.preview(upload)
        if result.error_count:
            return self.render_to_response(
                self.get_context_data(form=form, preview=result, filename=upload.name)
            )
        batch = OrganisationImport.objects.create(
            filename=upload.name[:255],
            payload=result.payload(),
            summary=result.counts(),
            created_by=request.user,
        )
        return self.render_to_response(
            self.get_context_data(form=form, preview=result, batch=batch, filename=upload.name)
        )


def applied_message(counts) -> str:
    return (
        "นำเข้าแล้ว: หน่วยงานใหม่ {new} แห่ง ปรับปรุง {updated} แห่ง ผู้ดูแลระบบของหน่วยงาน "
        "{administrators} บัญชี การกำกับดูแลใหม่ {supervisions} รายการ "
        "ส่งคำเชิญทางอีเมล {invitations} ฉบับ (ทยอยส่งเบื้องหลัง)"
    ).format(**{k: thai_digits(counts.get(k, 0)) for k in APPLIED_COUNTS})


APPLIED_COUNTS = ("new", "updated", "administrators", "supervisions", "invitations")


class ImportConfirmView(PlatformAdminMixin, View):
    """ "ยืนยันนำเข้าทั้งหมด": a short sheet is written at once; a long one is handed to a
    worker and followed on its own page."""

    def post(self, request, pk):
        batch = get_object_or_404(OrganisationImport, pk=pk)
        if batch.status != OrganisationImport.Status.PREVIEW:
            messages.error(request, "ไฟล์นี้นำเข้าไปแล้ว")
            return redirect("operator-import")
        if batch.rows <= bulk.INLINE_ROWS:
            counts = bulk.confirm(batch.pk, by=request.user)
            if counts is None:
                messages.error(request, "ไฟล์นี้นำเข้าไปแล้ว")
            else:
                messages.success(request, applied_message(counts))
            return redirect("operator-import")
        with transaction.atomic():
            started = OrganisationImport.objects.filter(
                pk=pk, status=OrganisationImport.Status.PREVIEW
            ).update(
                status=OrganisationImport.Status.APPLYING,
                confirmed_by=request.user,
                updated_at=timezone.now(),
            )
            if started:
                transaction.on_commit(lambda: queue(apply_organisation_import, pk))
        return redirect("operator-import-job", pk=pk)


class ImportJobView(PlatformAdminMixin, TemplateView):
    """The page of a sheet being written by a worker: it reloads itself until the import is
    done, then says what was imported; a worker lost on the way can be started again."""

    template_name = "organisations/operators_import_job.html"

    def get(self, request, pk):
        batch = get_object_or_404(OrganisationImport, pk=pk)
        if batch.status == OrganisationImport.Status.PREVIEW:
            return redirect("operator-import")
        is_lost = lost(batch.running, batch.updated_at)
        response = self.render_to_response(
            self.get_context_data(
                batch=batch,
                stalled=is_lost,
                done_message=applied_message(batch.summary) if not batch.running else "",
            )
        )
        if batch.running and not is_lost:
            response["Refresh"] = str(REFRESH_SECONDS)
        return response

    def post(self, request, pk):
        """Start a stalled import again (nothing of it was written)."""
        batch = get_object_or_404(OrganisationImport, pk=pk)
        if lost(batch.running, batch.updated_at):
            batch.save(update_fields=["updated_at"])
            transaction.on_commit(lambda: queue(apply_organisation_import, batch.pk))
        return redirect("operator-import-job", pk=pk)


class SampleView(PlatformAdminMixin, View):
    def get(self, request, name):
        if name not in SAMPLE_FILES:
            from django.http import Http404

            raise Http404("ไม่พบไฟล์ตัวอย่าง")
        return FileResponse(
            (SAMPLES / name).open("rb"),
            as_attachment=True,
            filename=name,
            content_type=SAMPLE_FILES[name],
        )
