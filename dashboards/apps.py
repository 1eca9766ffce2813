from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The executive dashboard of one organisation and the supervisors' table over many."""

    name = "dashboards"
    verbose_name = "แดชบอร์ด"

    def ready(self):
        from . import signals  # noqa: F401  (keeps the summaries current)
