"""Excel download and upload of measures and of a round's progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from openpyxl.utils import get_column_letter

from assessments.models import Framework
from kernel.thai import thai_digits
from kernel.xlsx import new_workbook, table_from_upload, workbook_bytes, write_sheet
from organisations.access import Action

from .models import SheetUpload
from .resources import MeasureResource, ProgressResource
from .views.base import RoundMixin, YearMixin

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


class MeasureExportView(YearMixin, View):
    def get(self, request, *args, **kwargs):
        resource = measure_resource(self)
        data = resource.export(resource.get_queryset().order_by("kind", "number"))
        return _xlsx(data, "มาตรการ", f"measures-{self.organisation.code}-{self.year}.xlsx")


def _xlsx(dataset, title, name):
    workbook = new_workbook()
    # each column as wide as its longest line (10–60), as import-export's own export was
    widths = [
        min(60, max([10] + [len(line) for v in column for line in str(v or "").splitlines()]))
        for column in zip(dataset.headers, *dataset, strict=True)
    ]
    write_sheet(workbook, title, dataset.headers, list(dataset), widths)
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
    """Upload → dry run → preview of every row (or every error) → confirm → real run."""

    template_name = "measures/sheet_import.html"
    kind = SheetUpload.Kind.MEASURES
    permission = Action.EDIT

    def get_round(self):
        return None

    def resource(self):
        if self.kind == SheetUpload.Kind.MEASURES:
            return measure_resource(self)
        return ProgressResource(progress_round=self.get_round(), user=self.request.user)

    def back_url(self):
        if self.kind == SheetUpload.Kind.MEASURES:
            return reverse("measures", kwargs={"org": self.organisation.code, "year": self.year})
        return reverse(
            "round",
            kwargs={"org": self.organisation.code, "year": self.year, "pk": self.get_round().pk},
        )

    def run(self, dataset, dry_run):
        """The import's result, its errors and its warnings (a file without versions)."""
        resource = self.resource()
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, rollback_on_validation_errors=True
        )
        errors = result_errors(result, resource, list(dataset.headers or []))
        return result, errors, resource.warnings

    def get_context_data(self, **kwargs):
        kwargs.update(kind=self.kind, back=self.back_url(), round=self.get_round())
        return super().get_context_data(**kwargs)

    def check_editable(self):
        progress_round = self.get_round()
        if progress_round is not None and not progress_round.editable:
            raise ValidationError(
                f"รายงาน{progress_round.name}ส่งหรืออนุมัติแล้ว จึงนำเข้าไม่ได้ (เริ่มฉบับแก้ไขใหม่ก่อน)"
            )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        upload = request.FILES.get("file")
        if upload is None:
            return self.render_to_response(
                self.get_context_data(errors=["กรุณาเลือกไฟล์ Excel (.xlsx)"])
            )
        try:
            self.check_editable()
            dataset = table_from_upload(upload)
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(errors=error.messages, filename=upload.name)
            )
        content = upload.read()
        result, errors, warnings = self.run(dataset, dry_run=True)
        if errors:
            return self.render_to_response(
                self.get_context_data(errors=errors, filename=upload.name, totals=result.totals)
            )
        sheet = SheetUpload.objects.create(
            organisation=self.organisation,
            kind=self.kind,
            fiscal_year=self.year,
            round=self.get_round(),
            filename=upload.name[:255],
            content=content,
            created_by=request.user,
        )
        return self.render_to_response(
            self.get_context_data(
                sheet=sheet,
                totals=result.totals,
                filename=upload.name,
                warnings=warnings,
                rows=[(n, r.import_type, r.object_repr) for n, r in enumerate(result.rows, 1)],
            )
        )

    def confirm(self, request):
        sheet = get_object_or_404(
            SheetUpload.objects.of(self.organisation).filter(
                kind=self.kind, fiscal_year=self.year, round=self.get_round(), applied=False
            ),
            pk=request.POST.get("confirm"),
        )
        try:
            self.check_editable()
            with transaction.atomic():
                result, errors, _warnings = self.run(
                    table_from_upload(bytes(sheet.content)), dry_run=False
                )
                if errors:
                    raise ValidationError(errors)
                sheet.applied = True
                sheet.save(update_fields=["applied"])
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        totals = result.totals
        messages.success(
            request,
            f"นำเข้าแล้ว: เพิ่ม {thai_digits(totals.get('new', 0))} "
            f"ปรับปรุง {thai_digits(totals.get('update', 0))} รายการ",
        )
        return redirect(self.back_url())


class MeasureImportView(SheetImportView):
    kind = SheetUpload.Kind.MEASURES


class ProgressExportView(RoundMixin, View):
    def get(self, request, *args, **kwargs):
        progress_round = self.get_round()
        resource = ProgressResource(progress_round=progress_round, user=request.user)
        data = resource.export(resource.export_rows())
        return _xlsx(
            data,
            "ผลการดำเนินการ",
            f"progress-{self.organisation.code}-{self.year}-{progress_round.pk}.xlsx",
        )


class ProgressImportView(RoundMixin, SheetImportView):
    kind = SheetUpload.Kind.PROGRESS

    def get_round(self):
        if not hasattr(self, "_round"):
            self._round = RoundMixin.get_round(self)
        return self._round
