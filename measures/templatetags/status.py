"""The status of a measure as pages and documents show it, from the ``Status`` enum's own
labels (measures.status): one partial for the web, the seeds' three boxes for print."""

from django import template

from ..report_content import typed_responsible
from ..status import Status

register = template.Library()
register.filter("typed_responsible", typed_responsible)
LOOK = {  # the web page's mark and style of each status
    Status.DONE: ("☑", "done"),
    Status.IN_PROGRESS: ("◐", "doing"),
    Status.NOT_STARTED: ("☐", "none"),
}


def _status(value) -> Status:
    return Status(value) if value in Status.values else Status.NOT_STARTED


@register.inclusion_tag("measures/_status.html")
def status_badge(value):
    status = _status(value)
    mark, css = LOOK[status]
    return {"mark": mark, "css": css, "label": status.label}


@register.inclusion_tag("print/_status.html")
def status_boxes(value):
    """The three boxes of the seeds' progress column, done first, the current one ticked."""
    status = _status(value)
    return {"boxes": [(label, code == status) for code, label in reversed(Status.choices)]}


@register.inclusion_tag("print/_progress.html")
def progress_shown(value, shown="boxes"):
    """A measure's status in a document as its settings show it (measures.layouts): the
    three boxes, the status in words, or nothing."""
    from ..layouts import ProgressShown

    status = _status(value)
    return {
        "shown": shown,
        "label": status.label,
        **(status_boxes(value) if shown == ProgressShown.BOXES else {}),
    }
