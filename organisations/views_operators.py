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

from kernel.forms import ThaiErrors

from . import bulk
from .models import OrganisationImport

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "samples"
SAMPLE_FILES = {
    "organisations.csv": "text/csv; charset=utf-8",
    "supervisors.csv": "text/csv; charset=utf-8",
}


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
        recent = OrganisationImport.objects.filter(status=OrganisationImport.Status.APPLIED)[:10]
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


class ImportConfirmView(PlatformAdminMixin, View):
    def post(self, request, pk):
        with transaction.atomic():
            batch = get_object_or_404(OrganisationImport.objects.select_for_update(), pk=pk)
            if batch.status != OrganisationImport.Status.PREVIEW:
                messages.error(request, "ไฟล์นี้นำเข้าไปแล้ว")
                return redirect("operator-import")
            counts = bulk.apply(batch.payload, by=request.user)
            batch.status = OrganisationImport.Status.APPLIED
            batch.applied_at = timezone.now()
            batch.summary = {**batch.summary, **counts}
            batch.payload = {}
            batch.save()
        from kernel.thai import thai_digits

        messages.success(
            request,
            "นำเข้าแล้ว: หน่วยงานใหม่ {new} แห่ง ปรับปรุง {updated} แห่ง ผู้ดูแลระบบของหน่วยงาน "
            "{administrators} บัญชี การกำกับดูแลใหม่ {supervisions} รายการ "
            "ส่งคำเชิญทางอีเมล {invitations} ฉบับ (ทยอยส่งเบื้องหลัง)".format(
                **{k: thai_digits(v) for k, v in counts.items()}
            ),
        )
        return redirect("operator-import")


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
