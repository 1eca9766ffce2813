"""Background work of the official documents: rendering PDFs, pre-rendering approved and
published rounds, pruning the rendered files."""

from celery import shared_task
from django.conf import settings

from measures.models import ProgressRound
from organisations.tenancy import scope


def send(name, *args, **kwargs) -> bool:
    """Queue a task of this module (ita_portal.celery.queue: False when Redis is away)."""
    from ita_portal.celery import queue

    return queue(globals()[name], *args, **kwargs)


# The render itself is bounded by printing.limits (its child process is killed at
# ITA_RENDER_TIME_LIMIT); these are the backstop for the task around it.
@shared_task(
    soft_time_limit=settings.ITA_RENDER_TIME_LIMIT + 60,
    time_limit=settings.ITA_RENDER_TIME_LIMIT + 90,
)
def render_document(key: str) -> str:
    from .jobs import run

    return run(key)


@shared_task
def prerender_round(round_id: int, published: bool = False) -> int:
    from .jobs import prerender_round as start

    found = ProgressRound.objects.with_scopes_disabled().filter(pk=round_id).first()
    if found is None:
        return 0
    with scope(organisation=found.organisation_id):
        return len(start(ProgressRound.objects.get(pk=round_id), published=published))


@shared_task
def prune_rendered() -> dict:
    from .pruning import prune

    return prune()
