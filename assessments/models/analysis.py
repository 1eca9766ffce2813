"""The analysis of a year's results: drafted texts staff edit, the guideline library, and the
issues to raise (ประเด็นที่ต้องยกระดับ) that next year's measures answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.fields import updated_at_field, updated_by_field
from kernel.history_records import HistoricalRecords
from kernel.thai import digits, thai_digits
from organisations.models import Organisation
from organisations.tenancy import ScopedManager

from .framework import Indicator, OITItem, Question
from .results import Assessment


def issue_label(number, title) -> str:
    return f"ประเด็นที่ {digits(number)} {title}"


class AnalysisText(models.Model):
    """One text of the analysis (the summary, an indicator's narrative, a question's or an OIT
    item's improvement guideline).

    ``draft`` is what the portal last drafted from the data; ``text`` is what staff keep. When
    the two differ the text was edited, and a later re-draft leaves it alone unless asked.
    """

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("สรุปภาพรวม")
        NARRATIVE = "narrative", _("การวิเคราะห์ตัวชี้วัด")
        GUIDELINE = "guideline", _("แนวทางการยกระดับผลการประเมินฯ")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="texts", verbose_name=_("ผลการประเมิน")
    )
    # which text of the analysis this is (assessments.analysis.drafts names them)
    key = models.CharField(_("รหัสข้อความ"), max_length=40)
    kind = models.CharField(_("ประเภทข้อความ"), max_length=10, choices=Kind.choices)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ตัวชี้วัด"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ข้อคำถาม"),
    )
    item = models.ForeignKey(
        OITItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ข้อการประเมิน OIT"),
    )
    text = models.TextField(_("ข้อความ"), blank=True)
    draft = models.TextField(_("ร่างจากข้อมูล"), blank=True)
    updated_by = updated_by_field()
    updated_at = updated_at_field()
    objects = ScopedManager(models.QuerySet, "assessment__organisation")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ข้อความการวิเคราะห์ผล")
        verbose_name_plural = _("ข้อความการวิเคราะห์ผล")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="analysis_text_once"),
        ]

    def __str__(self):
        return self.key

    @property
    def edited(self) -> bool:
        return self.text.strip() != self.draft.strip()


class Guideline(models.Model):
    """A reusable improvement guideline (แนวทางการยกระดับ), keyed by indicator and optionally
    by a question or OIT item code and a fiscal year. Platform guidelines have no organisation;
    an organisation's own extend them and are seen only by it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guidelines",
        verbose_name=_("หน่วยงาน (ว่าง = ใช้ร่วมกันทุกหน่วยงาน)"),
    )
    indicator_number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    code = models.CharField(
        _("รหัสข้อ"), max_length=10, blank=True, help_text=_("เช่น i2, e4, O2; ว่าง = ทั้งตัวชี้วัด")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณของกรอบ"), null=True, blank=True, help_text=_("ว่าง = ใช้ได้ทุกปี")
    )
    text = models.TextField(_("แนวทาง"))
    source = models.CharField(_("ที่มา"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("แนวทางการยกระดับ")
        verbose_name_plural = _("คลังแนวทางการยกระดับ")
        ordering = ["indicator_number", "code", "-fiscal_year", "pk"]

    def __str__(self):
        where = f" ข้อ {self.code}" if self.code else ""
        return f"ตัวชี้วัดที่ {thai_digits(self.indicator_number)}{where}: {self.text[:50]}"


class ImprovementIssue(models.Model):
    """ประเด็นที่ต้องยกระดับ, drawn from the analysis of one year's results."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="issues", verbose_name=_("ผลการประเมิน")
    )
    number = models.PositiveSmallIntegerField(_("ประเด็นที่"))
    title = models.CharField(_("ชื่อประเด็น"), max_length=300)
    description = models.TextField(_("รายละเอียด"), blank=True)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name=_("ตัวชี้วัดที่เกี่ยวข้อง")
    )
    questions = models.ManyToManyField(
        Question, blank=True, related_name="+", verbose_name=_("ข้อคำถามที่เกี่ยวข้อง")
    )
    oit_items = models.ManyToManyField(
        OITItem, blank=True, related_name="+", verbose_name=_("ข้อ OIT ที่เกี่ยวข้อง")
    )
    objects = ScopedManager(models.QuerySet, "assessment__organisation")
    history = HistoricalRecords(m2m_fields=[indicators, questions, oit_items])

    class Meta:
        ordering = ["assessment", "number"]
        verbose_name = _("ประเด็นที่ต้องยกระดับ")
        verbose_name_plural = _("ประเด็นที่ต้องยกระดับ")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"],
                name="issue_number_once",
                violation_error_message=_("มีประเด็นหมายเลขนี้แล้ว"),
            )
        ]

    def __str__(self):
        return issue_label(self.number, self.title)
