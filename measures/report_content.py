"""What a round's report shows, as plain data.

One function builds it from the live data; approval freezes its result (``ReportVersion``),
and every approved document, the public page and the open data are drawn from a frozen copy.
The documents read nothing else, so what they print is exactly what was signed, and the
cache key of a rendered file is the hash of the content it was rendered from.

Everything here is JSON: dates are ISO strings, scores are strings ("76.92"), names are the
names as they were when the content was built.
"""

from decimal import Decimal

from django.db.models import Count

from assessments.analysis import analyse
from assessments.levels import BANDS, FULL_MARKS
from assessments.models import AnalysisText, Assessment, Part, SubIndicator
from kernel.richtext import list_items
from organisations.tenancy import in_organisation

from .grouping import indicator_dict
from .layouts import layouts_content
from .models import Measure, Progress

SCHEMA = 2
PARTS = ("organisation", "round", "measures", "checklist", "assessment", "analysis", "layouts")


def _iso(value):
    return value.isoformat() if value is not None else None


def _score(value):
    return f"{value:.2f}" if value is not None else None


def organisation_content(organisation) -> dict:
    """The organisation as documents print it."""
    return {
        "code": organisation.code,
        "kind": organisation.kind,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "subdistrict": organisation.subdistrict,
        "district": organisation.district,
        "province": organisation.province,
        "website": organisation.website,
        "eit_survey_url": organisation.eit_survey_url,
        "document_prefix": organisation.document_prefix,
        # the unit the cover names after "จัดทำโดย" ("" : the cover's own default)
        "prepared_by": organisation.prepared_by.name if organisation.prepared_by_id else "",
        # the emblem's stored file: every upload is saved under a new random name and never
        # overwritten, so a frozen version keeps printing the emblem it was approved with
        "emblem": organisation.emblem.name if organisation.emblem else "",
    }


def round_info(progress_round) -> dict:
    return {
        "id": progress_round.pk,
        "fiscal_year": progress_round.fiscal_year,
        "kind": progress_round.kind,
        "name": progress_round.name,
        "start": _iso(progress_round.start_date),
        "end": _iso(progress_round.end_date),
        "due": _iso(progress_round.due_date),
    }


def _evidence(evidence) -> dict:
    return {
        "id": evidence.pk,
        "token": str(evidence.public_token),
        "title": evidence.title,
        "name": evidence.original_name,
        "url": evidence.url,
        "file": bool(evidence.file),
        "content_type": evidence.content_type,
    }


def _progress(progress) -> dict | None:
    if progress is None:
        return None
    return {
        "status": progress.status,
        "summary": progress.summary,
        "results": progress.results,
        "done_text": progress.done_text,
        "done_on": _iso(progress.done_on),
        "suggestions": progress.suggestions,
        "updated": progress.updated_at.isoformat(timespec="seconds"),
        "evidence": [_evidence(e) for e in progress.evidence.all()],
    }


def typed_responsible(measure: dict) -> str:
    """The ผู้รับผิดชอบ text typed beside the ticked units, as the documents print it: never
    dropped, but not printed a second time when it only repeats a ticked unit's name."""
    typed = measure.get("responsible_text") or ""
    return "" if " ".join(list_items(typed)).strip() in measure["units"] else typed


def _measure(measure, progress) -> dict:
    indicators = {i.number: indicator_dict(i) for i in measure.indicators.all()}
    return {
        "id": measure.pk,
        "number": measure.number,
        "kind": measure.kind,
        "title": measure.title,
        "rationale": measure.rationale,
        "steps": [s.text for s in measure.steps.all()],
        "period": measure.period_text,
        "start": _iso(measure.start_date),
        "end": _iso(measure.end_date),
        "units": [u.name for u in measure.responsible_units.all()],
        "responsible_text": measure.responsible_text,
        "monitoring": measure.monitoring,
        "deadlines": [{"label": d.label, "due": _iso(d.due_date)} for d in measure.deadlines.all()],
        "budget": str(measure.budget) if measure.budget is not None else None,
        "target": measure.target,
        "issues": [{"number": i.number, "title": i.title} for i in measure.issues.all()],
        "indicators": sorted(indicators.values(), key=lambda i: i["number"]),
        "questions": [
            {"code": q.code, "text": q.text, "indicator": indicator_dict(q.indicator)}
            for q in measure.questions.all()
        ],
        "oit_items": [
            {"code": o.code, "name": o.name, "indicator": indicator_dict(o.sub_indicator.indicator)}
            for o in measure.oit_items.all()
        ],
        "progress": _progress(progress),
    }


@in_organisation(lambda first, *a, **k: first)
def measures_content(organisation, year, progress_round=None) -> list[dict]:
    """Every measure of the year in document order, with its progress in ``progress_round``."""
    measures = (
        Measure.objects.of(organisation)
        .filter(fiscal_year=year)
        .prefetch_related(
            "steps",
            "responsible_units",
            "deadlines",
            "issues",
            "indicators__tool",
            "questions__indicator__tool",
            "oit_items__sub_indicator__indicator__tool",
        )
        .in_document_order()
    )
    progress = {}
    if progress_round is not None:
        progress = {
            p.measure_id: p
            for p in Progress.objects.filter(round=progress_round).prefetch_related("evidence")
        }
    return [_measure(m, progress.get(m.pk)) for m in measures]


@in_organisation(lambda first, *a, **k: first)
def checklist_content(organisation, year) -> dict | None:
    """The recorded OIT checklist rows of the year, grouped by sub-indicator."""
    from .selectors import checklist_entries, checklist_framework

    framework = checklist_framework(year)
    if framework is None:
        return None
    groups = {}
    for entry in checklist_entries(organisation, framework):
        if not entry.pk:
            continue
        item = entry.item
        sub = item.sub_indicator
        groups.setdefault((sub.code, sub.name), []).append(
            {
                "code": item.code,
                "name": item.name,
                "components": [c.text for c in item.components.all()],
                "components_done": len(entry.components_done.all()),
                "responsible": entry.unit.name if entry.unit else entry.responsible_text,
                "status": entry.status,
                "url": entry.url,
                "notes": entry.notes,
            }
        )
    return {
        "framework_year": framework.fiscal_year,
        "groups": [[{"code": code, "name": name}, rows] for (code, name), rows in groups.items()],
    }


@in_organisation(lambda first, *a, **k: first)
def quoted_assessment(organisation, year):
    """The ITA result a report of fiscal year ``year`` quotes: that year's, else the last."""
    return (
        Assessment.objects.of(organisation)
        .filter(framework__fiscal_year__lte=year)
        .exclude(total_score=None)
        .select_related("framework")
        .order_by("-framework__fiscal_year")
        .first()
    )


def assessment_content(assessment) -> dict | None:
    """The figures the round documents quote: total, level, tools, indicators."""
    if assessment is None:
        return None
    level = assessment.level
    tools = [
        {"code": s.tool.code, "name": s.tool.name, "part": s.part, "score": _score(s.score)}
        for s in assessment.tool_scores.select_related("tool").order_by("tool__order", "part")
    ]
    indicators = {
        str(s.indicator.number): _score(s.score)
        for s in assessment.indicator_scores.filter(part=Part.WHOLE).select_related("indicator")
    }
    return {
        "id": assessment.pk,
        "fiscal_year": assessment.fiscal_year,
        "total": _score(assessment.total_score),
        "level": level.code,
        "passed": level.passed,
        "tools": tools,
        "indicators": indicators,
    }


def bands_content() -> list:
    rows, upper = [], None
    for lowest, code in BANDS:
        rows.append([_score(lowest), _score(upper if upper is not None else FULL_MARKS), code])
        upper = lowest - Decimal("0.01")
    return rows


@in_organisation(lambda first, *a, **k: first.organisation_id)
def analysis_content(assessment) -> dict:
    """R2: the analysis of one year's results and the measures of the next year."""
    analysis = analyse(assessment)
    sheet = analysis.sheet
    texts = {t.key: t.text for t in AnalysisText.objects.filter(assessment=assessment)}
    subs = {}
    for sub in SubIndicator.objects.filter(indicator__framework=sheet.framework).annotate(
        item_count=Count("items")
    ):
        subs.setdefault(sub.indicator_id, []).append(
            {
                "code": sub.code,
                "name": sub.name,
                "topics": list(sub.topics or []),
                "items": sub.item_count,
            }
        )
    tools = []
    for tool in sheet.tools:
        indicators = []
        for indicator in [i for i in sheet.indicators if i.tool_id == tool.pk]:
            indicators.append(
                {
                    "number": indicator.number,
                    "name": indicator.name,
                    "subs": subs.get(indicator.pk, []),
                    "questions": len(sheet.questions_of(indicator)),
                }
            )
        tools.append(
            {
                "code": tool.code,
                "name": tool.name,
                "questions": tool.stated_question_count,
                "weight": _score(tool.weight),
                "indicators": indicators,
            }
        )
    sections = []
    for tool in sheet.tools:
        parts = sheet.parts_of(tool)
        rows = []
        for indicator in [i for i in sheet.indicators if i.tool_id == tool.pk]:
            for q in sheet.questions_of(indicator):
                scores = [_score(sheet.question_scores.get((q.pk, p))) for p in parts]
                rows.append([q.code, q.text, scores])
            for item in sheet.items_of(indicator):
                rows.append([item.code, item.name, [_score(sheet.item_scores.get(item.pk))]])
        columns = ["คะแนน"] if parts == [Part.WHOLE] or tool.code == "OIT" else parts
        sections.append({"tool": tool.code, "columns": columns, "rows": rows})
    per_indicator = []
    for indicator in sheet.indicators:
        row = analysis.row_for(indicator)
        if row is None:
            continue
        per_indicator.append(
            {
                "number": indicator.number,
                "name": indicator.name,
                "questions": [
                    {
                        "code": q.code,
                        "text": q.question.text,
                        "score": _score(q.score),
                        "parts": [[p, _score(s)] for p, s in sorted(q.parts.items())],
                        "guideline": texts.get(f"guideline:q:{q.code}", ""),
                    }
                    for q in analysis.question_rows(indicator)
                ],
                "items": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "score": _score(s),
                        "guideline": texts.get(f"guideline:o:{i.code}", ""),
                    }
                    for i, s in analysis.item_rows(indicator)
                ],
                "narrative": texts.get(f"narrative:{indicator.number}", ""),
            }
        )
    year = assessment.fiscal_year
    measures = [
        m
        for m in measures_content(assessment.organisation, year + 1)
        if m["kind"] != Measure.Kind.GUIDELINE
    ]
    measures.sort(key=lambda m: m["number"])
    issues = []
    for issue in assessment.issues.all():
        linked = [m["id"] for m in measures if issue.number in {i["number"] for i in m["issues"]}]
        issues.append({"number": issue.number, "title": issue.title, "measures": linked})
    level = assessment.level
    return {
        "assessment_id": assessment.pk,
        "year": year,
        "next_year": year + 1,
        "total": _score(assessment.total_score),
        "level": level.code if level else None,
        "verdict": level.verdict if level else None,
        "tools": tools,
        "bands": bands_content(),
        "tool_figures": [
            {
                "tool": t.code,
                "part": p,
                "official": _score(f.official),
                "recomputed": _score(f.recomputed),
            }
            for t, p, f in sheet.tool_figures()
        ],
        "sections": sections,
        "suggestions": [
            {"tool": s.tool.code, "part": s.part, "code": s.code, "text": s.text}
            for s in assessment.assessor_suggestions.select_related("tool")
        ],
        "survey": list(assessment.survey_suggestions),
        "ranking": [
            {
                "rank": r.rank,
                "number": r.indicator.number,
                "name": r.indicator.name,
                "score": _score(r.score),
            }
            for r in analysis.ranking
        ],
        "summary": texts.get("summary", ""),
        "indicators": per_indicator,
        "issues": issues,
        "unlinked": [m["id"] for m in measures if not m["issues"]],
        "measures": measures,
    }


@in_organisation(lambda first, *a, **k: first.organisation_id)
def analysis_of_round(progress_round):
    """The analysis whose measures a round reports on: the results of the year before."""
    return (
        Assessment.objects.of(progress_round.organisation)
        .filter(framework__fiscal_year=progress_round.fiscal_year - 1)
        .exclude(total_score=None)
        .select_related("framework")
        .first()
    )


@in_organisation(lambda first, *a, **k: first.organisation_id)
def round_content(progress_round, parts=PARTS) -> dict:
    """Everything a round's documents and its public page show, as of now."""
    organisation, year = progress_round.organisation, progress_round.fiscal_year
    content = {"schema": SCHEMA, "fiscal_year": year}
    if "organisation" in parts:
        content["organisation"] = organisation_content(organisation)
    if "round" in parts:
        content["round"] = round_info(progress_round)
    if "measures" in parts:
        content["measures"] = measures_content(organisation, year, progress_round)
    if "checklist" in parts:
        content["checklist"] = checklist_content(organisation, year)
    if "assessment" in parts:
        content["assessment"] = assessment_content(quoted_assessment(organisation, year))
    if "analysis" in parts:
        previous = analysis_of_round(progress_round)
        content["analysis"] = analysis_content(previous) if previous else None
    if "layouts" in parts:
        content["layouts"] = layouts_content(progress_round)
    return content


def decision_content(decision) -> dict:
    return {
        "action": decision.action,
        "name": decision.user.full_name,  # as signed; never the login name
        "position": decision.position,
        "step": decision.step_title,
        "comment": decision.comment,
        "at": decision.at.isoformat(),  # when it was recorded
        "signed_on": decision.date_borne.isoformat(),  # the date the signature bears
    }
