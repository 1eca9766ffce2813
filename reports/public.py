"""What the public and the NACC assessors see without logging in, at stable addresses.

An organisation's year is public once one of its rounds is published (approved, then
published by staff or an executive). Only published rounds' progress and evidence, and their
reports, appear — on the page and in the open data alike.
"""

import csv
import datetime
import io

import qrcode
import qrcode.image.svg
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from assessments.models import Framework
from assessments.services import framework_to_data
from ita_portal.thai import format_date
from ita_portal.xlsx import new_workbook, safe_text, workbook_bytes, write_sheet
from measures.models import Evidence, Measure, Progress, ProgressRound
from organisations.models import Organisation

from .documents import DOCUMENTS

PUBLIC_DOCUMENTS = ["r1", "r2", "r3", "r4"]
SCHEMA = "https://ita-portal/schema/public-year/1"
FIELDS = [
    "organisation",
    "fiscal_year",
    "round",
    "round_period",
    "number",
    "kind",
    "title",
    "steps",
    "period",
    "responsible",
    "status",
    "summary",
    "results",
    "done",
    "suggestions",
    "evidence",
    "updated",
]


def published(code, year):
    """The organisation and its published rounds of the year, or 404."""
    organisation = get_object_or_404(Organisation, code=code)
    rounds = list(
        ProgressRound.objects.of(organisation)
        .filter(fiscal_year=year, published=True)
        .order_by("end_date")
    )
    if not rounds:
        raise Http404("ยังไม่มีรายงานที่เผยแพร่ของปีนี้")
    return organisation, rounds


def public_rows(request, organisation, year, rounds):
    """One row per published (measure, round): the content every public format carries."""
    measures = (
        Measure.objects.of(organisation)
        .filter(fiscal_year=year)
        .prefetch_related("steps", "responsible_units")
        .order_by("kind", "number")
    )
    progress = {
        (p.measure_id, p.round_id): p
        for p in Progress.objects.filter(round__in=rounds).prefetch_related("evidence")
    }
    rows = []
    for m in measures:
        for r in rounds:
            p = progress.get((m.pk, r.pk))
            rows.append(
                {
                    "organisation": organisation.code,
                    "fiscal_year": year,
                    "round": r.name,
                    "round_period": f"{r.start_date.isoformat()}/{r.end_date.isoformat()}",
                    "number": m.number,
                    "kind": m.kind,
                    "title": m.title,
                    "steps": [s.text for s in m.steps.all()],
                    "period": m.period_text,
                    "responsible": [u.name for u in m.responsible_units.all()]
                    or ([m.responsible_text] if m.responsible_text else []),
                    "status": p.status if p else "not_started",
                    "summary": p.summary if p else "",
                    "results": p.results if p else "",
                    "done": p.done_on.isoformat()
                    if p and p.done_on
                    else (p.done_text if p else ""),
                    "suggestions": p.suggestions if p else "",
                    "evidence": [_evidence_url(request, e) for e in p.evidence.all()] if p else [],
                    "updated": (p.updated_at if p else r.published_at).isoformat(timespec="seconds")
                    if (p or r.published_at)
                    else "",
                }
            )
    return rows


def _evidence_url(request, evidence: Evidence):
    if evidence.file:
        return request.build_absolute_uri(
            reverse("public-evidence", kwargs={"token": evidence.public_token})
        )
    return evidence.url


def qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="คิวอาร์โค้ดแบบวัด EIT" ', 1))  # noqa: S308


@require_GET
@cache_control(public=True, max_age=300)
def public_year(request, org, year):
    organisation, rounds = published(org, year)
    rows = public_rows(request, organisation, year, rounds)
    measures = {}
    for row in rows:
        measures.setdefault((row["kind"], row["number"]), {"row": row, "rounds": []})[
            "rounds"
        ].append(row)
    assessment = organisation.assessment_set.filter(framework__fiscal_year=year).first()
    documents = [
        (r, code, DOCUMENTS[code].title)
        for r in rounds
        for code in PUBLIC_DOCUMENTS
        if code != "r2"
    ]
    updated = max((row["updated"] for row in rows if row["updated"]), default="")
    return render(
        request,
        "reports/public_year.html",
        {
            "organisation": organisation,
            "year": year,
            "rounds": rounds,
            "measures": list(measures.values()),
            "documents": documents,
            "analysis": assessment if assessment and assessment.total_score is not None else None,
            "qr": qr_svg(organisation.eit_survey_url) if organisation.eit_survey_url else "",
            "updated": updated[:10],
            "updated_date": _date(updated),
        },
    )


def _date(iso):
    return format_date(datetime.date.fromisoformat(iso[:10])) if iso else ""


@require_GET
def public_data(request, org, year, fmt):
    organisation, rounds = published(org, year)
    rows = public_rows(request, organisation, year, rounds)
    name = f"ita-{organisation.code}-{year}"
    if fmt == "json":
        response = JsonResponse(
            {
                "schema": SCHEMA,
                "organisation": {
                    "code": organisation.code,
                    "name": organisation.name,
                    "district": organisation.district,
                    "province": organisation.province,
                    "eit_survey_url": organisation.eit_survey_url,
                },
                "fiscal_year": year,
                "fields": FIELDS,
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_text(v) for k, v in _flat(row).items()})
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        workbook = new_workbook()
        write_sheet(workbook, "data", FIELDS, [[_flat(r)[f] for f in FIELDS] for r in rows])
        response = HttpResponse(
            workbook_bytes(workbook),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _flat(row):
    """A row for CSV/XLSX: lists joined by a newline, numbers kept as numbers."""
    return {k: "\n".join(v) if isinstance(v, list) else v for k, v in row.items()}


@require_GET
def public_framework(request, year):
    framework = get_object_or_404(Framework, fiscal_year=year)
    response = JsonResponse(framework_to_data(framework), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_report(request, org, year, pk, code):
    organisation, rounds = published(org, year)
    if code not in PUBLIC_DOCUMENTS:
        raise Http404
    if code == "r2":
        subject = get_object_or_404(organisation.assessment_set, framework__fiscal_year=year, pk=pk)
    else:
        subject = next((r for r in rounds if r.pk == pk), None)
        if subject is None:
            raise Http404
    content, _cached = DOCUMENTS[code](subject).pdf()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{code}-{organisation.code}-{year}.pdf"'
    return response
