"""One click from the organisation's year: every official document as PDF and as XLSX.

A PDF not rendered yet answers at once with the waiting page ("กำลังจัดทำเอกสาร…", HTTP 202)
while a worker renders it; the page polls the job's status (static/js/report-wait.js, or a
refresh without JavaScript) and then opens the same address, which serves the file.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Assessment
from kernel.thai import whole_number
from measures.models import ProgressRound, ReportVersion
from measures.views.base import YearMixin
from public.addresses import public_year_url, qr_svg

from . import jobs
from .documents import DOCUMENTS, ROUND_CODES
from .documents.r0_cover import COVERED, DEFAULT_COVERED, CoverR0
from .models import RenderJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The covers the reports page offers beside R0's own (which covers the default document).
COVER_CHOICES = [code for code in COVERED if code != DEFAULT_COVERED]


class ReportListView(YearMixin, TemplateView):
    template_name = "reports/list.html"

    def get_context_data(self, **kwargs):
        rounds = list(
            ProgressRound.objects.of(self.organisation)
            .filter(fiscal_year=self.year)
            .prefetch_related("versions")
        )
        pages = {}  # (round, code) -> pages of its latest file of the version that stands
        for subject_id, code, count in (
            RenderJob.objects.of(self.organisation)
            .filter(
                state=RenderJob.State.DONE,
                live=False,
                number__isnull=True,  # the version that stands, not an earlier one asked for
                public=False,
                code__in=ROUND_CODES,
                subject_id__in=[r.pk for r in rounds],
                pages__isnull=False,
            )
            .order_by("finished_at")
            .values_list("subject_id", "code", "pages")
        ):
            pages[(subject_id, code)] = count
        kwargs.update(
            rounds=[
                (
                    r,
                    [v for v in r.versions.all() if v.approved_at is not None],
                    [  # the classes as plain values: a template would call a class
                        {
                            "code": code,
                            "title": DOCUMENTS[code].title,
                            "use": DOCUMENTS[code].use,
                            "recommended": DOCUMENTS[code].recommended,
                            "pages": pages.get((r.pk, code)),
                            "covers": COVER_CHOICES if code == CoverR0.code else [],
                            "covers_default": DEFAULT_COVERED,
                        }
                        for code in ROUND_CODES
                    ],
                )
                for r in rounds
            ],
            assessment=Assessment.objects.of(self.organisation)
            .filter(framework__fiscal_year=self.year)
            .first(),
            round_documents=[(c, DOCUMENTS[c].title) for c in ROUND_CODES],
            analysis_title=DOCUMENTS["r2"].title,
            public_url=public_year_url(self.request, self.organisation, self.year),
        )
        return super().get_context_data(**kwargs)


class PublicPosterView(YearMixin, TemplateView):
    """An A4 poster of the year's public page: the organisation's name and a QR code of the
    address, to print and pin up (or attach to the OIT evidence)."""

    template_name = "reports/public_poster.html"

    def get_context_data(self, **kwargs):
        url = public_year_url(self.request, self.organisation, self.year)
        if url is None:
            raise Http404("ยังไม่มีรายงานที่เผยแพร่ของปีนี้")
        kwargs.update(public_url=url, qr=qr_svg(url, "คิวอาร์โค้ดหน้าเผยแพร่รายงาน ITA"))
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
        number = whole_number(request.GET.get("version", ""))
        options = {}
        if code == CoverR0.code and "for" in request.GET:  # the document the cover is for
            if request.GET["for"] not in COVERED:
                raise Http404("ไม่พบเอกสารนี้")
            options["covers"] = request.GET["for"]
        try:
            document = document_class(
                subject,
                number=number,
                live=request.GET.get("live") == "1",
                thai_digits=request.GET.get("digits") != "arabic",
                **options,
            )
        except ReportVersion.DoesNotExist:
            raise Http404("ไม่พบรายงานฉบับนี้") from None
        name = f"{document.filename_stem()}.{fmt}"
        if fmt == "pdf":
            content, job = jobs.request_pdf(
                document,
                organisation=self.organisation,
                code=code,
                subject_id=subject.pk,
                number=number,
                live=request.GET.get("live") == "1",
            )
            status_url = job and reverse(
                "report-status",
                kwargs={"org": self.organisation.code, "year": self.year, "key": job.key},
            )
            return pdf_or_waiting(request, document, name, content, job, status_url)
        response = HttpResponse(document.xlsx(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportStatusView(YearMixin, View):
    """The state of a render job of the organisation, for the waiting page's script; who may
    open the organisation's documents may read it."""

    def get(self, request, *args, **kwargs):
        job = get_object_or_404(RenderJob.objects.of(self.organisation), key=kwargs["key"])
        return status_response(job)


def status_response(job):
    response = JsonResponse(jobs.status(job), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def pdf_or_waiting(request, document, name, content, job, status_url):
    """The stored PDF; else the waiting page of its job (202), or the job's Thai failure
    (422: the document is too large to render within the limits)."""
    if content is not None:
        response = HttpResponse(content, content_type="application/pdf")
        response["X-Report-Cache"] = "hit"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
    failed = job.state == RenderJob.State.FAILED
    response = render(
        request,
        "reports/rendering.html",
        {
            "document": document,
            "title": type(document).title,
            "job": job,
            "status": jobs.status(job),
            "failed": failed,
            "status_url": status_url,
            "target_url": request.get_full_path(),
            "refresh_seconds": 3,
        },
        status=422 if failed else 202,
    )
    response["Cache-Control"] = "no-store"
    return response
