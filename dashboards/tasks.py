"""Background work of the dashboards."""

from celery import shared_task
from django.utils import timezone

from . import summaries
from .models import OrganisationYearSummary


@shared_task(time_limit=1800, soft_time_limit=1770)
def refresh_stale_summaries() -> int:
    """Every summary that does not hold today — a first due date passed overnight, or the
    framework changed — recomputed (the beat runs it each night; safe to run twice)."""
    today = timezone.localdate()
    years = (
        summaries.across_organisations(OrganisationYearSummary)
        .filter(summaries.stale_on(today))
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    return sum(summaries.refresh_stale(year, today) for year in sorted(set(years)))
