"""Reads for the measures part of the yearly cycle: overdue work, checklist completion, and
where an organisation stands in its year."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from assessments.models import AnalysisText, Assessment, Framework, OITItem
from kernel.thai import fiscal_year_of
from organisations.tenancy import in_organisation

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
            "indicators__tool",
            "questions__indicator__tool",
            "oit_items__sub_indicator__indicator__tool",
        )
    )


@dataclass
class CopySource:
    year: int
    count: int
    unfinished: int


@in_organisation(lambda first, *a, **k: first)
def copy_sources(organisation, year) -> list[CopySource]:
    """Every earlier year that has measures, newest first, with how many are unfinished."""
    measures = Measure.objects.of(organisation).filter(fiscal_year__lt=year)
    done = dict(
        measures.done()
        .values("fiscal_year")
        .annotate(n=Count("pk"))
        .values_list("fiscal_year", "n")
    )
    return [
        CopySource(year=y, count=n, unfinished=n - done.get(y, 0))
        for y, n in measures.values("fiscal_year")
        .annotate(n=Count("pk"))
        .order_by("-fiscal_year")
        .values_list("fiscal_year", "n")
    ]


@in_organisation(lambda first, *a, **k: first)
def years_of(organisation, today) -> list[int]:
    """The fiscal years an organisation page lists: every year with a framework or any of the
    organisation's data, the current year and the year whose results it now enters."""
    current = fiscal_year_of(today)
    return sorted(
        set(Framework.objects.values_list("fiscal_year", flat=True))
        | set(Measure.objects.of(organisation).values_list("fiscal_year", flat=True))
        | set(ProgressRound.objects.of(organisation).values_list("fiscal_year", flat=True))
        | set(Assessment.objects.of(organisation).values_list("framework__fiscal_year", flat=True))
        | {current, current - 1},
        reverse=True,
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


@in_organisation(lambda first, *a, **k: first)
def measure_rows(organisation, year, today, *, full=True):
    """Each measure with its latest status and whether it is overdue (measures.rules).
    ``full=False`` loads only what status and overdue need (units, deadlines)."""
    measures = list(
        (
            measures_of_year(organisation, year)
            if full
            else Measure.objects.of(organisation)
            .filter(fiscal_year=year)
            .prefetch_related("responsible_units", "deadlines")
        ).in_document_order()
    )
    states = measure_states(measures, today)
    return [MeasureRow(m, *states[m.pk]) for m in measures]


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


@in_organisation(lambda first, *a, **k: first)
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


@in_organisation(lambda first, *a, **k: first.organisation_id)
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
        .in_document_order()
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
class RoundFacts:
    round: ProgressRound
    done: int  # measures the round's report records as done
    late: bool


@dataclass
class YearFacts:
    """Where an organisation stands in its year, as data (measures.cycle words it)."""

    year: int
    previous: Assessment | None  # the results of the year before
    previous_framework: bool  # whether that year has a framework to record results against
    drafted: bool  # whether its analysis was drafted
    issues: int  # issues to raise drawn from it
    rows: list  # measure_rows of the year
    rounds: list = field(default_factory=list)  # RoundFacts
    completion: object = None  # the OIT checklist's overall Completion, or None

    @property
    def overdue(self):
        return [r for r in self.rows if r.overdue]


@in_organisation(lambda first, *a, **k: first)
def year_facts(
    organisation, year, today: datetime.date, *, rows=None, checklist=None, framework=None
):
    """``rows`` (measure_rows), ``checklist`` (its entries) and ``framework`` (the checklist's,
    checklist_framework) may be passed in when the caller has them already."""
    previous = (
        Assessment.objects.of(organisation)
        .filter(framework__fiscal_year=year - 1)
        .select_related("framework")
        .first()
    )
    rows = rows if rows is not None else measure_rows(organisation, year, today, full=False)
    facts = YearFacts(
        year=year,
        previous=previous,
        previous_framework=Framework.objects.filter(fiscal_year=year - 1).exists(),
        drafted=bool(previous and AnalysisText.objects.filter(assessment=previous).exists()),
        issues=previous.issues.count() if previous else 0,
        rows=rows,
    )
    for r in (
        ProgressRound.objects.of(organisation)
        .filter(fiscal_year=year)
        .annotate(reported_done=Count("progress", filter=Q(progress__status=Status.DONE)))
    ):
        facts.rounds.append(RoundFacts(r, r.reported_done, round_overdue(r, today)))
    framework = framework or checklist_framework(year)
    if framework:
        entries = checklist if checklist is not None else checklist_entries(organisation, framework)
        facts.completion = checklist_completion(entries)[1]
    return facts
