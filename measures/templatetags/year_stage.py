"""Where an organisation's year stands, for the year's sub-navigation on every page of it:
the next step to take (measures.cycle, the year home's own steps), or that all are done."""

from django import template
from django.utils import timezone

from ..cycle import year_status

register = template.Library()


@register.inclusion_tag("measures/_stage.html", takes_context=True)
def year_stage(context, organisation, year):
    # the year home has just worked it out for its list of steps
    status = context.get("status") if context.get("year") == year else None
    if status is None or not hasattr(status, "next_step"):
        # what the page has loaded already for this year (its measures, its checklist)
        inputs = (context.get("stage_inputs") or {}) if context.get("year") == year else {}
        status = year_status(organisation, year, timezone.localdate(), **inputs)
    return {"step": status.next_step, "year": year}
