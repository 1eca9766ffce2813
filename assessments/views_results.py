"""Recording an organisation's official results of a year: view, enter, import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from kernel.thai import thai_digits
from organisations.access import Action
from organisations.views_base import OrganisationMixin

from .forms import AssessorSuggestionFormSet, ResultsForm, score_key
from .models import Assessment, Framework, ImportBatch, Part
from .results import ResultsData, assessment_for_year, results_save
from .scoring import score_sheet
from .workbook import read_results_workbook, results_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class YearMixin(OrganisationMixin):
    """An organisation's fiscal year: the framework must exist; the assessment may not yet."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.framework = get_object_or_404(Framework, fiscal_year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def assessment(self):
        if not hasattr(self, "_assessment"):
            self._assessment = (
                Assessment.objects.of(self.organisation).filter(framework=self.framework).first()
            )
        return self._assessment

    def assessment_or_new(self):
        """The recorded assessment, or an unsaved one to show an empty form against."""
        return self.assessment or Assessment(
            organisation=self.organisation, framework=self.framework
        )

    def get_context_data(self, **kwargs):
        kwargs.update(
            framework=self.framework, year=self.framework.fiscal_year, assessment=self.assessment
        )
        # these results open the next year's cycle: its navigation
        kwargs.update(
            nav_year=self.framework.fiscal_year + 1, results_year=self.framework.fiscal_year
        )
        return super().get_context_data(**kwargs)


def result_sections(sheet, form=None):
    """The ITAS-shaped tables: per tool, its indicators then their questions (or OIT items)."""
    sections = []
    for tool in sheet.tools:
        parts = sheet.parts_of(tool)
        split = parts != [Part.WHOLE]
        columns = [Part(p).label for p in parts] + (["ภาพรวม"] if split else [])
        rows = []
        for indicator in [i for i in sheet.indicators if i.tool_id == tool.pk]:
            keys = [score_key("ind", indicator.number, p) for p in parts] + (
                [score_key("ind", indicator.number, 0)] if split else []
            )
            values = [sheet.indicator_scores.get((indicator.pk, p)) for p in parts] + (
                [sheet.indicator_scores.get((indicator.pk, 0))] if split else []
            )
            rows.append(_row(form, "indicator", str(indicator), "", keys, values))
            for q in sheet.questions_of(indicator):
                keys = [score_key("q", q.code, p) for p in parts] + ([None] if split else [])
                values = [sheet.question_scores.get((q.pk, p)) for p in parts] + (
                    [None] if split else []
                )
                rows.append(_row(form, "question", q.text, q.code, keys, values))
            for item in sheet.items_of(indicator):
                rows.append(
                    _row(
                        form,
                        "item",
                        item.name,
                        item.code,
                        [score_key("item", item.code)],
                        [sheet.item_scores.get(item.pk)],
                    )
                )
        tool_keys = [score_key("tool", tool.code, p) for p in parts]
        sections.append(
            {
                "tool": tool,
                "columns": columns,
                "rows": rows,
                "tool_fields": [form[k] for k in tool_keys] if form else [],
            }
        )
    return sections


def _row(form, kind, label, code, keys, values):
    return {
        "kind": kind,
        "label": label,
        "code": code,
        "values": values,
        "fields": [form[k] if (form is not None and k) else None for k in keys],
    }


class ResultsView(YearMixin, TemplateView):
    template_name = "assessments/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.assessment:
            sheet = score_sheet(self.assessment)
            context.update(
                sheet=sheet,
                sections=result_sections(sheet),
                total=sheet.total_figure(),
                tool_figures=sheet.tool_figures(),
                indicator_figures=sheet.indicator_figures(),
                disagreements=sheet.disagreements(),
                suggestions=self.assessment.assessor_suggestions.select_related("tool"),
            )
        return context


class ResultsEditView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "assessments/results_edit.html"

    def forms(self, data=None):
        sheet = score_sheet(self.assessment_or_new())
        initial = ResultsForm.initial_from(sheet) if self.assessment else {}
        form = ResultsForm(data, sheet=sheet, initial=initial)
        suggestions = AssessorSuggestionFormSet(
            data,
            prefix="sug",
            form_kwargs={"framework": self.framework},
            initial=[
                {"tool": s.tool.code, "part": s.part, "code": s.code, "text": s.text}
                for s in (
                    self.assessment.assessor_suggestions.select_related("tool")
                    if self.assessment
                    else []
                )
            ],
        )
        return sheet, form, suggestions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            sheet, form, suggestions = self.forms()
            context.update(form=form, suggestions=suggestions, sheet=sheet)
        context["sections"] = result_sections(context["sheet"], context["form"])
        return context

    def post(self, request, *args, **kwargs):
        sheet, form, suggestions = self.forms(request.POST)
        if form.is_valid() and suggestions.is_valid():
            rows = [
                f.cleaned_data
                for f in suggestions.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                with transaction.atomic():
                    assessment = assessment_for_year(self.organisation, self.framework)
                    results_save(
                        assessment=assessment, data=form.results_data(rows), user=request.user
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "บันทึกผลการประเมินแล้ว")
                return redirect(
                    "results", org=self.organisation.code, year=self.framework.fiscal_year
                )
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
        return self.render_to_response(
            self.get_context_data(form=form, suggestions=suggestions, sheet=sheet)
        )


class ResultsTemplateView(YearMixin, TemplateView):
    permission = Action.EDIT

    def get(self, request, *args, **kwargs):
        content = results_template(score_sheet(self.assessment_or_new()))
        response = HttpResponse(content, content_type=XLSX)
        name = f"ita-results-{self.organisation.code}-{self.framework.fiscal_year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ResultsImportView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "assessments/results_import.html"

    def post(self, request, *args, **kwargs):
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "กรุณาเลือกไฟล์ Excel (.xlsx) ที่จะนำเข้า")
            return self.render_to_response(self.get_context_data())
        sheet = score_sheet(self.assessment_or_new())
        result = read_results_workbook(upload, sheet)
        rows = _jsonable(result.rows)
        if result.errors:
            # shown, not kept: a workbook with errors changes nothing at all
            return self.render_to_response(
                self.get_context_data(errors=result.errors, rows=rows, filename=upload.name),
                status=200,
            )
        batch = ImportBatch.objects.create(
            organisation=self.organisation,
            framework=self.framework,
            filename=upload.name[:255],
            payload={"data": result.data.to_json(), "rows": rows},
            created_by=request.user,
        )
        return redirect(
            "results-import-preview",
            org=self.organisation.code,
            year=self.framework.fiscal_year,
            batch=batch.pk,
        )


def _jsonable(rows):
    return [{**r, "values": [str(v) if v is not None else None for v in r["values"]]} for r in rows]


class ResultsImportPreviewView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "assessments/results_import_preview.html"

    def get_batch(self):
        return get_object_or_404(
            ImportBatch.objects.of(self.organisation).filter(framework=self.framework),
            pk=self.kwargs["batch"],
        )

    def get_context_data(self, **kwargs):
        batch = self.get_batch()
        data = ResultsData.from_json(batch.payload["data"])
        kwargs.update(batch=batch, rows=batch.payload["rows"], count=data.count())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        back = redirect("results", org=self.organisation.code, year=self.framework.fiscal_year)
        if batch.status != ImportBatch.Status.PREVIEW:
            messages.error(request, "ไฟล์นี้ถูกนำเข้าหรือยกเลิกไปแล้ว")
            return back
        if request.POST.get("action") == "discard":
            batch.status = ImportBatch.Status.DISCARDED
            batch.save(update_fields=["status"])
            messages.info(request, "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดเปลี่ยนแปลง")
            return back
        with transaction.atomic():
            results_save(
                assessment=assessment_for_year(self.organisation, self.framework),
                data=ResultsData.from_json(batch.payload["data"]),
                user=request.user,
            )
            batch.status = ImportBatch.Status.APPLIED
            batch.save(update_fields=["status"])
        messages.success(
            request, f"นำเข้าผลการประเมินปี {thai_digits(self.framework.fiscal_year)} แล้ว"
        )
        return back
