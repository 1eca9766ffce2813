"""One click from the organisation's year: every official document as PDF and as XLSX."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Assessment
from kernel.thai import arabic_digits
from measures.models import ProgressRound, ReportVersion
from measures.views.base import YearMixin

from .documents import DOCUMENTS, ROUND_CODES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportListView(YearMixin, TemplateView):
    template_name = "reports/list.html"

    def get_context_data(self, **kwargs):
        rounds = (
            ProgressRound.objects.of(self.organisation)
            .filter(fiscal_year=self.year)
            .prefetch_related("versions")
        )
        kwargs.update(
            rounds=[
                (r, [v for v in r.versions.all() if v.approved_at is not None]) for r in rounds
            ],
            assessment=Assessment.objects.of(self.organisation)
            .filter(framework__fiscal_year=self.year)
            .first(),
            round_documents=[(c, DOCUMENTS[c].title) for c in ROUND_CODES],
            analysis_title=DOCUMENTS["r2"].title,
        )
        return super().get_context_data(**kwargs)


class ReportView(YearMixin, View):
    """A document of the year: the version that stands now (the approved one, or the one under
    review), ``?version=N`` for an earlier approved version, ``?live=1`` for a draft of the
    data as it is now."""

    def get(self, request, *args, **kwargs):
        code, fmt = kwargs["code"], kwargs["fmt"]
        if code not in DOCUMENTS or fmt not in ("pdf", "xlsx"):
            raise Http404("ไม่พบเอกสารนี้")
        document_class = DOCUMENTS[code]
        if document_class.subject == "assessment":
            queryset = Assessment.objects.of(self.organisation).filter(
                framework__fiscal_year=self.year
            )
        else:
            queryset = ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year)
        subject = get_object_or_404(queryset, pk=kwargs["pk"])
        number = arabic_digits(request.GET.get("version", ""))
        try:
            document = document_class(
                subject,
                number=int(number) if number.isdigit() else None,
                live=request.GET.get("live") == "1",
                thai_digits=request.GET.get("digits") != "arabic",
            )
        except ReportVersion.DoesNotExist:
            raise Http404("ไม่พบรายงานฉบับนี้") from None
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
