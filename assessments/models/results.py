"""An organisation's official ITA results of one fiscal year.

Every figure is stored exactly as the NACC's ITAS gave it. What the portal can recompute from
parts is computed on the fly (assessments.scoring) and shown beside the official figure, never
written over it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernel.fields import updated_at_field, updated_by_field
from kernel.history_records import HistoricalRecords
from kernel.thai import thai_digits
from organisations.models import OrganisationOwned
from organisations.tenancy import ScopedManager

from ..levels import FULL_MARKS, level_for_score, score_validators
from .framework import Framework, Indicator, OITItem, Question, Tool


class Part(models.IntegerChoices):
    """Which part of a tool a score belongs to: the whole, or EIT ส่วนที่ ๑ / ส่วนที่ ๒."""

    WHOLE = 0, _("ทั้งหมด")
    ONE = 1, _("ส่วนที่ ๑")
    TWO = 2, _("ส่วนที่ ๒")


def _score_field():
    return models.DecimalField(
        _("คะแนน"), max_digits=5, decimal_places=2, validators=score_validators()
    )


def _score_range(name):
    return models.CheckConstraint(
        condition=Q(score__gte=0) & Q(score__lte=FULL_MARKS), name=f"{name}_score_0_100"
    )


class Assessment(OrganisationOwned):
    """An organisation's ITA of one fiscal year, judged against that year's framework.

    The official total is kept exactly as announced; the level follows from it.
    """

    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("กรอบการประเมิน"),
    )
    total_score = models.DecimalField(
        _("คะแนนรวม (ทางการ)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators(),
    )
    survey_suggestions = models.JSONField(_("ข้อเสนอแนะจาก EIT Survey"), default=list, blank=True)
    updated_by = updated_by_field()
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ผลการประเมินของหน่วยงาน")
        verbose_name_plural = _("ผลการประเมินของหน่วยงาน")
        ordering = ["organisation", "-framework__fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework"],
                name="one_assessment_per_organisation_and_year",
                violation_error_message=_("หน่วยงานนี้มีผลการประเมินของปีนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(total_score__isnull=True)
                | (Q(total_score__gte=0) & Q(total_score__lte=FULL_MARKS)),
                name="assessment_total_score_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ปี {thai_digits(self.fiscal_year)}"

    @property
    def fiscal_year(self):
        return self.framework.fiscal_year

    @property
    def level(self):
        return level_for_score(self.total_score) if self.total_score is not None else None


def _assessment_field(related_name):
    return models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("ผลการประเมิน"),
    )


def _part_field():
    return models.PositiveSmallIntegerField(_("ส่วน"), choices=Part.choices, default=Part.WHOLE)


class ToolScore(models.Model):
    assessment = _assessment_field("tool_scores")
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="+", verbose_name=_("เครื่องมือ")
    )
    part = _part_field()
    score = _score_field()

    objects = ScopedManager(models.QuerySet, "assessment__organisation")

    class Meta:
        verbose_name = _("คะแนนรายเครื่องมือ")
        verbose_name_plural = _("คะแนนรายเครื่องมือ")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "tool", "part"], name="tool_score_once"),
            _score_range("tool"),
        ]

    def __str__(self):
        return f"{self.tool.code} {self.get_part_display()} {self.score}"


class IndicatorScore(models.Model):
    assessment = _assessment_field("indicator_scores")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("ตัวชี้วัด")
    )
    part = _part_field()
    score = _score_field()

    objects = ScopedManager(models.QuerySet, "assessment__organisation")

    class Meta:
        verbose_name = _("คะแนนรายตัวชี้วัด")
        verbose_name_plural = _("คะแนนรายตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator", "part"], name="indicator_score_once"
            ),
            _score_range("indicator"),
        ]

    def __str__(self):
        return f"ตัวชี้วัดที่ {self.indicator.number} {self.get_part_display()} {self.score}"


class QuestionScore(models.Model):
    assessment = _assessment_field("question_scores")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("ข้อคำถาม")
    )
    part = _part_field()
    score = _score_field()

    objects = ScopedManager(models.QuerySet, "assessment__organisation")

    class Meta:
        verbose_name = _("คะแนนรายข้อคำถาม")
        verbose_name_plural = _("คะแนนรายข้อคำถาม")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question", "part"], name="question_score_once"
            ),
            _score_range("question"),
        ]

    def __str__(self):
        return f"{self.question.code} {self.get_part_display()} {self.score}"


class OITItemScore(models.Model):
    assessment = _assessment_field("item_scores")
    item = models.ForeignKey(
        OITItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("ข้อการประเมิน OIT")
    )
    score = _score_field()

    objects = ScopedManager(models.QuerySet, "assessment__organisation")

    class Meta:
        verbose_name = _("คะแนนรายข้อการประเมิน OIT")
        verbose_name_plural = _("คะแนนรายข้อการประเมิน OIT")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="item_score_once"),
            _score_range("item"),
        ]

    def __str__(self):
        return f"{self.item.code} {self.score}"


class AssessorSuggestion(models.Model):
    """ข้อเสนอแนะจากผู้ตรวจ: per tool (and EIT part), optionally about one question or item."""

    assessment = _assessment_field("assessor_suggestions")
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="+", verbose_name=_("เครื่องมือ")
    )
    part = models.PositiveSmallIntegerField(_("ส่วน"), choices=Part.choices, default=Part.WHOLE)
    code = models.CharField(
        _("ข้อที่เกี่ยวข้อง"), max_length=10, blank=True, help_text=_("เช่น i2, E4, O5 (ถ้ามี)")
    )
    text = models.TextField(_("ข้อเสนอแนะ"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    objects = ScopedManager(models.QuerySet, "assessment__organisation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "tool__order", "part", "order"]
        verbose_name = _("ข้อเสนอแนะจากผู้ตรวจ")
        verbose_name_plural = _("ข้อเสนอแนะจากผู้ตรวจ")

    def __str__(self):
        return f"{self.tool.code} {self.code} {self.text[:40]}"


class ImportBatch(OrganisationOwned):
    """An uploaded results workbook, read and found without errors, waiting for a person to
    confirm. (A workbook with errors is shown and forgotten: it changes nothing.)"""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("รอยืนยัน")
        APPLIED = "applied", _("นำเข้าแล้ว")
        DISCARDED = "discarded", _("ยกเลิก")

    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="+", verbose_name=_("กรอบการประเมิน")
    )
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    # the scores read from the workbook, written on confirmation
    payload = models.JSONField(_("ข้อมูลที่อ่านจากไฟล์"), default=dict)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้นำเข้า"),
    )
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("การนำเข้าผลการประเมิน")
        verbose_name_plural = _("การนำเข้าผลการประเมิน")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
