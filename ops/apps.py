from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operating the portal: health checks, error pages."""

    name = "ops"
    verbose_name = "การดูแลระบบ"
