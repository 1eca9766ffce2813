from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """HTML → PDF (WeasyPrint, with the Thai fixes) and rows → XLSX, with a cache. Knows
    nothing of the ITA."""

    name = "printing"
    verbose_name = "การพิมพ์เอกสาร"

    def ready(self):
        from . import pdf, rows

        pdf.install_tounicode_fix()
        rows.install_row_start_fix()
