"""The analysis workspace: ranking, strengths and weaknesses, per-indicator tables and
narratives, OIT items without full marks, comparison with last year, issues to raise."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from kernel.charts import horizontal_bars, web_chart
from kernel.forms import ThaiErrors
from kernel.thai import clean_text, digits, whole_number
from organisations.access import Action
from organisations.views_base import OrganisationMixin

from .analysis import analyse, analysis_draft, edited_texts_that_would_change, guidelines_for
from .forms import GuidelineForm, ImprovementIssueForm
from .levels import FULL_MARKS, PASS_MARK
from .models import AnalysisText, Guideline, ImprovementIssue
from .views_results import YearMixin


class AnalysisView(YearMixin, TemplateView):
    template_name = "assessments/analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.assessment is None:
            return context
        analysis = analyse(self.assessment)
        texts = {t.key: t for t in AnalysisText.objects.filter(assessment=self.assessment)}
        indicators = []
        for indicator in analysis.sheet.indicators:
            row = analysis.row_for(indicator)
            if row is None:
                continue
            question_rows = [
                (q, texts.get(f"guideline:q:{q.code}")) for q in analysis.question_rows(indicator)
            ]
            item_rows = [
                (i, s, texts.get(f"guideline:o:{i.code}")) for i, s in analysis.item_rows(indicator)
            ]
            indicators.append(
                {
                    "indicator": indicator,
                    "row": row,
                    "questions": question_rows,
                    "items": item_rows,
                    "narrative": texts.get(f"narrative:{indicator.number}"),
                    "weakest": analysis.weakest_questions(indicator),
                }
            )
        context.update(
            analysis=analysis,
            indicators=indicators,
            summary=texts.get("summary"),
            drafted=bool(texts),
            pass_mark=PASS_MARK,
            full_marks=FULL_MARKS,
            issues=self.assessment.issues.prefetch_related("indicators", "questions", "oit_items"),
            chart=(
                web_chart(
                    horizontal_bars,
                    [(str(r.indicator), r.score) for r in analysis.ranking],
                    target=PASS_MARK,
                    maximum=FULL_MARKS,
                    title="คะแนนรายตัวชี้วัด เรียงตามอันดับ",
                )
            ),
        )
        return context


class AnalysisDraftView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "assessments/analysis_draft_confirm.html"

    def get_context_data(self, **kwargs):
        assessment = self._require()
        return super().get_context_data(
            would_change=edited_texts_that_would_change(assessment), **kwargs
        )

    def _require(self):
        if self.assessment is None:
            raise Http404("ยังไม่มีผลการประเมินของปีนี้")
        return self.assessment

    def post(self, request, *args, **kwargs):
        outcome = analysis_draft(
            self._require(),
            replace_edited=request.POST.get("replace_edited") == "1",
            user=request.user,
        )
        text = (
            f"ร่างจากข้อมูลแล้ว: สร้างใหม่ {digits(outcome.created)}"
            f" ปรับตามข้อมูล {digits(outcome.updated)}"
            f" แทนที่ข้อความที่แก้ไข {digits(outcome.replaced)}"
        )
        if outcome.kept_edited:
            text += f" และคงข้อความที่เจ้าหน้าที่แก้ไขไว้ {digits(len(outcome.kept_edited))} รายการ"
        messages.success(request, text)
        return redirect("analysis", org=self.organisation.code, year=self.framework.fiscal_year)


class IndicatorTextsForm(ThaiErrors, forms.Form):
    """The narrative and every guideline of one indicator, on one screen."""

    def __init__(self, *args, texts, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = texts
        for text in texts:
            self.fields[text.key] = forms.CharField(
                label=text.get_kind_display(),
                required=False,
                initial=text.text,
                widget=forms.Textarea(attrs={"rows": 6 if text.kind == "narrative" else 3}),
            )


class AnalysisIndicatorView(YearMixin, TemplateView):
    permission = Action.EDIT
    template_name = "assessments/analysis_indicator.html"

    def setup_texts(self):
        assessment = self.assessment
        if assessment is None:
            raise Http404
        self.indicator = get_object_or_404(self.framework.indicators, number=self.kwargs["number"])
        texts = list(
            AnalysisText.objects.filter(assessment=assessment, indicator=self.indicator)
            .select_related("question", "item")
            .order_by("kind", "question__number", "item__number")
        )
        if not texts:
            raise Http404("ยังไม่ได้ร่างการวิเคราะห์ของตัวชี้วัดนี้")
        return texts

    def get_context_data(self, **kwargs):
        texts = self.setup_texts()
        form = kwargs.pop("form", None) or IndicatorTextsForm(texts=texts)
        rows = []
        for text in texts:
            code = text.question.code if text.question else text.item.code if text.item else ""
            rows.append(
                {
                    "text": text,
                    "field": form[text.key],
                    "library": guidelines_for(
                        self.organisation, self.framework.fiscal_year, self.indicator.number, code
                    )
                    if text.kind == AnalysisText.Kind.GUIDELINE
                    else [],
                }
            )
        return super().get_context_data(indicator=self.indicator, form=form, rows=rows, **kwargs)

    def post(self, request, *args, **kwargs):
        texts = self.setup_texts()
        form = IndicatorTextsForm(request.POST, texts=texts)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            for text in texts:
                new = clean_text(form.cleaned_data.get(text.key, ""), multiline=True)
                if new != text.text:
                    text.text = new
                    text.updated_by = request.user
                    text.save()
        messages.success(request, "บันทึกการวิเคราะห์แล้ว")
        return redirect("analysis", org=self.organisation.code, year=self.framework.fiscal_year)


class IssueEditView(YearMixin, TemplateView):
    """Create (no pk) or edit an issue to raise; ``?indicator=n`` pre-fills one from the
    analysis of a weak indicator."""

    permission = Action.EDIT
    template_name = "assessments/issue_form.html"

    def get_issue(self):
        if self.assessment is None:
            raise Http404("ยังไม่มีผลการประเมินของปีนี้")
        if "pk" in self.kwargs:
            return get_object_or_404(self.assessment.issues, pk=self.kwargs["pk"])
        issue = ImprovementIssue(assessment=self.assessment)
        issue.number = (
            self.assessment.issues.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        return issue

    def initial(self, issue):
        number = whole_number(self.request.GET.get("indicator", ""))
        if issue.pk or number is None:
            return {}
        indicator = self.framework.indicators.filter(number=number).first()
        if indicator is None:
            return {}
        analysis = analyse(self.assessment)
        weakest = [w.question for w in analysis.weakest_questions(indicator)]
        items = [i for i, s in analysis.item_rows(indicator) if s is not None and s < FULL_MARKS]
        return {
            "title": indicator.name,
            "indicators": [indicator],
            "questions": weakest,
            "oit_items": items,
        }

    def get_context_data(self, **kwargs):
        issue = self.get_issue()
        form = kwargs.pop("form", None) or ImprovementIssueForm(
            instance=issue, framework=self.framework, initial=self.initial(issue)
        )
        return super().get_context_data(form=form, issue=issue, **kwargs)

    def post(self, request, *args, **kwargs):
        issue = self.get_issue()
        if request.POST.get("delete") == "1" and issue.pk:
            issue.delete()
            messages.success(request, "ลบประเด็นแล้ว")
        else:
            form = ImprovementIssueForm(request.POST, instance=issue, framework=self.framework)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            form.save()
            messages.success(request, "บันทึกประเด็นที่ต้องยกระดับแล้ว")
        return redirect("analysis", org=self.organisation.code, year=self.framework.fiscal_year)


class GuidelineListView(OrganisationMixin, TemplateView):
    """The guideline library as this organisation sees it; staff add their own."""

    template_name = "assessments/guidelines.html"
    permission = {"GET": Action.VIEW, "POST": Action.EDIT}

    def get_context_data(self, **kwargs):
        guidelines = Guideline.objects.filter(
            Q(organisation=self.organisation) | Q(organisation__isnull=True)
        )
        return super().get_context_data(
            guidelines=guidelines,
            form=kwargs.pop("form", None) or GuidelineForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = GuidelineForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        guideline = form.save(commit=False)
        guideline.organisation = self.organisation
        guideline.source = f"เพิ่มโดย {request.user}"
        guideline.save()
        messages.success(request, "เพิ่มแนวทางในคลังของหน่วยงานแล้ว")
        return redirect("guidelines", org=self.organisation.code)
