"""Reads for the measures part of the yearly cycle: overdue work, checklist completion, and
where an organisation stands in its year."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.urls import reverse

from assessments.models import AnalysisText, Assessment, Framework, OITItem

from . import rules
from .models import Measure, OITChecklistEntry, Progress, ProgressRound, Status


def measures_of_year(organisation, year):
    return (
        Measure.objects.of(organisation)
        .filter(fiscal_year=year)
        .prefetch_related(
            "steps",
            "responsible_units",
            "deadlines",
            "issues",
            "indicators",
            "questions",
            "oit_items",
        )
    )


@dataclass
class MeasureRow:
    measure: Measure
    status: str
    latest: Progress | None
    overdue: bool


def measure_states(measures, today) -> dict:
    """measure pk -> (latest status, latest Progress or None, overdue), by the rules of
    measures.rules, for measures whose deadlines are prefetched."""
    progress = {}
    for p in Progress.objects.filter(measure__in=measures).select_related("round"):
        progress.setdefault(p.measure_id, []).append(p)
    states = {}
    for m in measures:
        rows = progress.get(m.pk, [])
        status = rules.latest_status((p.round.end_date, p.round_id, p.status) for p in rows)
        latest = max(rows, key=lambda p: (p.round.end_date, p.round_id), default=None)
        overdue = rules.measure_overdue(
            status=status,
            end_date=m.end_date,
            deadlines=[d.due_date for d in m.deadlines.all()],
            today=today,
        )
        states[m.pk] = (status, latest, overdue)
    return states


def measure_rows(organisation, year, today, *, full=True):
    """Each measure with its latest status and whether it is overdue (measures.rules).
    ``full=False`` loads only what status and overdue need (units, deadlines)."""
    measures = list(
        measures_of_year(organisation, year)
        if full
        else Measure.objects.of(organisation)
        .filter(fiscal_year=year)
        .prefetch_related("responsible_units", "deadlines")
    )
    states = measure_states(measures, today)
    rows = [MeasureRow(m, *states[m.pk]) for m in measures]
    order = [k for k, _label in Measure.Kind.choices]
    rows.sort(key=lambda r: (order.index(r.measure.kind), r.measure.number))
    return rows


def round_overdue(progress_round, today) -> bool:
    return rules.round_overdue(
        state=progress_round.state,
        due_date=progress_round.due_date,
        end_date=progress_round.end_date,
        today=today,
    )


def checklist_framework(year):
    """The framework whose OIT items a year's checklist follows: that year's, else the latest
    earlier one."""
    return Framework.objects.filter(fiscal_year__lte=year).order_by("-fiscal_year").first()


def checklist_entries(organisation, framework):
    """An entry for every O-item of the framework (unsaved ones for items not yet touched)."""
    items = list(
        OITItem.objects.filter(framework=framework)
        .select_related("sub_indicator")
        .prefetch_related("components")
        .order_by("number")
    )
    saved = {
        e.item_id: e
        for e in OITChecklistEntry.objects.of(organisation)
        .filter(item__in=items)
        .prefetch_related("components_done")
        .select_related("unit")
    }
    entries = []
    for item in items:
        entry = saved.get(item.pk) or OITChecklistEntry(organisation=organisation)
        entry.item = item  # the prefetched item, components and sub-indicator: no query each
        entries.append(entry)
    return entries


@dataclass
class Completion:
    label: str
    items: int = 0
    items_done: int = 0
    components: int = 0
    components_done: int = 0

    @property
    def percent(self):
        if self.components:
            return round(100 * self.components_done / self.components)
        return round(100 * self.items_done / self.items) if self.items else 0


def checklist_completion(entries):
    """Completion per sub-indicator and overall (components ticked; items done)."""
    by_sub, overall = {}, Completion("รวม")
    for entry in entries:
        sub = entry.item.sub_indicator
        c = by_sub.setdefault(sub.code, Completion(str(sub)))
        total = len(entry.item.components.all())
        done = len(entry.components_done.all()) if entry.pk else 0
        is_done = entry.status == Status.DONE
        for target in (c, overall):
            target.items += 1
            target.items_done += is_done
            target.components += total
            target.components_done += done
    return list(by_sub.values()), overall


@dataclass
class ReportRow:
    measure: Measure
    status: str
    evidence: int


@dataclass
class ReportSummary:
    """What a round report holds, for the page that confirms submitting, approving, sending
    back or publishing it."""

    rows: list[ReportRow]
    done: int
    without_evidence: int

    @property
    def total(self):
        return len(self.rows)


def round_report_summary(progress_round) -> ReportSummary:
    """Every measure of the round's year with its status and its evidence in this round."""
    progress = {
        p.measure_id: p
        for p in progress_round.progress.annotate(evidence_count=Count("evidence")).only(
            "measure_id", "status"
        )
    }
    rows = []
    for measure in (
        Measure.objects.of(progress_round.organisation)
        .filter(fiscal_year=progress_round.fiscal_year)
        .order_by("kind", "number")
    ):
        p = progress.get(measure.pk)
        rows.append(
            ReportRow(measure, p.status if p else Status.NOT_STARTED, p.evidence_count if p else 0)
        )
    return ReportSummary(
        rows=rows,
        done=sum(r.status == Status.DONE for r in rows),
        without_evidence=sum(r.evidence == 0 for r in rows),
    )


@dataclass
class Step:
    label: str
    done: bool
    detail: str = ""
    url: str = ""
    warn: bool = False


@dataclass
class YearStatus:
    year: int
    steps: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    next_step: Step | None = None
    completion: object = None


def year_status(
    organisation, year, today: datetime.date, *, rows=None, checklist=None
) -> YearStatus:
    """Where an organisation stands in its year. ``rows`` (measure_rows) and ``checklist``
    (its entries) may be passed in when the caller has them already."""
    from kernel.thai import format_date, thai_digits

    code = organisation.code
    status = YearStatus(year)
    previous = (
        Assessment.objects.of(organisation)
        .filter(framework__fiscal_year=year - 1)
        .select_related("framework")
        .first()
    )
    results_done = bool(previous and previous.total_score is not None)
    status.steps.append(
        Step(
            f"บันทึกผลการประเมิน ITA ปี {thai_digits(year - 1)}",
            results_done,
            f"คะแนนรวม {thai_digits(previous.total_score)}" if results_done else "",
            reverse("results", kwargs={"org": code, "year": year - 1})
            if Framework.objects.filter(fiscal_year=year - 1).exists()
            else "",
        )
    )
    drafted = bool(previous and AnalysisText.objects.filter(assessment=previous).exists())
    issues = previous.issues.count() if previous else 0
    status.steps.append(
        Step(
            f"วิเคราะห์ผลการประเมินปี {thai_digits(year - 1)} และกำหนดประเด็นที่ต้องยกระดับ",
            drafted and issues > 0,
            f"{thai_digits(issues)} ประเด็น" if issues else "",
            reverse("analysis", kwargs={"org": code, "year": year - 1})
            if Framework.objects.filter(fiscal_year=year - 1).exists()
            else "",
        )
    )
    rows = rows if rows is not None else measure_rows(organisation, year, today, full=False)
    status.steps.append(
        Step(
            f"กำหนดมาตรการปี {thai_digits(year)}",
            bool(rows),
            f"{thai_digits(len(rows))} รายการ",
            reverse("measures", kwargs={"org": code, "year": year}),
        )
    )
    status.overdue = [r for r in rows if r.overdue]
    for r in (
        ProgressRound.objects.of(organisation)
        .filter(fiscal_year=year)
        .prefetch_related(
            Prefetch("progress", queryset=Progress.objects.only("status", "round_id"))
        )
    ):
        done = sum(1 for p in r.progress.all() if p.status == Status.DONE)
        late = round_overdue(r, today)
        status.rounds.append((r, done, late))
        due = r.due_date or r.end_date
        status.steps.append(
            Step(
                f"รายงาน{r.name} (ส่งภายใน {format_date(due)})",
                r.state == ProgressRound.State.APPROVED,
                f"{r.get_state_display()} · แล้วเสร็จ {thai_digits(done)}/{thai_digits(len(rows))}",
                reverse("round", kwargs={"org": code, "year": year, "pk": r.pk}),
                warn=late,
            )
        )
    framework = checklist_framework(year)
    if framework:
        _subs, overall = checklist_completion(
            checklist if checklist is not None else checklist_entries(organisation, framework)
        )
        status.completion = overall
        status.steps.append(
            Step(
                f"ตรวจการเปิดเผยข้อมูล OIT ({thai_digits(overall.items)} ข้อ)",
                overall.items and overall.items_done == overall.items,
                f"ครบ {thai_digits(overall.percent)}%",
                reverse("oit-checklist", kwargs={"org": code, "year": year}),
            )
        )
    status.next_step = next((s for s in status.steps if not s.done and s.url), None)
    return status
