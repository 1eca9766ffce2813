"""The year's measures: the list, copying last year's, one measure's form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Framework, ImprovementIssue
from kernel.thai import thai_digits, whole_number
from organisations.access import Action

from ..dates import deadline_questions
from ..forms import DeadlineFormSet, MeasureForm
from ..grouping import UNGROUPED_TOOL, by_indicator, model_indicators
from ..models import Measure
from ..selectors import copy_sources, measure_rows, measure_states
from ..services import measure_new, measure_save, measures_copy
from .base import YearMixin, today


class MeasureListView(YearMixin, TemplateView):
    template_name = "measures/measure_list.html"

    def get_context_data(self, **kwargs):
        rows = measure_rows(self.organisation, self.year, today())
        kwargs.update(
            groups=[
                (label if tool == UNGROUPED_TOOL else f"{tool} · {label}", members)
                for tool, label, members in by_indicator(
                    rows, lambda row: model_indicators(row.measure)
                )
            ],
            count=len(rows),
            overdue=sum(r.overdue for r in rows),
            copy_sources=copy_sources(self.organisation, self.year),
            stage_inputs={"rows": rows},  # the year's stage (the navigation) needs them too
        )
        return super().get_context_data(**kwargs)


class MeasureCopyView(YearMixin, View):
    permission = Action.EDIT

    def post(self, request, *args, **kwargs):
        offered = {s.year for s in copy_sources(self.organisation, self.year)}
        from_year = whole_number(request.POST.get("from_year", str(self.year - 1)))
        if from_year not in offered:
            messages.error(request, "เลือกปีที่มีมาตรการก่อนปีนี้ เพื่อคัดลอกมาตรการ")
            return redirect("measures", org=self.organisation.code, year=self.year)
        try:
            copies = measures_copy(
                organisation=self.organisation,
                from_year=from_year,
                to_year=self.year,
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            carried = sum(c.carried_over for c in copies)
            messages.success(
                request,
                f"คัดลอกมาตรการปี {thai_digits(from_year)} มา {thai_digits(len(copies))} รายการ "
                f"(ยังไม่แล้วเสร็จ {thai_digits(carried)} รายการ ทำเครื่องหมายไว้)",
            )
        return redirect("measures", org=self.organisation.code, year=self.year)


class MeasureView(YearMixin, TemplateView):
    """One measure for anyone who may see the year: the plan, each round's progress with its
    evidence, and where its history is; edit controls only for those who may edit."""

    template_name = "measures/measure.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(
            Measure.objects.of(self.organisation)
            .filter(fiscal_year=self.year)
            .prefetch_related(
                "steps",
                "deadlines",
                "responsible_units",
                "issues",
                "indicators",
                "questions",
                "oit_items",
            ),
            pk=self.kwargs["pk"],
        )
        status, _latest, overdue = measure_states([measure], today())[measure.pk]
        progress = (
            measure.progress.select_related("round")
            .prefetch_related("evidence")
            .order_by("round__end_date", "round_id")
        )
        kwargs.update(measure=measure, status=status, overdue=overdue, progress=progress)
        return super().get_context_data(**kwargs)


class MeasureEditView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "measures/measure_form.html"

    def get_measure(self):
        if "pk" in self.kwargs:
            return get_object_or_404(
                Measure.objects.of(self.organisation).filter(fiscal_year=self.year),
                pk=self.kwargs["pk"],
            )
        return measure_new(organisation=self.organisation, fiscal_year=self.year)

    def forms(self, measure, data=None):
        frameworks = Framework.objects.filter(fiscal_year__in=[self.year - 1, self.year])
        issues = ImprovementIssue.objects.filter(
            assessment__organisation=self.organisation,
            assessment__framework__fiscal_year__in=[self.year - 1, self.year],
        )
        form = MeasureForm(
            data,
            instance=measure,
            organisation=self.organisation,
            frameworks=frameworks,
            issues=issues,
        )
        deadlines = DeadlineFormSet(data, instance=measure, prefix="deadlines")
        return form, deadlines

    def get_context_data(self, **kwargs):
        measure = self.get_measure()
        if "form" not in kwargs:
            kwargs["form"], kwargs["deadlines"] = self.forms(measure)
        kwargs["measure"] = measure
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        measure = self.get_measure()
        # a mutable copy: after a refusal the page offers the version now stored
        form, deadlines = self.forms(measure, request.POST.copy())
        questions = []
        if form.is_valid() and deadlines.is_valid() and not request.POST.get("confirm_date"):
            days = [form.cleaned_data.get("start_date"), form.cleaned_data.get("end_date")]
            days += [
                f.cleaned_data.get("due_date")
                for f in deadlines.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            questions = deadline_questions(self.year, days)
        if questions:  # asked, not refused: a typo of a year is the common case
            context = self.get_context_data(form=form, deadlines=deadlines)
            return self.render_to_response({**context, "date_questions": questions})
        if form.is_valid() and deadlines.is_valid():
            try:
                with transaction.atomic():
                    saved = measure_save(
                        measure=form.instance,
                        steps=form.step_list(),
                        expected_version=form.cleaned_data["version"],
                        user=request.user,
                        links=form.links(),
                    )
                    deadlines.instance = saved
                    deadlines.save()
            except ValidationError as error:
                current = getattr(error, "current", None)
                if current is not None:  # saving again is then a deliberate choice
                    form.data["version"] = str(current.version)
                form.add_error(None, error)
            else:
                messages.success(request, "บันทึกมาตรการแล้ว")
                return redirect("measures", org=self.organisation.code, year=self.year)
        return self.render_to_response(self.get_context_data(form=form, deadlines=deadlines))
