from django.apps import AppConfig


class KernelConfig(AppConfig):
    """The shared kernel below every app: Thai formatting, rich text, workbooks, charts,
    fields and their template filters. It imports no app of the portal."""

    name = "kernel"
    verbose_name = "ส่วนกลาง"
