"""One click from the organisation's year: every official document as PDF and as XLSX.

A PDF not rendered yet answers at once with the waiting page ("กำลังจัดทำเอกสาร…", HTTP 202)
while a worker renders it; the page polls the job's status (static/js/report-wait.js, or a
refresh without JavaScript) and then opens the same address, which serves the file.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Assessment
from kernel.thai import whole_number
from measures.layouts import LAYOUT_CODES, layout_for, settings_of
from measures.models import ProgressRound, ReportVersion
from measures.services import LayoutInput, layout_round_forget, layout_save
from measures.views.base import RoundMixin, YearMixin
from organisations.access import Action
from printing.limits import RenderRefused
from public.addresses import public_year_url, qr_svg

from . import jobs
from .documents import DOCUMENTS, ROUND_CODES
from .documents.r0_cover import COVERED, DEFAULT_COVERED, CoverR0
from .forms import ORGANISATION, ROUND, LayoutForm
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
                            "layout": code in LAYOUT_CODES,
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
        if code not in DOCUMENTS or fmt not in ("pdf", "xlsx", "html"):
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
        if fmt == "html":  # to read on screen, in a frame of the portal's own pages
            return framed(document)
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


class ReportLayoutView(RoundMixin, TemplateView):
    """The settings of one of a round's documents (measures.layouts): its title, opening
    paragraph, columns, how progress and ผู้รับผิดชอบ are shown, grouping. Kept for the
    organisation (every year and round) or for this round only; a version already submitted
    or approved keeps the settings it was frozen with."""

    template_name = "reports/layout.html"
    permission = Action.EDIT

    def dispatch(self, request, *args, **kwargs):
        if kwargs["code"] not in LAYOUT_CODES:
            raise Http404("เอกสารนี้ไม่มีการตั้งค่า")
        return super().dispatch(request, *args, **kwargs)

    def setup_round(self):
        self.round = self.get_round()
        self.code = self.kwargs["code"]
        self.document_class = DOCUMENTS[self.code]
        self.own = layout_for(self.organisation, self.code, self.round)
        self.own = self.own if self.own is not None and self.own.round_id else None
        # the document as it would print from the live data now (its draft paragraph)
        self.document = self.document_class(self.round, live=True)

    def form(self, data=None):
        layout = settings_of(self.document.content, self.code)
        opening = self.document.opening()
        return LayoutForm(
            data,
            code=self.code,
            columns=self.document_class.columns,
            round_label=self.round.label,
            initial=LayoutForm.initial_for(
                layout,
                self.document_class.columns,
                opening=opening,
                scope=ROUND if self.own else ORGANISATION,
            ),
        )

    def get(self, request, *args, **kwargs):
        self.setup_round()
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.setup_round()
        back = redirect(request.path)
        if "forget" in request.POST:
            layout_round_forget(
                organisation=self.organisation, code=self.code, progress_round=self.round
            )
            messages.success(request, "รอบนี้กลับไปใช้การตั้งค่าของหน่วยงานแล้ว")
            return back
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        # drafted for the settings being kept (another memo drafts another body)
        opening, draft = self.kept_opening(form)
        redraft = "redraft" in request.POST
        if redraft:
            kept = self.document.layout["opening"]
            if kept is not None and kept.strip() != draft.strip() and "confirm" not in request.POST:
                return render(
                    request,
                    "reports/layout_redraft.html",
                    self.get_context_data(form=form, kept=kept, draft=draft),
                )
            opening = draft
        scope = form.cleaned_data["scope"]
        layout_save(
            organisation=self.organisation,
            code=self.code,
            progress_round=self.round if scope == ROUND else None,
            data=LayoutInput(
                options=form.options(), opening=opening, draft=draft, written_for=self.round
            ),
            user=request.user,
        )
        if scope == ORGANISATION:  # the round follows the organisation's settings again
            layout_round_forget(
                organisation=self.organisation, code=self.code, progress_round=self.round
            )
        messages.success(
            request,
            f"ร่าง{self.body_word}ใหม่จากข้อมูลล่าสุดแล้ว" if redraft else "บันทึกการตั้งค่าเอกสารแล้ว",
        )
        kept = self.document.layout
        if (
            not redraft
            and form.cleaned_data.get("memo", kept["memo"]) != kept["memo"]
            and opening.strip() != draft.strip()
        ):  # another memo, and a body staff wrote for the one before
            messages.info(
                request,
                "เนื้อความที่แก้ไขไว้ยังคงเดิม กด “ร่างเนื้อความใหม่จากข้อมูลล่าสุด” "
                "หากต้องการเนื้อความตามชนิดบันทึกที่เลือก",
            )
        return back

    def kept_opening(self, form) -> tuple[str, str]:
        """(the opening as it is to be kept, the draft for the form's settings): a text left
        as the saved settings drafted it follows the data and the settings."""
        draft = self.document.draft_with(form.options())
        opening = form.cleaned_data["opening"]
        if opening.strip() == self.document.draft_opening().strip():
            opening = draft
        return opening, draft

    @property
    def body_word(self) -> str:
        return "เนื้อความ" if self.code == "r5" else "ย่อหน้าเปิดเรื่อง"

    def get_context_data(self, **kwargs):
        kwargs.update(
            round=self.round,
            code=self.code,
            document_title=self.document_class.title,
            own=self.own,
            frozen=self.round.state != self.round.State.DRAFT,
            body_word=self.body_word,
        )
        return super().get_context_data(**kwargs)


# A document's HTML carries its print stylesheet inline: it is shown in frames of the portal's
# own pages only, with a policy of its own (no script at all).
PREVIEW_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


class ReportLayoutPreviewView(ReportLayoutView):
    """The document as HTML (issue 14 point 7), shown beside its settings: as the settings
    are kept (GET), or as the settings page's form now stands (POST, kept nowhere), so staff
    shape it without waiting for a PDF. The PDF is drawn from the very same HTML."""

    def get(self, request, *args, **kwargs):
        self.setup_round()
        return self.preview(self.document)

    def post(self, request, *args, **kwargs):
        self.setup_round()
        form = self.form(request.POST)
        if not form.is_valid():  # each reason with the setting it is about
            errors = [
                f"{form.fields[name].label}: {e}" if name in form.fields else e
                for name, field_errors in form.errors.items()
                for e in field_errors
            ]
            return self.preview(None, errors=errors)
        opening, draft = self.kept_opening(form)
        edited = opening if opening.strip() != draft.strip() else None
        return self.preview(self.document.shaped(form.options(), edited))

    def preview(self, document, errors=()):
        if document is None:
            response = render(
                self.request, "reports/layout_preview_refused.html", {"errors": errors}
            )
            return framed_response(response)
        return framed(document)


def framed(document) -> HttpResponse:
    """``document`` as the HTML its PDF is drawn from, with the screen fonts, for a frame of
    the portal's pages (the settings page's preview, the approval page); what stops it from
    being drawn (an approved version's emblem gone …) is said in Thai, as for its PDF."""
    document.preview = True
    try:
        html = document.html()
    except RenderRefused as refused:
        response = render(
            None, "reports/layout_preview_refused.html", {"errors": [refused.message]}, status=422
        )
        return framed_response(response)
    return framed_response(HttpResponse(html))


def framed_response(response):
    response["Content-Security-Policy"] = PREVIEW_POLICY
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cache-Control"] = "private, no-store"
    return response
