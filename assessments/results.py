"""Writing an assessment's official results (from the entry form or an imported workbook).

Results arrive as ``ResultsData``: plain codes and decimals, already checked. ``results_save``
replaces what was recorded, all or nothing, and never derives one figure from another.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kernel.thai import clean_text, thai_digits
from organisations.tenancy import in_organisation

from .models import (
    Assessment,
    AssessorSuggestion,
    IndicatorScore,
    OITItemScore,
    Part,
    QuestionScore,
    ToolScore,
)


@dataclass
class ResultsData:
    total: Decimal | None = None
    tools: dict = field(default_factory=dict)  # (tool code, part) -> score
    indicators: dict = field(default_factory=dict)  # (indicator number, part) -> score
    questions: dict = field(default_factory=dict)  # (question code, part) -> score
    items: dict = field(default_factory=dict)  # item code -> score
    suggestions: list = field(default_factory=list)  # dicts: tool, part, code, text
    survey: list = field(default_factory=list)  # texts

    def to_json(self):
        def enc(d):
            return [[*(k if isinstance(k, tuple) else (k,)), str(v)] for k, v in d.items()]

        return {
            "total": str(self.total) if self.total is not None else None,
            "tools": enc(self.tools),
            "indicators": enc(self.indicators),
            "questions": enc(self.questions),
            "items": enc(self.items),
            "suggestions": self.suggestions,
            "survey": self.survey,
        }

    @classmethod
    def from_json(cls, data):
        def dec(rows, width):
            return {(tuple(r[:width]) if width > 1 else r[0]): Decimal(r[width]) for r in rows}

        return cls(
            total=Decimal(data["total"]) if data.get("total") is not None else None,
            tools=dec(data.get("tools", []), 2),
            indicators=dec(data.get("indicators", []), 2),
            questions=dec(data.get("questions", []), 2),
            items=dec(data.get("items", []), 1),
            suggestions=data.get("suggestions", []),
            survey=data.get("survey", []),
        )

    def count(self):
        return (
            (self.total is not None)
            + len(self.tools)
            + len(self.indicators)
            + len(self.questions)
            + len(self.items)
        )


@in_organisation(lambda first, *a, **k: first)
def assessment_for_year(organisation, framework) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(
        organisation=organisation, framework=framework
    )
    return assessment


@transaction.atomic
@in_organisation(lambda **k: k["assessment"].organisation_id)
def results_save(*, assessment: Assessment, data: ResultsData, user=None) -> Assessment:
    """Replace the recorded results of ``assessment`` with ``data``."""
    framework = assessment.framework
    tools = {t.code: t for t in framework.tools.prefetch_related("parts")}
    indicators = {i.number: i for i in framework.indicators.all()}
    questions = {q.code: q for q in framework.questions.all()}
    items = {i.code: i for i in framework.oit_items.all()}

    def lookup(table, key, what):
        try:
            return table[key]
        except KeyError:
            raise ValidationError(
                f"ไม่มี{what} “{thai_digits(key)}” ในกรอบการประเมินปี "
                f"{thai_digits(framework.fiscal_year)}",
                code="unknown_code",
            ) from None

    def check_part(tool, part):
        allowed = {p.number for p in tool.parts.all()} | {Part.WHOLE}
        if part not in allowed:
            raise ValidationError(f"{tool.code} ไม่มีส่วนที่ {thai_digits(part)}", code="bad_part")

    assessment.total_score = data.total
    assessment.survey_suggestions = [clean_text(t) for t in data.survey if clean_text(t)]
    assessment.updated_by = user
    assessment.full_clean()
    assessment.save()

    ToolScore.objects.filter(assessment=assessment).delete()
    IndicatorScore.objects.filter(assessment=assessment).delete()
    QuestionScore.objects.filter(assessment=assessment).delete()
    OITItemScore.objects.filter(assessment=assessment).delete()
    AssessorSuggestion.objects.filter(assessment=assessment).delete()

    rows = []
    for (code, part), score in data.tools.items():
        tool = lookup(tools, code, "เครื่องมือ")
        check_part(tool, part)
        rows.append(ToolScore(assessment=assessment, tool=tool, part=part, score=score))
    ToolScore.objects.bulk_create(rows)
    rows = []
    for (number, part), score in data.indicators.items():
        indicator = lookup(indicators, number, "ตัวชี้วัดที่")
        check_part(tools_by_pk(tools)[indicator.tool_id], part)
        rows.append(
            IndicatorScore(assessment=assessment, indicator=indicator, part=part, score=score)
        )
    IndicatorScore.objects.bulk_create(rows)
    rows = []
    for (code, part), score in data.questions.items():
        question = lookup(questions, code, "ข้อคำถาม")
        rows.append(QuestionScore(assessment=assessment, question=question, part=part, score=score))
    QuestionScore.objects.bulk_create(rows)
    OITItemScore.objects.bulk_create(
        OITItemScore(assessment=assessment, item=lookup(items, code, "ข้อ OIT"), score=score)
        for code, score in data.items.items()
    )
    for order, s in enumerate(data.suggestions, start=1):
        suggestion = AssessorSuggestion(
            assessment=assessment,
            tool=lookup(tools, s["tool"], "เครื่องมือ"),
            part=int(s.get("part") or 0),
            code=clean_text(s.get("code", "")),
            text=clean_text(s["text"], multiline=True),
            order=order,
        )
        suggestion.full_clean()
        suggestion.save()
    return assessment


def tools_by_pk(tools):
    return {t.pk: t for t in tools.values()}
