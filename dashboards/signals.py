"""Keeping the summaries current: a write to any input of an organisation-year recomputes that
summary in the same transaction.

Same transaction rather than a task: one organisation-year costs about ten small queries, and
then the supervisors' table can never show figures that disagree with committed data — no
window while a worker catches up, nothing lost if the worker is down, and a rolled-back write
rolls its summary back too. Only a change of the framework (OIT items or components added or
removed, a new year's framework), which touches every organisation of a year, marks those rows
stale and leaves the work to a task (dashboards/tasks.py), with the read-time refresh of stale
rows as the backstop.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from assessments.models import Assessment, Framework, OITComponent, OITItem
from kernel.thai import fiscal_year_of
from measures.models import (
    Measure,
    MeasureDeadline,
    OITChecklistEntry,
    Progress,
    ProgressRound,
)
from measures.signals import measures_imported
from organisations.models import Organisation

from . import summaries
from .models import OrganisationYearSummary


def _organisation_goes(kwargs):
    """A cascade from deleting the organisation itself: its summaries go with it."""
    origin = kwargs.get("origin")
    model = getattr(origin, "model", type(origin))
    return model is Organisation


def _recompute(organisation_id, *years):
    today = timezone.localdate()
    for year in years:
        summaries.refresh([organisation_id], year, today)


def _measure_year(measure_id):
    return (
        Measure._base_manager.filter(pk=measure_id)
        .values_list("organisation_id", "fiscal_year")
        .first()
    )


@receiver([post_save, post_delete], sender=Measure)
@receiver([post_save, post_delete], sender=ProgressRound)
def _owned_by_year(sender, instance, raw=False, **kwargs):
    if raw or _organisation_goes(kwargs):
        return
    _recompute(instance.organisation_id, instance.fiscal_year)


@receiver(measures_imported)
def _imported(sender, organisation_id, fiscal_year, **kwargs):
    _recompute(organisation_id, fiscal_year)


@receiver([post_save, post_delete], sender=MeasureDeadline)
@receiver([post_save, post_delete], sender=Progress)
def _of_a_measure(sender, instance, raw=False, **kwargs):
    if raw or _organisation_goes(kwargs):
        return
    key = _measure_year(instance.measure_id)
    if key:  # None: the measure itself is being deleted, and recomputes after
        _recompute(*key)


@receiver([post_save, post_delete], sender=Assessment)
def _results(sender, instance, raw=False, **kwargs):
    if raw or _organisation_goes(kwargs):
        return
    year = Framework.objects.filter(pk=instance.framework_id).values_list("fiscal_year", flat=True)
    year = year.first()
    if year is not None:  # this year's score, and next year's change
        _recompute(instance.organisation_id, year, year + 1)


def _checklist_years(organisation_id, framework_id):
    """The fiscal years whose checklist follows this framework (measures.selectors
    .checklist_framework): from its year until the next framework's, or until this fiscal year
    and any later year that has a summary."""
    year = Framework.objects.filter(pk=framework_id).values_list("fiscal_year", flat=True).first()
    if year is None:
        return []
    later = (
        Framework.objects.filter(fiscal_year__gt=year)
        .order_by("fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    if later is not None:
        return list(range(year, later))
    stored = summaries.across_organisations(OrganisationYearSummary).filter(
        organisation_id=organisation_id, fiscal_year__gt=year
    )
    last = max(
        [year, fiscal_year_of(timezone.localdate()), *stored.values_list("fiscal_year", flat=True)]
    )
    return list(range(year, last + 1))


@receiver([post_save, post_delete], sender=OITChecklistEntry)
def _checklist(sender, instance, raw=False, **kwargs):
    if raw or _organisation_goes(kwargs):
        return
    framework = OITItem.objects.filter(pk=instance.item_id).values_list("framework_id", flat=True)
    years = _checklist_years(instance.organisation_id, framework.first())
    _recompute(instance.organisation_id, *years)


@receiver(m2m_changed, sender=OITChecklistEntry.components_done.through)
def _components_ticked(sender, instance, action, reverse, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    _checklist(OITChecklistEntry, instance)


@receiver(post_save, sender=Framework)
@receiver(post_save, sender=OITItem)
@receiver(post_save, sender=OITComponent)
@receiver(post_delete, sender=Framework)
@receiver(post_delete, sender=OITItem)
@receiver(post_delete, sender=OITComponent)
def _framework(sender, instance, created=True, raw=False, **kwargs):
    """A year's OIT items or components, or which framework a year follows, changed: every
    organisation of the years from that framework's on (a wording change changes nothing)."""
    if raw or not created:
        return
    if sender is Framework:
        year = instance.fiscal_year
    else:
        item = instance if sender is OITItem else instance.item
        year = Framework.objects.filter(pk=item.framework_id).values_list("fiscal_year", flat=True)
        year = year.first()
    if year is None:
        return
    marked = (
        summaries.across_organisations(OrganisationYearSummary)
        .filter(fiscal_year__gte=year, stale=False)
        .update(stale=True)
    )
    if marked:
        from ita_portal.celery import queue

        from .tasks import refresh_stale_summaries

        # through queue(): with Redis away the rows stay stale until a read or the nightly run
        transaction.on_commit(lambda: queue(refresh_stale_summaries))
