"""What the public and the NACC assessors see without logging in, at stable addresses.

An organisation's year is public once one of its rounds is published (approved, then
published by staff or an executive). Only published rounds' progress and evidence, and their
reports, appear — on the page and in the open data alike.
"""

import csv
import datetime
import io
from functools import wraps

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from assessments.models import Framework
from assessments.services import framework_to_data
from kernel.thai import format_date
from kernel.xlsx import new_workbook, safe_text, workbook_bytes, write_sheet
from measures import versions
from measures.evidence import serve
from measures.models import Evidence, ProgressRound
from organisations.models import Organisation
from organisations.tenancy import scope
from reports import jobs
from reports.documents import DOCUMENTS, PUBLIC_CODES, published_source
from reports.models import RenderJob
from reports.views import pdf_or_waiting, status_response

from .addresses import qr_svg

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


INDEX_LIMIT = 50  # organisations listed per search; a narrower search finds the rest
QUERY_LIMIT = 200  # characters of a search kept


def published_organisations():
    """Organisations with at least one published round, of any year."""
    rounds = ProgressRound._base_manager.filter(organisation=OuterRef("pk"), published=True)
    return Organisation.objects.filter(Exists(rounds))


def published_years(organisations) -> dict:
    """organisation pk -> its fiscal years with a published round, newest first."""
    years = {}
    for org_id, year in (
        ProgressRound._base_manager.filter(organisation__in=organisations, published=True)
        .values_list("organisation_id", "fiscal_year")
        .distinct()
        .order_by("organisation_id", "-fiscal_year")
    ):
        years.setdefault(org_id, []).append(year)
    return years


SHARED_MAX_AGE = 300  # seconds a proxy or browser may keep a public page


def shareable(view):
    """Public pages may be kept by shared caches for a few minutes, but one rendered for
    someone signed in shows their name in its header: only their own browser may keep it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=SHARED_MAX_AGE)
        else:
            patch_cache_control(response, public=True, max_age=SHARED_MAX_AGE)
        return response

    return wrapped


@require_GET
@shareable
def public_index(request):
    """Find an organisation's published reports: by จังหวัด, or by any part of its name, อำเภอ
    or ตำบล; then its years."""
    query = " ".join(request.GET.get("q", "").split())[:QUERY_LIMIT]
    province = request.GET.get("province", "").strip()[:QUERY_LIMIT]
    organisations = published_organisations()
    provinces = organisations.values("province").annotate(count=Count("pk")).order_by("province")
    found, total = None, 0
    if query or province:
        matches = organisations
        if province:
            matches = matches.filter(province=province)
        for word in query.split()[:5]:
            matches = matches.filter(
                Q(name__icontains=word)
                | Q(short_name__icontains=word)
                | Q(subdistrict__icontains=word)
                | Q(district__icontains=word)
                | Q(province__icontains=word)
            )
        found = list(matches.order_by("province", "district", "name")[: INDEX_LIMIT + 1])
        total = len(found)
        found = found[:INDEX_LIMIT]
        years = published_years([o.pk for o in found])
        found = [(o, years.get(o.pk, [])) for o in found]
    return render(
        request,
        "public/index.html",
        {
            "query": query,
            "province": province,
            "provinces": provinces,
            "found": found,
            "more": total > INDEX_LIMIT,
            "limit": INDEX_LIMIT,
        },
    )


@require_GET
@shareable
def public_organisation(request, org):
    organisation = get_object_or_404(published_organisations(), code=org)
    years = published_years([organisation.pk]).get(organisation.pk, [])
    return render(
        request, "public/organisation.html", {"organisation": organisation, "years": years}
    )


def published(code, year):
    """The organisation and its published rounds of the year, each with the approved version
    the public sees, or 404."""
    organisation = get_object_or_404(Organisation, code=code)
    rounds = []
    for progress_round in (
        ProgressRound.objects.of(organisation)
        .filter(fiscal_year=year, published=True)
        .order_by("end_date")
    ):
        source = published_source(progress_round)
        if source is not None:
            rounds.append((progress_round, source))
    if not rounds:
        raise Http404("ยังไม่มีรายงานที่เผยแพร่ของปีนี้")
    return organisation, rounds


def public_rows(request, organisation, year, rounds):
    """One row per published (measure, round), from the approved version of each round: the
    content every public format carries."""
    rows = []
    for progress_round, source in rounds:
        content = source.content
        info = content["round"]
        for m in content["measures"]:
            p = m["progress"]
            rows.append(
                {
                    "organisation": organisation.code,
                    "fiscal_year": year,
                    "round": info["name"],
                    "round_period": f"{info['start']}/{info['end']}",
                    "number": m["number"],
                    "kind": m["kind"],
                    "title": m["title"],
                    "steps": m["steps"],
                    "period": m["period"],
                    "responsible": m["units"]
                    + ([m["responsible_text"]] if m["responsible_text"] else []),
                    "status": p["status"] if p else "not_started",
                    "summary": p["summary"] if p else "",
                    "results": p["results"] if p else "",
                    "done": (p["done_on"] or p["done_text"]) if p else "",
                    "suggestions": p["suggestions"] if p else "",
                    "evidence": [_evidence_url(request, e) for e in p["evidence"]] if p else [],
                    "updated": p["updated"]
                    if p
                    else (progress_round.published_at.isoformat(timespec="seconds")),
                }
            )
    rows.sort(key=lambda r: (r["kind"], r["number"]))  # the documents' order
    return rows


def _evidence_url(request, evidence: dict):
    if evidence["file"]:
        return request.build_absolute_uri(
            reverse("public-evidence", kwargs={"token": evidence["token"]})
        )
    return evidence["url"]


def evidence_links(request, evidence: list) -> list:
    """(url, title) of each evidence item, titled as staff titled it."""
    return [
        (_evidence_url(request, e), e["title"] or e["name"] or e["url"] or "หลักฐาน")
        for e in evidence
    ]


@require_GET
@shareable
def public_year(request, org, year):
    organisation, rounds = published(org, year)
    rows = public_rows(request, organisation, year, rounds)
    measures = {}
    for progress_round, source in rounds:
        for m in source.content["measures"]:
            entry = measures.setdefault((m["kind"], m["number"]), {"row": m, "rounds": []})
            entry["row"] = m  # the latest round's wording
            p = m["progress"] or {}
            entry["rounds"].append(
                {
                    "round": progress_round,
                    "status": p.get("status", "not_started"),
                    "summary": p.get("summary", ""),
                    "results": p.get("results", ""),
                    "evidence": evidence_links(request, p.get("evidence", [])),
                    "approved_at": source.approved_at,
                }
            )
    documents = [
        (r, code, DOCUMENTS[code].title, source)
        for r, source in rounds
        for code in PUBLIC_CODES
        if DOCUMENTS[code].subject == "round"
    ]
    analysis = next(
        ((r, source) for r, source in reversed(rounds) if source.content.get("analysis")), None
    )
    updated = max((row["updated"] for row in rows if row["updated"]), default="")
    return render(
        request,
        "public/year.html",
        {
            "organisation": organisation,
            "year": year,
            "rounds": rounds,
            "measures": [measures[key] for key in sorted(measures)],
            "documents": documents,
            "analysis": analysis,
            "qr": qr_svg(organisation.eit_survey_url, "คิวอาร์โค้ดแบบวัด EIT")
            if organisation.eit_survey_url
            else "",
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
        stamp = max(source.approved_at for _r, source in rounds)
        response = HttpResponse(
            workbook_bytes(workbook, stamp=stamp),
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
    """A published document, always rendered from the approved version the public page shows
    (R2: the analysis frozen with that round)."""
    organisation, rounds = published(org, year)
    if code not in PUBLIC_CODES:
        raise Http404("ไม่พบเอกสารนี้")
    source = next((source for r, source in rounds if r.pk == pk), None)
    if source is None or (code == "r2" and not source.content.get("analysis")):
        raise Http404("ไม่พบเอกสารนี้")
    document = DOCUMENTS[code](source)
    content, job = jobs.request_pdf(
        document,
        organisation=organisation,
        code=code,
        subject_id=pk,
        published=True,
        public=True,
    )
    status_url = job and reverse(
        "public-report-status", kwargs={"org": org, "year": year, "key": job.key}
    )
    name = f"{code}-{organisation.code}-{year}.pdf"
    return pdf_or_waiting(request, document, name, content, job, status_url)


@require_GET
def public_report_status(request, org, year, key):
    """The state of a render job of a published document (the waiting page's script)."""
    organisation = get_object_or_404(Organisation, code=org)
    job = get_object_or_404(RenderJob.objects.of(organisation), key=key, public=True)
    return status_response(job)


@require_GET
def public_evidence(request, token):
    """Evidence at its public address while the published version of its round shows it. A
    token is looked up across organisations by design: it is the address itself."""
    evidence = (
        Evidence.objects.with_scopes_disabled()
        .filter(public_token=token)
        .select_related("progress__round")
        .first()
    )
    if evidence is None:
        raise Http404("ไม่พบหลักฐาน หรือยังไม่เผยแพร่")
    with scope(organisation=evidence.organisation_id):
        if not versions.is_public_evidence(evidence):
            raise Http404("ไม่พบหลักฐาน หรือยังไม่เผยแพร่")
        return serve(evidence)
