"""Dashboards: an organisation's executives, and supervisors over many organisations.

The supervisor table reads the stored summaries (dashboards/summaries.py) in one query,
whatever the number of organisations, and sorts on their columns; the executive dashboard runs
a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce

from assessments.analysis import analyse
from assessments.levels import BANDS
from assessments.models import Assessment, Framework, OITItem
from measures.cycle import year_status
from measures.models import Measure, Progress, Status
from measures.selectors import (
    checklist_completion,
    checklist_entries,
    checklist_framework,
    measure_rows,
)
from organisations.access import organisations_visible_to
from organisations.models import Organisation
from organisations.tenancy import in_organisation

from .summaries import refresh_stale


def across_organisations(model):
    """The supervisors' table reads many organisations by design: always limited to those
    ``organisations_visible_to`` the user."""
    return model.objects.with_scopes_disabled()


def _plain(visible, user):
    """The visible organisations without DISTINCT (it would apply to the joined summary too);
    everything, without a subquery, for a platform admin."""
    if user.is_superuser and user.is_active:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=visible.values("pk"))


def covered(user, *, year: int, filters=None):
    """The organisations ``user`` may see, filtered, each joined to its summary of ``year``
    (dashboards/summaries.py; none yet for an organisation without any data)."""
    filters = filters or {}
    visible = organisations_visible_to(user)
    of_year = FilteredRelation("year_summaries", condition=Q(year_summaries__fiscal_year=year))
    qs = (
        _plain(visible, user)
        .annotate(s=of_year)
        .annotate(score=F("s__score"), level_code=F("s__level"))
    )
    for key in ("province", "district", "kind"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("level"):
        qs = qs.filter(level_code=filters["level"])
    return qs


ORDER = {
    "province": ["province", "district", "name"],
    "score": [F("score").desc(nulls_last=True), "name"],
    "score_asc": [F("score").asc(nulls_last=True), "name"],
    "change": [F("change").desc(nulls_last=True), "name"],
    "overdue": ["-overdue", "name"],
    "done": [F("done_percent").desc(nulls_last=True), "-measures_done", "name"],
    "oit": [F("oit_percent").desc(nulls_last=True), "name"],
    "name": ["name"],
    # weakest first
    "change_asc": [F("change").asc(nulls_last=True), "name"],
    "done_asc": [F("done_percent").asc(nulls_last=True), "measures_done", "name"],
    "oit_asc": [F("oit_percent").asc(nulls_last=True), "name"],
    "overdue_asc": ["overdue", "name"],
}


def supervisor_rows(user, *, year: int, today: datetime.date, filters=None, sort="province"):
    """Covered organisations with their year's figures as summarised, in one query; rows that
    do not hold on ``today`` are recomputed first (one query when none)."""
    refresh_stale(year, today, organisations=organisations_visible_to(user).values("pk"))
    framework = checklist_framework(year)
    items = OITItem.objects.filter(framework=framework).count() if framework else 0
    # an organisation without a summary has no data of the year: nothing done, nothing late,
    # and an untouched checklist
    nothing = Value(0)
    qs = covered(user, year=year, filters=filters).annotate(
        previous=F("s__previous_score"),
        change=F("s__change"),
        measures_total=Coalesce("s__measures_total", nothing),
        measures_done=Coalesce("s__measures_done", nothing),
        done_percent=F("s__done_percent"),
        overdue=Coalesce("s__overdue", nothing),
        oit_percent=Coalesce("s__oit_percent", nothing if framework else Value(None)),
    )
    order = ORDER.get(sort, ORDER["province"])
    return qs.order_by(*order), items


@dataclass
class SupervisorPage:
    rows: list
    page: object
    items: int
    distribution: list
    provinces: list
    districts: list
    year: int


def supervisor_page(user, *, year, today, filters, sort, page_number):
    qs, items = supervisor_rows(user, year=year, today=today, filters=filters, sort=sort)
    paginator = Paginator(qs, 100)
    page = paginator.get_page(page_number)
    rows = list(page.object_list)
    for org in rows:
        org.level = org.level_code or None
    # the level distribution over every covered organisation matching the filters, counted by
    # the database from the stored levels
    counts = dict.fromkeys([c for _low, c in BANDS] + ["ไม่มีผล"], 0)
    for row in (
        covered(user, year=year, filters=filters).values("level_code").annotate(n=Count("pk"))
    ):
        counts[row["level_code"] or "ไม่มีผล"] += row["n"]
    # the filters' choices, made distinct by the database (not 7,800 names sent to Python)
    visible = _plain(organisations_visible_to(user), user)
    return SupervisorPage(
        rows=rows,
        page=page,
        items=items,
        distribution=list(counts.items()),
        provinces=sorted(visible.order_by().values_list("province", flat=True).distinct()),
        districts=sorted(
            visible.filter(province=filters.get("province") or "")
            .order_by()
            .values_list("district", flat=True)
            .distinct()
        )
        if filters.get("province")
        else [],
        year=year,
    )


def default_year(user):
    latest = (
        across_organisations(Assessment)
        .filter(organisation__in=organisations_visible_to(user))
        .order_by("-framework__fiscal_year")
        .values_list("framework__fiscal_year", flat=True)
        .first()
    )
    return (
        latest
        or Framework.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    )


@dataclass
class ExecutiveDashboard:
    organisation: Organisation
    year: int
    trend: list
    current: Assessment | None
    indicators: list
    weakest: list
    rounds: list
    overdue: list
    checklist: list
    checklist_overall: object
    status: object


@in_organisation(lambda first, *a, **k: first)
def executive_dashboard(organisation, year, today) -> ExecutiveDashboard:
    assessments = list(
        Assessment.objects.of(organisation)
        .exclude(total_score=None)
        .select_related("framework")
        .order_by("framework__fiscal_year")
    )
    current = next((a for a in reversed(assessments) if a.fiscal_year <= year), None)
    indicators, weakest = [], []
    if current:
        analysis = analyse(current)
        previous = {r.indicator.number: r.previous for r in analysis.ranking}
        indicators = sorted(
            ((r.indicator, r.score, previous.get(r.indicator.number)) for r in analysis.ranking),
            key=lambda t: t[0].number,
        )
        questions = []
        for indicator in analysis.sheet.indicators:
            questions += [q for q in analysis.question_rows(indicator) if q.score is not None]
        weakest = sorted(questions, key=lambda q: q.score)[:5]
    rows = measure_rows(organisation, year, today, full=False)
    framework = checklist_framework(year)
    entries = checklist_entries(organisation, framework) if framework else []
    subs, overall = checklist_completion(entries) if framework else ([], None)
    status = year_status(
        organisation, year, today, rows=rows, checklist=entries, framework=framework
    )
    rounds = []
    status_counts = (
        Progress.objects.filter(round__organisation=organisation, round__fiscal_year=year)
        .values("round_id", "status")
        .annotate(n=Count("pk"))
    )
    by_round = {}
    for row in status_counts:
        by_round.setdefault(row["round_id"], {})[row["status"]] = row["n"]
    total = Measure.objects.of(organisation).filter(fiscal_year=year).count()
    for r in (facts.round for facts in status.facts.rounds):  # the year's rounds, read once
        counts = by_round.get(r.pk, {})
        rounds.append(
            (
                r,
                [
                    (
                        label,
                        counts.get(value, 0)
                        if value != Status.NOT_STARTED
                        else total - sum(v for k, v in counts.items() if k != Status.NOT_STARTED),
                    )
                    for value, label in Status.choices
                ],
            )
        )
    overdue = [row for row in rows if row.overdue]
    return ExecutiveDashboard(
        organisation,
        year,
        assessments,
        current,
        indicators,
        weakest,
        rounds,
        overdue,
        subs,
        overall,
        status,
    )
