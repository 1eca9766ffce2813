"""Tasks of operating the portal."""

from celery import shared_task


@shared_task
def ping() -> str:
    """The worker's liveness, asked by /healthz and the tests."""
    return "pong"
