"""One click from the organisation's year: every official document as PDF and as XLSX."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Assessment
from measures.models import ProgressRound
from measures.views import YearMixin

from .documents import DOCUMENTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROUND_DOCUMENTS = ["r0", "r1", "r3", "r4", "r5"]


class ReportListView(YearMixin, TemplateView):
    template_name = "reports/list.html"

    def get_context_data(self, **kwargs):
        kwargs.update(
            rounds=ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year),
            assessment=Assessment.objects.of(self.organisation)
            .filter(framework__fiscal_year=self.year)
            .first(),
            round_documents=[(c, DOCUMENTS[c].title) for c in ROUND_DOCUMENTS],
            analysis_title=DOCUMENTS["r2"].title,
        )
        return super().get_context_data(**kwargs)


class ReportView(YearMixin, View):
    def get(self, request, *args, **kwargs):
        code, fmt = kwargs["code"], kwargs["fmt"]
        if code not in DOCUMENTS or fmt not in ("pdf", "xlsx"):
            raise Http404
        thai = request.GET.get("digits") != "arabic"
        if code == "r2":
            subject = get_object_or_404(
                Assessment.objects.of(self.organisation).filter(framework__fiscal_year=self.year),
                pk=kwargs["pk"],
            )
        else:
            subject = get_object_or_404(
                ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year),
                pk=kwargs["pk"],
            )
        document = DOCUMENTS[code](subject, thai_digits=thai)
        if fmt == "pdf":
            content, cached = document.pdf()
            response = HttpResponse(content, content_type="application/pdf")
            response["X-Report-Cache"] = "hit" if cached else "miss"
        else:
            response = HttpResponse(document.xlsx(), content_type=XLSX)
        name = f"{document.filename_stem()}.{fmt}"
        disposition = "inline" if fmt == "pdf" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{name}"'
        return response
