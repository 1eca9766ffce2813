"""The ITA framework of each fiscal year, as data, and the assessment an organisation receives.

A framework (one per fiscal year, BE) has tools (IIT, EIT, OIT) with weights, optional tool
parts (EIT ส่วนที่ ๑ Public / ส่วนที่ ๒ Survey), indicators 1–10, sub-indicators (9.1 …),
questions (i1 …, e1 …) and OIT items (O1 …) with their data components. Nothing about a
particular year is written in code.
"""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kernel.history_records import HistoricalRecords
from kernel.thai import BE_RANGE, clean_text, digits, thai_digits

from ..levels import FULL_MARKS

fiscal_year_validators = [
    MinValueValidator(BE_RANGE[0], _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๘")),
    MaxValueValidator(BE_RANGE[1], _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๘")),
]
weight_validators = [  # a weight is the full marks of a tool or part: at most those of the ITA
    MinValueValidator(Decimal("0"), _("น้ำหนักคะแนนต้องไม่ติดลบ")),
    MaxValueValidator(FULL_MARKS, format_lazy(_("น้ำหนักคะแนนต้องไม่เกิน {}"), thai_digits(FULL_MARKS))),
]


def indicator_label(number, name) -> str:
    """How an indicator is named everywhere: ``ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล`` (digits in the style
    of what is being rendered)."""
    return f"ตัวชี้วัดที่ {digits(number)} {name}"


def sub_indicator_label(code, name) -> str:
    return f"ตัวชี้วัดย่อยที่ {digits(code)} {name}"


def part_label(tool_code, part) -> str:
    """``IIT``, ``EIT ส่วนที่ ๑``: a tool, or one part of it."""
    return f"{tool_code} ส่วนที่ {digits(part)}" if part else tool_code


class Framework(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), unique=True, validators=fiscal_year_validators
    )
    name = models.CharField(_("ชื่อ"), max_length=200)
    source = models.CharField(_("ที่มา"), max_length=300, blank=True)
    notes = models.TextField(_("หมายเหตุการถอดความ"), blank=True)
    cloned_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("คัดลอกจาก")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("สร้างเมื่อ"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("กรอบการประเมิน")
        verbose_name_plural = _("กรอบการประเมิน")
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=BE_RANGE[0]) & Q(fiscal_year__lte=BE_RANGE[1]),
                name="framework_fiscal_year_is_be",
            )
        ]

    def __str__(self):
        return f"กรอบการประเมิน ปี {thai_digits(self.fiscal_year)}"

    @property
    def in_use(self) -> bool:
        from .usage import framework_in_use  # the rule reads the other models too

        return framework_in_use(self)


class FrameworkInUseError(ValidationError):
    """A structural change to a framework that results already refer to."""


class FrameworkPart(models.Model):
    """Common base of the pieces of one framework.

    Once results refer to a framework (see ``Framework.in_use``) its structure — codes,
    numbers, weights, what belongs to what — is frozen, so no recorded score is orphaned or
    silently given a new meaning; wording can still be corrected (and is kept in history).
    """

    STRUCTURAL: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._check_structure()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_in_use("ลบรายการ")
        return super().delete(*args, **kwargs)

    def owning_framework(self):
        raise NotImplementedError

    def _refuse_if_in_use(self, what):
        try:
            framework = self.owning_framework()
        except ObjectDoesNotExist:  # not attached yet: nothing to protect
            return
        if framework is not None and framework.in_use:
            raise FrameworkInUseError(
                f"กรอบการประเมินปี {thai_digits(framework.fiscal_year)} มีผลการประเมินใช้อยู่แล้ว "
                f"จึง{what}ไม่ได้ แก้ไขได้เฉพาะถ้อยคำ หรือคัดลอกเป็นกรอบของปีใหม่",
                code="framework_in_use",
            )

    def _check_structure(self):
        if self.pk is None:
            self._refuse_if_in_use("เพิ่มรายการ")
        elif self.STRUCTURAL:
            names = self._structural_attnames()
            before = type(self)._base_manager.filter(pk=self.pk).values(*names).first()
            if before is not None and any(_differs(before[n], getattr(self, n)) for n in names):
                self._refuse_if_in_use("เปลี่ยนรหัส ลำดับ น้ำหนัก หรือการจัดกลุ่ม")

    def _structural_attnames(self):
        return [self._meta.get_field(name).attname for name in self.STRUCTURAL]

    def clean(self):
        for field in self._meta.fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(
                        self,
                        field.attname,
                        clean_text(value, multiline=isinstance(field, models.TextField)),
                    )
        self._check_structure()


def _differs(a, b):
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return (Decimal(str(a)) if a is not None else None) != (
            Decimal(str(b)) if b is not None else None
        )
    return a != b


class Tool(FrameworkPart):
    class Code(models.TextChoices):
        IIT = "IIT", "IIT"
        EIT = "EIT", "EIT"
        OIT = "OIT", "OIT"

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="tools", verbose_name=_("กรอบการประเมิน")
    )
    code = models.CharField(_("รหัส"), max_length=3, choices=Code.choices)
    name = models.CharField(_("ชื่อเครื่องมือ"), max_length=200)
    weight = models.DecimalField(
        _("น้ำหนักคะแนน"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=weight_validators,
        help_text=_("คะแนนเต็มของเครื่องมือ ว่างไว้หากเอกสารไม่ระบุ"),
    )
    stated_question_count = models.PositiveSmallIntegerField(
        _("จำนวนข้อตามที่ระบุ"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    STRUCTURAL = ("code", "weight")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("เครื่องมือการประเมิน")
        verbose_name_plural = _("เครื่องมือการประเมิน")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="tool_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def owning_framework(self):
        return self.framework


class ToolPart(FrameworkPart):
    """A separately scored part of a tool (EIT ส่วนที่ ๑ Public, ส่วนที่ ๒ Survey)."""

    tool = models.ForeignKey(
        Tool, on_delete=models.CASCADE, related_name="parts", verbose_name=_("เครื่องมือ")
    )
    number = models.PositiveSmallIntegerField(_("ส่วนที่"))
    name = models.CharField(_("ชื่อ"), max_length=200)
    weight = models.DecimalField(
        _("น้ำหนักคะแนน"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=weight_validators,
    )
    STRUCTURAL = ("tool", "number", "weight")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ส่วนของเครื่องมือ")
        verbose_name_plural = _("ส่วนของเครื่องมือ")
        ordering = ["tool", "number"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="tool_part_unique"),
        ]

    def __str__(self):
        return f"{self.tool.code} {self.name}"

    def owning_framework(self):
        return self.tool.framework


class Indicator(FrameworkPart):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("กรอบการประเมิน"),
    )
    tool = models.ForeignKey(
        Tool, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("เครื่องมือ")
    )
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name = models.CharField(_("ชื่อตัวชี้วัด"), max_length=200)
    STRUCTURAL = ("tool", "number")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="indicator_unique"),
        ]

    def __str__(self):
        return indicator_label(self.number, self.name)

    def owning_framework(self):
        return self.framework

    def clean(self):
        super().clean()
        if self.tool_id and self.framework_id and self.tool.framework_id != self.framework_id:
            raise ValidationError({"tool": _("เครื่องมือต้องอยู่ในกรอบการประเมินปีเดียวกัน")})


class SubIndicator(FrameworkPart):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sub_indicators", verbose_name=_("ตัวชี้วัด")
    )
    code = models.CharField(_("รหัส"), max_length=10, help_text=_("เช่น 9.1"))
    name = models.CharField(_("ชื่อตัวชี้วัดย่อย"), max_length=200)
    topics = models.JSONField(_("หมวด/ประเด็น"), default=list, blank=True)
    stated_item_count = models.PositiveSmallIntegerField(_("จำนวนข้อตามที่ระบุ"), null=True, blank=True)
    STRUCTURAL = ("indicator", "code")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ตัวชี้วัดย่อย")
        verbose_name_plural = _("ตัวชี้วัดย่อย")
        ordering = ["indicator__number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code"], name="sub_indicator_unique"),
        ]

    def __str__(self):
        return sub_indicator_label(self.code, self.name)

    def owning_framework(self):
        return self.indicator.framework


class Question(FrameworkPart):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("กรอบการประเมิน"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="questions", verbose_name=_("ตัวชี้วัด")
    )
    code = models.CharField(_("รหัสข้อ"), max_length=10, help_text=_("เช่น i1, e4"))
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.TextField(_("ข้อคำถาม"))
    STRUCTURAL = ("indicator", "code", "number")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ข้อคำถาม")
        verbose_name_plural = _("ข้อคำถาม")
        ordering = ["framework", "indicator__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="question_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    def owning_framework(self):
        return self.framework

    def clean(self):
        super().clean()
        self.code = self.code.strip().lower()
        if (
            self.indicator_id
            and self.framework_id
            and (self.indicator.framework_id != self.framework_id)
        ):
            raise ValidationError({"indicator": _("ตัวชี้วัดต้องอยู่ในกรอบการประเมินปีเดียวกัน")})


class OITItem(FrameworkPart):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="oit_items",
        verbose_name=_("กรอบการประเมิน"),
    )
    sub_indicator = models.ForeignKey(
        SubIndicator, on_delete=models.PROTECT, related_name="items", verbose_name=_("ตัวชี้วัดย่อย")
    )
    code = models.CharField(_("รหัสข้อ"), max_length=10, help_text=_("เช่น O1"))
    number = models.PositiveSmallIntegerField(_("ข้อที่"))
    name = models.CharField(_("ข้อมูล"), max_length=300)
    topic = models.CharField(_("หมวด"), max_length=200, blank=True)
    evidence_period = models.CharField(_("ช่วงเวลาของหลักฐาน"), max_length=200, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    STRUCTURAL = ("sub_indicator", "code", "number")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ข้อการประเมิน OIT")
        verbose_name_plural = _("ข้อการประเมิน OIT")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="oit_item_code_unique"),
            models.UniqueConstraint(fields=["framework", "number"], name="oit_item_number_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def owning_framework(self):
        return self.framework


class OITComponent(FrameworkPart):
    """One required data component (องค์ประกอบด้านข้อมูล) of an OIT item."""

    item = models.ForeignKey(
        OITItem,
        on_delete=models.CASCADE,
        related_name="components",
        verbose_name=_("ข้อการประเมิน OIT"),
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.TextField(_("องค์ประกอบด้านข้อมูล"))
    STRUCTURAL = ("item", "order")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("องค์ประกอบด้านข้อมูล")
        verbose_name_plural = _("องค์ประกอบด้านข้อมูล")
        ordering = ["item", "order"]
        constraints = [
            models.UniqueConstraint(fields=["item", "order"], name="oit_component_unique"),
        ]

    def __str__(self):
        return self.text[:80]

    def owning_framework(self):
        return self.item.framework
