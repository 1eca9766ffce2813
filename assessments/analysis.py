"""The analysis of one year's results (การวิเคราะห์ผลการประเมิน), in the shape of seed 001.

Everything that can be derived is derived here — the ranking, strengths and weaknesses, the
weakest questions, the OIT items without full marks, the change from last year — and turned
into first drafts that staff then edit. ``analysis_draft`` never overwrites an edited text
unless it is asked to.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from kernel.thai import digits, thai_digits
from organisations.tenancy import in_organisation

from .levels import FULL_MARKS, PASS_MARK
from .models import AnalysisText, Assessment, Guideline, Part
from .scoring import score_sheet


def fmt(score) -> str:
    return thai_digits(f"{score:.2f}") if score is not None else "—"


@dataclass
class RankRow:
    rank: int
    indicator: object
    score: Decimal
    computed: bool = False  # no official whole score: the mean of its parts is used
    previous: Decimal | None = None

    @property
    def change(self):
        return None if self.previous is None else self.score - self.previous

    @property
    def below_target(self):
        return self.score < PASS_MARK


@dataclass
class QuestionRow:
    question: object
    score: Decimal | None
    parts: dict = field(default_factory=dict)  # part -> score (EIT)

    @property
    def code(self):
        return self.question.code


@dataclass
class Analysis:
    sheet: object
    ranking: list
    previous: Assessment | None

    @property
    def assessment(self):
        return self.sheet.assessment

    @property
    def strengths(self):
        if not self.ranking:
            return []
        top = self.ranking[0].score
        return [r for r in self.ranking if r.score == top]

    @property
    def weaknesses(self):
        """The lowest indicator(s), and every indicator below the pass mark."""
        if not self.ranking:
            return []
        bottom = self.ranking[-1].score
        return [r for r in self.ranking if r.score == bottom or r.below_target]

    def question_rows(self, indicator):
        rows = []
        for q in self.sheet.questions_of(indicator):
            parts = self.sheet.question_parts(q)
            rows.append(QuestionRow(q, self.sheet.question_score(q), dict(parts)))
        return rows

    def weakest_questions(self, indicator):
        rows = [r for r in self.question_rows(indicator) if r.score is not None]
        if not rows:
            return []
        low = min(r.score for r in rows)
        return [r for r in rows if r.score == low]

    def item_rows(self, indicator):
        return [(i, self.sheet.item_scores.get(i.pk)) for i in self.sheet.items_of(indicator)]

    @property
    def items_below_full(self):
        return [
            (i, s)
            for i in self.sheet.items
            if (s := self.sheet.item_scores.get(i.pk)) is not None and s < FULL_MARKS
        ]

    def row_for(self, indicator):
        return next((r for r in self.ranking if r.indicator.pk == indicator.pk), None)


def rank_indicators(sheet, previous_sheet=None) -> list[RankRow]:
    """Indicators by score, highest first; equal scores share a rank (1, 2, 2, 4 …)."""
    previous = {}
    if previous_sheet is not None:
        for ind in previous_sheet.indicators:
            score = _indicator_score(previous_sheet, ind)[0]
            if score is not None:
                previous[ind.number] = score
    rows = []
    for indicator in sheet.indicators:
        score, computed = _indicator_score(sheet, indicator)
        if score is not None:
            rows.append(RankRow(0, indicator, score, computed, previous.get(indicator.number)))
    rows.sort(key=lambda r: (-r.score, r.indicator.number))
    for position, row in enumerate(rows, start=1):
        row.rank = (
            rows[position - 2].rank
            if position > 1 and row.score == rows[position - 2].score
            else position
        )
    return rows


def _indicator_score(sheet, indicator):
    official = sheet.indicator_score(indicator, Part.WHOLE)
    if official is not None:
        return official, False
    value, _basis = sheet.recompute_indicator(indicator, Part.WHOLE)
    return value, value is not None


@in_organisation(lambda first, *a, **k: first.organisation_id)
def previous_assessment(assessment):
    return (
        Assessment.objects.of(assessment.organisation)
        .filter(framework__fiscal_year__lt=assessment.framework.fiscal_year)
        .select_related("framework")
        .order_by("-framework__fiscal_year")
        .first()
    )


@in_organisation(lambda first, *a, **k: first.organisation_id)
def analyse(assessment) -> Analysis:
    sheet = score_sheet(assessment)
    previous = previous_assessment(assessment)
    previous_sheet = score_sheet(previous) if previous else None
    return Analysis(sheet, rank_indicators(sheet, previous_sheet), previous)


# --- the guideline library -------------------------------------------------------------


def guidelines_for(organisation, fiscal_year, indicator_number, code=""):
    """Library guidelines that fit, the organisation's own first, then the most specific."""
    found = (
        Guideline.objects.filter(
            Q(organisation=organisation) | Q(organisation__isnull=True),
            Q(fiscal_year=fiscal_year) | Q(fiscal_year__isnull=True),
            indicator_number=indicator_number,
        ).filter(Q(code__iexact=code) | Q(code=""))
        if code
        else Guideline.objects.filter(
            Q(organisation=organisation) | Q(organisation__isnull=True),
            Q(fiscal_year=fiscal_year) | Q(fiscal_year__isnull=True),
            indicator_number=indicator_number,
            code="",
        )
    )
    return sorted(
        found,
        key=lambda g: (g.organisation_id is None, g.code == "", g.fiscal_year is None, g.pk),
    )


# --- drafting --------------------------------------------------------------------------


def _change_phrase(row, analysis):
    if row.change is None or analysis.previous is None:
        return ""
    year = thai_digits(analysis.previous.framework.fiscal_year)
    if row.change == 0:
        return f" เท่ากับปี พ.ศ. {year}"
    direction = "เพิ่มขึ้น" if row.change > 0 else "ลดลง"
    return f" {direction} {fmt(abs(row.change))} คะแนนจากปี พ.ศ. {year}"


def draft_narrative(analysis, indicator) -> str:
    a = analysis.assessment
    row = analysis.row_for(indicator)
    if row is None:
        return ""
    total = len(analysis.ranking)
    text = (
        f"{a.organisation.name} เลือกใช้การวิเคราะห์การประเมิน ITA ประจำปีงบประมาณ พ.ศ. "
        f"{thai_digits(a.framework.fiscal_year)} รูปแบบบรรยายเชิงพรรณนา โดยศึกษาวิเคราะห์ใน"
        f"{indicator} ซึ่งมีผลคะแนน อยู่ที่ {fmt(row.score)} คะแนน "
        f"(อันดับที่ {thai_digits(row.rank)} จาก {thai_digits(total)} ตัวชี้วัด)"
        f"{_change_phrase(row, analysis)}"
    )
    weakest = analysis.weakest_questions(indicator)
    if weakest:
        names = " และ ".join(f"ข้อ {thai_digits(w.code)} {w.question.text}" for w in weakest)
        parts = weakest[0].parts
        detail = ""
        if len(parts) > 1:
            detail = (
                " ("
                + " ".join(f"EIT {Part(p).label} {fmt(s)}" for p, s in sorted(parts.items()))
                + ")"
            )
        text += (
            f" หากพิจารณารายข้อ พบว่า{names} ได้คะแนนต่ำสุดในตัวชี้วัดนี้ {fmt(weakest[0].score)} คะแนน{detail}"
        )
    items = [(i, s) for i, s in analysis.item_rows(indicator) if s is not None and s < FULL_MARKS]
    if analysis.sheet.items_of(indicator):
        if items:
            listed = " ".join(
                f"ข้อ {thai_digits(i.code)} {i.name} ({fmt(s)} คะแนน)" for i, s in items
            )
            text += f" ข้อที่ยังไม่ได้คะแนนเต็ม ได้แก่ {listed}"
        else:
            text += " ทุกข้อได้คะแนนเต็ม"
    target = _target()
    if row.below_target:
        text += f" ซึ่งต่ำกว่า{target} จึงเป็นประเด็นที่ต้องเร่งปรับปรุงแก้ไข"
    elif weakest or items:
        text += f" ตัวชี้วัดนี้ผ่าน{target}แล้ว ควรรักษามาตรฐาน และพัฒนาข้อที่ได้คะแนนต่ำสุดให้ดียิ่งขึ้น"
    else:
        text += f" ตัวชี้วัดนี้ผ่าน{target}แล้ว ควรรักษามาตรฐาน"
    return text


def _target() -> str:
    """``ค่าเป้าหมาย … คะแนน`` with the pass mark of levels."""
    return f"ค่าเป้าหมาย {digits(PASS_MARK)} คะแนน"


def draft_summary(analysis) -> str:
    if not analysis.ranking:
        return ""
    a = analysis.assessment
    top, bottom = analysis.ranking[0], analysis.ranking[-1]

    def names(rows):
        return " และ ".join(f"{r.indicator} ({fmt(r.score)} คะแนน)" for r in rows)

    text = (
        f"เมื่อพิจารณาคะแนนตามตัวชี้วัด พบว่า คะแนนสูงสุด {fmt(top.score)} คะแนน "
        f"และคะแนนต่ำสุด {fmt(bottom.score)} คะแนน "
        f"ผลการดำเนินงานของ{a.organisation.name} ที่มีคะแนนสูงสุดคือ {names(analysis.strengths)} "
        f"ซึ่งถือเป็นจุดแข็งของหน่วยงาน"
    )
    lowest = [r for r in analysis.ranking if r.score == bottom.score]
    text += f" ส่วนตัวชี้วัดที่ได้คะแนนต่ำสุดคือ {names(lowest)}"
    below = [r for r in analysis.ranking if r.below_target]
    if below:
        text += f" ตัวชี้วัดที่ต่ำกว่า{_target()} ได้แก่ {names(below)} ควรพัฒนาและปรับปรุงอย่างเร่งด่วน"
    else:
        text += f" ทุกตัวชี้วัดผ่าน{_target()}"
    return text


def draft_guideline(analysis, indicator, code, score, threshold) -> str:
    a = analysis.assessment
    library = guidelines_for(a.organisation, a.framework.fiscal_year, indicator.number, code)
    specific = [g for g in library if g.code]
    if specific:
        return specific[0].text
    if score is not None and score >= threshold:
        return "รักษามาตรฐาน"
    if library:
        return library[0].text
    return ""


def drafts(analysis) -> dict:
    """key -> (kind, indicator, question, item, text) of every text the portal can draft."""
    out = {"summary": (AnalysisText.Kind.SUMMARY, None, None, None, draft_summary(analysis))}
    for indicator in analysis.sheet.indicators:
        if analysis.row_for(indicator) is None:
            continue
        out[f"narrative:{indicator.number}"] = (
            AnalysisText.Kind.NARRATIVE,
            indicator,
            None,
            None,
            draft_narrative(analysis, indicator),
        )
        for row in analysis.question_rows(indicator):
            out[f"guideline:q:{row.code}"] = (
                AnalysisText.Kind.GUIDELINE,
                indicator,
                row.question,
                None,
                draft_guideline(analysis, indicator, row.code, row.score, PASS_MARK),
            )
        for item, score in analysis.item_rows(indicator):
            out[f"guideline:o:{item.code}"] = (
                AnalysisText.Kind.GUIDELINE,
                indicator,
                None,
                item,
                draft_guideline(analysis, indicator, item.code, score, FULL_MARKS),
            )
    return out


@dataclass
class DraftOutcome:
    created: int = 0
    updated: int = 0
    kept_edited: list = field(default_factory=list)  # AnalysisText left as staff wrote them
    replaced: int = 0


@in_organisation(lambda first, *a, **k: first.organisation_id)
def edited_texts_that_would_change(assessment) -> list:
    analysis = analyse(assessment)
    new = drafts(analysis)
    return [
        t
        for t in AnalysisText.objects.filter(assessment=assessment)
        if t.edited and t.key in new and new[t.key][4].strip() != t.text.strip()
    ]


@transaction.atomic
@in_organisation(lambda first, *a, **k: first.organisation_id)
def analysis_draft(assessment, *, replace_edited=False, user=None) -> DraftOutcome:
    """(Re)draft every derivable text. Unedited texts follow the data; an edited text is kept
    (its ``draft`` is refreshed, so the edit stays visible) unless ``replace_edited``."""
    outcome = DraftOutcome()
    existing = {t.key: t for t in AnalysisText.objects.filter(assessment=assessment)}
    for key, (kind, indicator, question, item, text) in drafts(analyse(assessment)).items():
        current = existing.get(key)
        if current is None:
            AnalysisText.objects.create(
                assessment=assessment,
                key=key,
                kind=kind,
                indicator=indicator,
                question=question,
                item=item,
                text=text,
                draft=text,
                updated_by=user,
            )
            outcome.created += 1
        elif not current.edited:
            if current.text != text:
                current.text = current.draft = text
                current.updated_by = user
                current.save()
                outcome.updated += 1
        elif replace_edited:
            current.text = current.draft = text
            current.updated_by = user
            current.save()
            outcome.replaced += 1
        else:
            if current.draft != text:
                current.draft = text
                current.save(update_fields=["draft", "updated_at"])
            outcome.kept_edited.append(current)
    return outcome
