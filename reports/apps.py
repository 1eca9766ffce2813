from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "รายงานทางการ"

    def ready(self):
        from measures import signals

        signals.round_approved.connect(_prerender_approved, dispatch_uid="reports-approved")
        signals.round_published.connect(_prerender_published, dispatch_uid="reports-published")


def _prerender_approved(sender, progress_round_id, **kwargs):
    """After the last approval: render the approved documents before anyone clicks them."""
    from .tasks import send

    send("prerender_round", progress_round_id)


def _prerender_published(sender, progress_round_id, **kwargs):
    from .tasks import send

    send("prerender_round", progress_round_id, published=True)
