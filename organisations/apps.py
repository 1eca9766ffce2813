from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    default = True  # this module also holds AxesConfig below
    name = "organisations"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self):
        from . import lockout  # noqa: F401 - connects the lockout log line


class AxesConfig(BaseAxesConfig):
    """django-axes under a Thai name in the admin (its models' names come from locale/th)."""

    default = False
    verbose_name = "ความปลอดภัยการเข้าสู่ระบบ"
