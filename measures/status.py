"""The three boxes of the seeds' progress column: one enum, compared as an enum everywhere
and rendered from its labels (templates/measures/_status.html, templates/print/_status.html)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่ได้ดำเนินการ")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
