"""A render job: one official document's PDF being made (or made) by a worker.

The job is named by the rendered file's key (the hash of the content the document is drawn
from), so identical requests — the same document of the same data — join one job. It keeps
what is needed to draw the document again (code, subject, version, digits), so the worker and
the pruning can rebuild it and tell whether the data has changed since.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationOwnedQuerySet
from organisations.tenancy import ScopedManager


class RenderJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังจัดทำ")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("จัดทำไม่สำเร็จ")
        CHANGED = "changed", _("ข้อมูลเปลี่ยนระหว่างจัดทำ")

    key = models.CharField(_("รหัสไฟล์"), max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, verbose_name=_("หน่วยงาน")
    )
    code = models.CharField(_("เอกสาร"), max_length=8)
    subject_id = models.PositiveBigIntegerField(_("รหัสรอบหรือผลการประเมิน"))
    number = models.PositiveSmallIntegerField(_("ฉบับที่"), null=True, blank=True)
    live = models.BooleanField(_("ร่างจากข้อมูลล่าสุด"), default=False)
    thai_digits = models.BooleanField(_("เลขไทย"), default=True)
    options = models.JSONField(_("ตัวเลือกของเอกสาร"), default=dict, blank=True)
    published = models.BooleanField(
        _("ฉบับเผยแพร่"), default=False, help_text=_("จัดทำจากฉบับที่เผยแพร่ต่อสาธารณะ")
    )
    public = models.BooleanField(_("ดูสถานะได้โดยไม่ต้องเข้าสู่ระบบ"), default=False)
    approved = models.BooleanField(_("ฉบับที่อนุมัติแล้ว"), default=False)
    state = models.CharField(_("สถานะ"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), default=0)
    message = models.TextField(_("ข้อความ"), blank=True)
    pages = models.PositiveIntegerField(_("จำนวนหน้า"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("ขนาดไฟล์ (ไบต์)"), null=True, blank=True)
    created_at = models.DateTimeField(_("สั่งจัดทำเมื่อ"), auto_now_add=True)
    queued_at = models.DateTimeField(_("เข้าคิวล่าสุดเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    objects = ScopedManager(OrganisationOwnedQuerySet)

    class Meta:
        verbose_name = _("งานจัดทำไฟล์ PDF")
        verbose_name_plural = _("งานจัดทำไฟล์ PDF")
        indexes = [models.Index(fields=["state", "finished_at"])]

    def __str__(self):
        return f"{self.code} {self.key[:12]}"
