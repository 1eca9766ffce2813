"""The supervisors' figures of each organisation and fiscal year, kept in
``OrganisationYearSummary`` — computed here only, by the rules' owners:

* score and level: the year's official total (``assessments.levels.level_for_score``), change
  from the year before;
* measures done and overdue: ``measures.rules`` through its queryset twins (latest status,
  overdue on a given day, first due date);
* OIT completion: ``measures.selectors.Completion`` over the year's checklist framework.

When: a write to any input recomputes its organisation-year in the same transaction
(dashboards/signals.py); a row whose dates say its overdue count no longer holds today is
recomputed when read (``refresh_stale``) and every night (dashboards/tasks.py).
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q

from assessments.levels import level_for_score
from assessments.models import Assessment, Framework, OITComponent, OITItem
from measures import rules
from measures.models import Measure, OITChecklistEntry, ProgressRound, Status
from measures.selectors import Completion, checklist_framework

from .models import OrganisationYearSummary as Summary

CHUNK = 500  # organisations per statement: well under SQLite's limit of bound parameters
FIGURES = [
    "score",
    "previous_score",
    "change",
    "level",
    "measures_total",
    "measures_done",
    "done_percent",
    "overdue",
    "oit_items",
    "oit_items_done",
    "oit_components",
    "oit_components_done",
    "oit_percent",
    "last_passed",
    "next_due",
    "stale",
    "computed_for",
    "updated_at",
]


def across_organisations(model):
    """Summaries are computed for many organisations at once by design, always for the
    organisations named by the caller."""
    return model.objects.with_scopes_disabled()


def done_percent(done, total):
    return round(100 * done / total) if total else None


def compute(organisation_ids, year: int, today: datetime.date) -> list[Summary]:
    """Unsaved summaries of ``year`` for ``organisation_ids``, as on ``today``: a fixed number
    of queries however many organisations."""
    rows = {
        pk: Summary(organisation_id=pk, fiscal_year=year, computed_for=today)
        for pk in organisation_ids
    }
    ids = list(rows)
    scores = across_organisations(Assessment).filter(
        organisation_id__in=ids, framework__fiscal_year__in=[year - 1, year]
    )
    for org, fiscal_year, total in scores.values_list(
        "organisation_id", "framework__fiscal_year", "total_score"
    ):
        setattr(rows[org], "score" if fiscal_year == year else "previous_score", total)
    judged = (
        across_organisations(Measure)
        .filter(organisation_id__in=ids, fiscal_year=year)
        .with_overdue(today)
        .with_first_due()
        .values_list("organisation_id", "latest_status", "overdue", "first_due")
    )
    for org, status, overdue, due in judged:
        s = rows[org]
        s.measures_total += 1
        if rules.is_done(status):
            s.measures_done += 1
            continue
        s.overdue += bool(overdue)
        if due is not None and due < today:
            s.last_passed = max(s.last_passed or due, due)
        elif due is not None:
            s.next_due = min(s.next_due or due, due)
    framework = checklist_framework(year)
    items = components = 0
    items_done, components_done = {}, {}
    if framework:
        items = OITItem.objects.filter(framework=framework).count()
        components = OITComponent.objects.filter(item__framework=framework).count()
        entries = across_organisations(OITChecklistEntry).filter(
            organisation_id__in=ids, item__framework=framework
        )
        items_done = dict(
            entries.filter(status=Status.DONE)
            .values("organisation_id")
            .annotate(n=Count("pk"))
            .values_list("organisation_id", "n")
        )
        # one join, not "entry IN (subquery)": on tables the planner has no statistics for
        # yet (just after a bulk load) the subquery form was planned as nested loops, minutes
        # for a handful of organisations
        ticked = OITChecklistEntry.components_done.through.objects.filter(
            oitchecklistentry__organisation_id__in=ids,
            oitchecklistentry__item__framework=framework,
        )
        components_done = dict(
            ticked.values("oitchecklistentry__organisation_id")
            .annotate(n=Count("pk"))
            .values_list("oitchecklistentry__organisation_id", "n")
        )
    for pk, s in rows.items():
        s.level = level_for_score(s.score).code if s.score is not None else ""
        if s.score is not None and s.previous_score is not None:
            s.change = s.score - s.previous_score
        s.done_percent = done_percent(s.measures_done, s.measures_total)
        if framework:
            completion = Completion(
                "รวม", items, items_done.get(pk, 0), components, components_done.get(pk, 0)
            )
            s.oit_items, s.oit_items_done = completion.items, completion.items_done
            s.oit_components = completion.components
            s.oit_components_done = completion.components_done
            s.oit_percent = completion.percent
    return list(rows.values())


def refresh(organisation_ids, year: int, today: datetime.date) -> int:
    """Recompute and store the summaries of ``year`` for ``organisation_ids``.

    Each row is created if missing and locked before its inputs are read, so a concurrent
    write of the same organisation-year waits for this one and then reads what it stored
    (and the reverse): the last to commit has seen every committed input."""
    ids = sorted(set(organisation_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            summaries = across_organisations(Summary)
            summaries.bulk_create(
                [Summary(organisation_id=pk, fiscal_year=year, computed_for=today) for pk in chunk],
                ignore_conflicts=True,
            )
            list(
                summaries.select_for_update()
                .filter(organisation_id__in=chunk, fiscal_year=year)
                .values_list("pk", flat=True)
            )
            summaries.bulk_create(
                compute(chunk, year, today),
                update_conflicts=True,
                unique_fields=["organisation", "fiscal_year"],
                update_fields=FIGURES,
            )
    return len(ids)


def stale_on(day: datetime.date) -> Q:
    """Rows whose overdue count may differ on ``day`` (a first due date passed since, or not
    yet reached), or marked stale by a change of the framework."""
    return Q(stale=True) | Q(last_passed__gte=day) | Q(next_due__lt=day)


def refresh_stale(year: int, today: datetime.date, organisations=None) -> int:
    """Recompute the rows of ``year`` that do not hold on ``today`` (among ``organisations``,
    a queryset, when given). One query when none is stale."""
    stale = across_organisations(Summary).filter(stale_on(today), fiscal_year=year)
    if organisations is not None:
        stale = stale.filter(organisation__in=organisations)
    ids = list(stale.values_list("organisation_id", flat=True))
    return refresh(ids, year, today) if ids else 0


def years_with_data():
    """Every fiscal year that has a framework, results (and the year after them), measures or
    rounds: the years a full rebuild covers."""
    years = set(Framework.objects.values_list("fiscal_year", flat=True))
    years |= {
        y + 1
        for y in across_organisations(Assessment)
        .values_list("framework__fiscal_year", flat=True)
        .distinct()
    }
    years |= set(across_organisations(Measure).values_list("fiscal_year", flat=True).distinct())
    years |= set(
        across_organisations(ProgressRound).values_list("fiscal_year", flat=True).distinct()
    )
    return sorted(years)


def rebuild(organisation_ids, years, today: datetime.date) -> int:
    """Recompute every summary of ``years`` for ``organisation_ids`` (rows are made for every
    organisation, with or without data)."""
    return sum(refresh(organisation_ids, year, today) for year in years)
