"""Reading an assessment's scores as one sheet, and checking the official figures against what
can be recomputed from their parts.

Recomputation rules (the parts' plain mean, or the weighted sum for the total):
* a question-based indicator (IIT, EIT) = mean of its questions' scores, per part;
* an EIT indicator as a whole = mean of its part ๑ and part ๒ scores;
* an OIT indicator = mean of the scores of the OIT items under its sub-indicators;
* a tool (or EIT part) = mean of its questions' (OIT: items') scores;
* the total = Σ weight × tool score ÷ Σ weight, when every weight and score is known.

A recomputed figure that differs from the official one by more than 0.01 (rounding) is a
*disagreement*: both are shown, the official one is kept.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from organisations.tenancy import in_organisation

from .models import (
    Assessment,
    IndicatorScore,
    OITItemScore,
    Part,
    QuestionScore,
    ToolScore,
)

TOLERANCE = Decimal("0.01")
CENT = Decimal("0.01")


def _mean(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (sum(values) / Decimal(len(values))).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Figure:
    """An official figure beside what its parts add up to."""

    label: str
    official: Decimal | None
    recomputed: Decimal | None = None
    basis: str = ""

    @property
    def disagrees(self) -> bool:
        if self.official is None or self.recomputed is None:
            return False
        return abs(self.official - self.recomputed) > TOLERANCE

    @property
    def difference(self):
        if self.official is None or self.recomputed is None:
            return None
        return self.official - self.recomputed


@dataclass
class ScoreSheet:
    assessment: Assessment
    framework: object
    tools: list
    indicators: list
    questions: list
    items: list
    tool_scores: dict = field(default_factory=dict)  # (tool_id, part) -> Decimal
    indicator_scores: dict = field(default_factory=dict)  # (indicator_id, part) -> Decimal
    question_scores: dict = field(default_factory=dict)  # (question_id, part) -> Decimal
    item_scores: dict = field(default_factory=dict)  # item_id -> Decimal

    # --- structure ---------------------------------------------------------------------

    def parts_of(self, tool):
        numbers = [p.number for p in tool.parts.all()]
        return numbers or [Part.WHOLE]

    def tool_of(self, indicator):
        return next(t for t in self.tools if t.pk == indicator.tool_id)

    def questions_of(self, indicator):
        return [q for q in self.questions if q.indicator_id == indicator.pk]

    def items_of(self, indicator):
        return [i for i in self.items if i.sub_indicator.indicator_id == indicator.pk]

    # --- scores ------------------------------------------------------------------------

    def question_parts(self, question) -> dict:
        """{part: score} of one question (the whole, or each EIT part)."""
        return self._by_question.get(question.pk, {})

    @cached_property
    def _by_question(self):
        index = {}
        for (qid, part), score in self.question_scores.items():
            index.setdefault(qid, {})[part] = score
        return index

    def question_score(self, question):
        """One figure per question: the whole score, or the mean of the EIT parts."""
        parts = self.question_parts(question)
        whole = parts.get(Part.WHOLE)
        if whole is not None:
            return whole
        return _mean(list(parts.values()))

    def indicator_score(self, indicator, part=Part.WHOLE):
        return self.indicator_scores.get((indicator.pk, part))

    # --- recomputation -----------------------------------------------------------------

    def recompute_indicator(self, indicator, part=Part.WHOLE):
        tool = self.tool_of(indicator)
        if tool.code == "OIT":
            return _mean([self.item_scores.get(i.pk) for i in self.items_of(indicator)]), "ข้อ OIT"
        parts = self.parts_of(tool)
        if part == Part.WHOLE and parts != [Part.WHOLE]:
            return _mean(
                [self.indicator_scores.get((indicator.pk, p)) for p in parts]
            ), "ส่วนที่ ๑ และ ๒"
        return (
            _mean([self.question_scores.get((q.pk, part)) for q in self.questions_of(indicator)]),
            "ข้อคำถาม",
        )

    def recompute_tool(self, tool, part=Part.WHOLE):
        if tool.code == "OIT":
            return _mean([self.item_scores.get(i.pk) for i in self.items]), "ข้อ OIT"
        questions = [q for q in self.questions if self.tool_of_question(q).pk == tool.pk]
        return _mean([self.question_scores.get((q.pk, part)) for q in questions]), "ข้อคำถาม"

    def tool_of_question(self, question):
        indicator = next(i for i in self.indicators if i.pk == question.indicator_id)
        return self.tool_of(indicator)

    def recompute_total(self):
        weighted, weights = Decimal(0), Decimal(0)
        for tool in self.tools:
            parts = list(tool.parts.all())
            for number, weight in (
                [(p.number, p.weight) for p in parts] if parts else [(Part.WHOLE, tool.weight)]
            ):
                score = self.tool_scores.get((tool.pk, number))
                if weight is None or score is None:
                    return None, ""
                weighted += weight * score
                weights += weight
        if not weights:
            return None, ""
        return (weighted / weights).quantize(CENT, rounding=ROUND_HALF_UP), "น้ำหนักเครื่องมือ"

    # --- figures -----------------------------------------------------------------------

    def total_figure(self):
        value, basis = self.recompute_total()
        return Figure("คะแนนรวม", self.assessment.total_score, value, basis)

    def tool_figures(self):
        figures = []
        for tool in self.tools:
            for part in self.parts_of(tool):
                value, basis = self.recompute_tool(tool, part)
                label = tool.code if part == Part.WHOLE else f"{tool.code} {Part(part).label}"
                figures.append(
                    (tool, part, Figure(label, self.tool_scores.get((tool.pk, part)), value, basis))
                )
        return figures

    def indicator_figures(self):
        """(indicator, part, Figure) for every indicator and, for EIT, each part too."""
        figures = []
        for indicator in self.indicators:
            tool = self.tool_of(indicator)
            parts = self.parts_of(tool)
            for part in ([Part.WHOLE] + parts) if parts != [Part.WHOLE] else parts:
                official = self.indicator_score(indicator, part)
                value, basis = self.recompute_indicator(indicator, part)
                if official is None and value is None:
                    continue
                figures.append((indicator, part, Figure(str(indicator), official, value, basis)))
        return figures

    def disagreements(self):
        found = []
        total = self.total_figure()
        if total.disagrees:
            found.append(total)
        found += [f for _t, _p, f in self.tool_figures() if f.disagrees]
        for indicator, part, f in self.indicator_figures():
            if f.disagrees:
                if part != Part.WHOLE:
                    f.label = f"{indicator} ({Part(part).label})"
                found.append(f)
        return found

    @property
    def has_results(self):
        return bool(
            self.assessment.total_score is not None
            or self.tool_scores
            or self.indicator_scores
            or self.question_scores
            or self.item_scores
        )


@in_organisation(lambda first, *a, **k: first.organisation_id)
def score_sheet(assessment: Assessment) -> ScoreSheet:
    """All scores of an assessment and its framework's structure, in a fixed number of queries."""
    framework = assessment.framework
    sheet = ScoreSheet(
        assessment=assessment,
        framework=framework,
        tools=list(framework.tools.prefetch_related("parts")),
        indicators=list(framework.indicators.all()),
        questions=list(framework.questions.order_by("indicator__number", "number")),
        items=list(framework.oit_items.select_related("sub_indicator").order_by("number")),
    )
    if assessment.pk is None:  # nothing recorded yet: an empty sheet to fill in
        return sheet
    # plain tuples: a sheet holds only the figures, and a national dashboard reads two sheets
    # of a few hundred scores per request (model instances cost most of their time)
    scores = ToolScore.objects.filter(assessment=assessment)
    sheet.tool_scores = {(t, p): v for t, p, v in scores.values_list("tool_id", "part", "score")}
    scores = IndicatorScore.objects.filter(assessment=assessment)
    sheet.indicator_scores = {
        (i, p): v for i, p, v in scores.values_list("indicator_id", "part", "score")
    }
    scores = QuestionScore.objects.filter(assessment=assessment)
    sheet.question_scores = {
        (q, p): v for q, p, v in scores.values_list("question_id", "part", "score")
    }
    scores = OITItemScore.objects.filter(assessment=assessment)
    sheet.item_scores = dict(scores.values_list("item_id", "score"))
    return sheet
