"""Dashboards: an organisation's executives, and supervisors over many organisations.

Every figure of the supervisor table comes from one annotated query, whatever the number of
organisations; the executive dashboard runs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from assessments.analysis import analyse
from assessments.levels import BANDS, level_for_score
from assessments.models import Assessment, Framework, OITItem
from measures.cycle import year_status
from measures.models import Measure, OITChecklistEntry, Progress, ProgressRound, Status
from measures.selectors import (
    checklist_completion,
    checklist_entries,
    checklist_framework,
    measure_rows,
)
from organisations.access import organisations_visible_to
from organisations.models import Organisation
from organisations.tenancy import in_organisation


def across_organisations(model):
    """The supervisors' table reads many organisations by design: always limited to those
    ``organisations_visible_to`` the user, correlated per organisation row."""
    return model.objects.with_scopes_disabled()


def _count(queryset):
    """A correlated COUNT(*) subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("organisation").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def covered(user, *, year: int, filters=None):
    """The organisations ``user`` may see, filtered, each with its official score of ``year``."""
    filters = filters or {}
    score = across_organisations(Assessment).filter(organisation=OuterRef("pk"))
    qs = organisations_visible_to(user).annotate(
        score=Subquery(
            score.filter(framework__fiscal_year=year).values("total_score")[:1],
            output_field=DecimalField(),
        ),
    )
    for key in ("province", "district", "kind"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("level"):
        qs = qs.filter(_level_q(filters["level"]))
    return qs


ORDER = {
    "province": ["province", "district", "name"],
    "score": [F("score").desc(nulls_last=True), "name"],
    "score_asc": [F("score").asc(nulls_last=True), "name"],
    "change": [F("change").desc(nulls_last=True), "name"],
    "overdue": ["-overdue", "name"],
    "done": [F("measures_done").desc(), "name"],
    "oit": ["-oit_done", "name"],
    "name": ["name"],
}
LIGHT_SORTS = {"province", "score", "score_asc", "name"}  # need at most the score


def supervisor_rows(user, *, year: int, today: datetime.date, filters=None, sort="province"):
    """Covered organisations with their year's figures, in one query."""
    framework = checklist_framework(year)
    items = OITItem.objects.filter(framework=framework).count() if framework else 0
    score = across_organisations(Assessment).filter(organisation=OuterRef("pk"))
    # done and overdue by the rules of measures.rules, in SQL (its queryset twin)
    measures = across_organisations(Measure).filter(organisation=OuterRef("pk"), fiscal_year=year)
    judged = measures.with_overdue(today)
    qs = (
        covered(user, year=year, filters=filters)
        .annotate(
            previous=Subquery(
                score.filter(framework__fiscal_year=year - 1).values("total_score")[:1],
                output_field=DecimalField(),
            ),
            measures_total=_count(measures),
            measures_done=_count(judged.filter(latest_status=Status.DONE)),
            overdue=_count(judged.filter(overdue=True)),
            oit_done=_count(
                across_organisations(OITChecklistEntry).filter(
                    organisation=OuterRef("pk"), item__framework=framework, status=Status.DONE
                )
            ),
        )
        .annotate(change=F("score") - F("previous"))
    )
    order = ORDER.get(sort, ORDER["province"])
    return qs.order_by(*order), items


def _level_q(code):
    bounds = dict((c, low) for low, c in BANDS)
    if code not in bounds:
        return Q(pk__in=[])
    codes = [c for _low, c in BANDS]
    upper = None if codes.index(code) == 0 else bounds[codes[codes.index(code) - 1]]
    q = Q(score__gte=bounds[code])
    return q & Q(score__lt=upper) if upper is not None else q


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
    if sort in LIGHT_SORTS or sort not in ORDER:
        # order and count on a light query, then compute the figures for this page only
        light = (
            covered(user, year=year, filters=filters)
            .order_by(*ORDER.get(sort, ORDER["province"]))
            .values_list("pk", flat=True)
        )
        paginator = Paginator(light, 100)
        page = paginator.get_page(page_number)
        ids = list(page.object_list)
        figures = {o.pk: o for o in qs.order_by().filter(pk__in=ids)}
        organisations = [figures[pk] for pk in ids]
    else:
        paginator = Paginator(qs, 100)
        page = paginator.get_page(page_number)
        organisations = list(page.object_list)
    rows = []
    for org in organisations:
        org.level = level_for_score(org.score) if org.score is not None else None
        org.done_percent = (
            round(100 * org.measures_done / org.measures_total) if (org.measures_total) else None
        )
        org.oit_percent = round(100 * org.oit_done / items) if items else None
        rows.append(org)
    # the level distribution over every covered organisation matching the filters: only the
    # score is needed, not the page's other figures
    counts = dict.fromkeys([c for _low, c in BANDS] + ["ไม่มีผล"], 0)
    for value in covered(user, year=year, filters=filters).values_list("score", flat=True):
        counts[level_for_score(value).code if value is not None else "ไม่มีผล"] += 1
    visible = organisations_visible_to(user)
    return SupervisorPage(
        rows=rows,
        page=page,
        items=items,
        distribution=list(counts.items()),
        provinces=sorted(set(visible.values_list("province", flat=True))),
        districts=sorted(
            set(
                visible.filter(province=filters.get("province") or "").values_list(
                    "district", flat=True
                )
            )
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
    for r in ProgressRound.objects.of(organisation).filter(fiscal_year=year):
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
    rows = measure_rows(organisation, year, today, full=False)
    overdue = [row for row in rows if row.overdue]
    framework = checklist_framework(year)
    entries = checklist_entries(organisation, framework) if framework else []
    subs, overall = checklist_completion(entries) if framework else ([], None)
    status = year_status(organisation, year, today, rows=rows, checklist=entries)
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
