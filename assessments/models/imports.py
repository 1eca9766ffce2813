"""An uploaded workbook being checked or imported in the background (a Celery task), with its
progress and its outcome. The results workbook keeps its own ImportBatch; this job serves the
one-table round trips (measures, a round's progress), whose files can be large."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.fields import updated_at_field
from organisations.models import OrganisationOwned


class ImportJob(OrganisationOwned):
    class Kind(models.TextChoices):
        MEASURES = "measures", _("มาตรการ")
        PROGRESS = "progress", _("ความก้าวหน้า")

    class State(models.TextChoices):
        CHECKING = "checking", _("กำลังตรวจไฟล์")
        REFUSED = "refused", _("ไฟล์มีข้อผิดพลาด")
        CHECKED = "checked", _("รอยืนยัน")
        IMPORTING = "importing", _("กำลังนำเข้า")
        DONE = "done", _("นำเข้าแล้ว")
        FAILED = "failed", _("นำเข้าไม่สำเร็จ")

    kind = models.CharField(_("ข้อมูลที่นำเข้า"), max_length=10, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    # the round of a progress import (measures know nothing of rounds below them: an id)
    round_id = models.PositiveIntegerField(_("รหัสรอบการรายงาน"), null=True, blank=True)
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    # the upload itself, at most kernel.xlsx.MAX_UPLOAD_BYTES; private: only the worker and
    # the job's pages read it, never served as a file
    content = models.BinaryField(_("ไฟล์ที่อัปโหลด"))
    state = models.CharField(
        _("สถานะ"), max_length=10, choices=State.choices, default=State.CHECKING
    )
    # rows checked or prepared so far
    done = models.PositiveIntegerField(_("จำนวนแถวที่ดำเนินการแล้ว"), default=0)
    total = models.PositiveIntegerField(_("จำนวนแถวทั้งหมด"), default=0)  # rows of the sheet
    # the preview (rows, totals, warnings) or the errors, then the import's outcome
    result = models.JSONField(_("ผลการตรวจและการนำเข้า"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้อัปโหลด"),
    )
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    updated_at = updated_at_field()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("งานนำเข้าไฟล์")
        verbose_name_plural = _("งานนำเข้าไฟล์")

    def __str__(self):
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def running(self) -> bool:
        return self.state in (self.State.CHECKING, self.State.IMPORTING)
