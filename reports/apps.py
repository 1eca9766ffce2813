from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "รายงานทางการ"

    def ready(self):
        from . import pdf

        pdf.install_tounicode_fix()
