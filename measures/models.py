"""Next year's measures, their progress per round with evidence, the OIT checklist, and the
approval chain of each round's report.

Every change is kept by django-simple-history (who, when, what). Records people edit at the
same time carry a ``version`` so that a second, stale save is refused instead of silently
overwriting the first (measures.locking).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import ImprovementIssue, Indicator, OITComponent, OITItem, Question
from kernel.fields import HttpsURLField, updated_at_field, updated_by_field
from kernel.history_records import HistoricalRecords
from kernel.thai import BE_RANGE, digits, fiscal_year_bounds, thai_digits
from organisations.models import OrganisationOwned, Unit
from organisations.tenancy import ScopedManager, scope

from .rules import MeasureQuerySet, RoundQuerySet
from .status import Status

__all__ = ["Status"]  # the enum's home is measures.status; models re-export it


def _fiscal_year_field():
    from django.core.validators import MaxValueValidator, MinValueValidator

    return models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"),
        validators=[
            MinValueValidator(BE_RANGE[0], _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๙")),
            MaxValueValidator(BE_RANGE[1], _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๙")),
        ],
    )


class Measure(OrganisationOwned):
    """มาตรการ / โครงการ / กิจกรรม of one fiscal year, or a per-indicator
    แนวทางในการยกระดับ row (kind GUIDELINE, tied to one indicator)."""

    class Kind(models.TextChoices):
        MEASURE = "measure", _("มาตรการ")
        PROJECT = "project", _("โครงการ")
        ACTIVITY = "activity", _("กิจกรรม")
        GUIDELINE = "guideline", _("แนวทางในการยกระดับ")

    objects = ScopedManager(MeasureQuerySet)

    fiscal_year = _fiscal_year_field()
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices, default=Kind.MEASURE)
    title = models.TextField(_("ชื่อมาตรการ/โครงการ/กิจกรรม"))
    rationale = models.TextField(
        _("ที่มา/ประเด็นจากผลการประเมิน"),
        blank=True,
        help_text=_("เช่น จากผลการประเมิน ITA ตัวชี้วัดที่ ๙.๔ … ประเด็น …"),
    )
    issues = models.ManyToManyField(
        ImprovementIssue, blank=True, related_name="measures", verbose_name=_("ประเด็นที่ต้องยกระดับ")
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name=_("ตัวชี้วัด")
    )
    questions = models.ManyToManyField(
        Question, blank=True, related_name="+", verbose_name=_("ข้อคำถาม")
    )
    oit_items = models.ManyToManyField(
        OITItem, blank=True, related_name="+", verbose_name=_("ข้อ OIT")
    )
    period_text = models.CharField(
        _("ระยะเวลา (ตามที่เขียน)"),
        max_length=200,
        blank=True,
        help_text=_("เช่น ตลอดปีงบประมาณ หรือ ต.ค. ๖๘ ถึง ก.ย. ๖๙"),
    )
    start_date = models.DateField(_("วันเริ่ม"), null=True, blank=True)
    end_date = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    responsible_units = models.ManyToManyField(
        Unit, blank=True, related_name="measures", verbose_name=_("ผู้รับผิดชอบ (ส่วนงาน)")
    )
    responsible_text = models.TextField(
        _("ผู้รับผิดชอบ (ตามที่เขียน)"),
        blank=True,
        help_text=_("ใช้เมื่อผู้รับผิดชอบไม่ใช่ส่วนงาน เช่น คณะกรรมการ หรือหน่วยตรวจสอบภายใน"),
    )
    monitoring = models.TextField(
        _("การรายงานผลและการกำกับติดตาม"),
        blank=True,
        help_text=_("คอลัมน์ “การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ”"),
    )
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.TextField(_("เป้าหมาย/ตัวชี้วัดความสำเร็จ"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("คัดลอกจาก"),
    )
    carried_over = models.BooleanField(_("ยกมาจากปีก่อน (ยังไม่แล้วเสร็จ)"), default=False)
    version = models.PositiveIntegerField(_("ฉบับที่แก้ไข"), default=1, editable=False)
    updated_by = updated_by_field()
    updated_at = updated_at_field()
    history = HistoricalRecords(m2m_fields=[responsible_units, indicators, questions, oit_items])

    class Meta:
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")
        ordering = ["organisation", "fiscal_year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year", "kind", "number"],
                name="measure_number_once",
                violation_error_message=_("มีมาตรการลำดับนี้ในปีนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="measure_dates_in_order",
                violation_error_message=_("วันเริ่มต้องไม่หลังกำหนดแล้วเสร็จ"),
            ),
        ]

    def __str__(self):
        return f"{thai_digits(self.number)}. {self.title[:80]}"

    @property
    def outside_fiscal_year(self) -> bool:
        """Dates that do not touch the measure's own fiscal year (a copy-paste slip in 001)."""
        if not (self.start_date and self.end_date):
            return False
        first, last = fiscal_year_bounds(self.fiscal_year)
        return self.end_date < first or self.start_date > last


class MeasureStep(models.Model):
    """One ordered step (ขั้นตอนหรือวิธีการปฏิบัติ)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="steps", verbose_name=_("มาตรการ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.TextField(_("ขั้นตอนหรือวิธีการปฏิบัติ"))
    objects = ScopedManager(models.QuerySet, "measure__organisation")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ขั้นตอนของมาตรการ")
        verbose_name_plural = _("ขั้นตอนของมาตรการ")
        ordering = ["measure", "order"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "order"], name="measure_step_once")
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class MeasureDeadline(models.Model):
    """A dated checkpoint of the reporting and monitoring arrangement."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("มาตรการ")
    )
    label = models.CharField(_("สิ่งที่ต้องแล้วเสร็จ/รายงาน"), max_length=200)
    due_date = models.DateField(_("กำหนด"))
    objects = ScopedManager(models.QuerySet, "measure__organisation")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("กำหนดการรายงานของมาตรการ")
        verbose_name_plural = _("กำหนดการรายงานของมาตรการ")
        ordering = ["measure", "due_date"]

    def __str__(self):
        return f"{self.label} {self.due_date}"


class ProgressRound(OrganisationOwned):
    """A reporting round of a fiscal year (รอบ ๖ เดือน, รอบ ๑๒ เดือน, or custom) and its report's
    approval state."""

    class Kind(models.TextChoices):
        SIX_MONTHS = "six", _("รอบ ๖ เดือน")
        TWELVE_MONTHS = "twelve", _("รอบ ๑๒ เดือน")
        CUSTOM = "custom", _("รอบอื่น")

    class State(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        SUBMITTED = "submitted", _("ส่งเสนอแล้ว รออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")

    objects = ScopedManager(RoundQuerySet)

    fiscal_year = _fiscal_year_field()
    kind = models.CharField(_("ประเภทรอบ"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("ชื่อรอบ"), max_length=100)
    start_date = models.DateField(_("ตั้งแต่"))
    end_date = models.DateField(_("ถึง"))
    due_date = models.DateField(_("กำหนดส่งรายงาน"), null=True, blank=True)
    state = models.CharField(
        _("สถานะรายงาน"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    report_version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    published = models.BooleanField(_("เผยแพร่แล้ว"), default=False)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("รอบการรายงาน")
        verbose_name_plural = _("รอบการรายงาน")
        ordering = ["organisation", "fiscal_year", "end_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")),
                name="round_dates_in_order",
                violation_error_message=_("วันเริ่มต้องไม่หลังวันสิ้นสุด"),
            ),
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year", "name"],
                name="round_name_once",
                violation_error_message=_("มีรอบชื่อนี้ในปีนี้แล้ว"),
            ),
        ]

    def __str__(self):
        return f"{self.label} ปี {digits(self.fiscal_year)}"

    STANDARD_MONTHS = {Kind.SIX_MONTHS: 6, Kind.TWELVE_MONTHS: 12}

    @classmethod
    def label_for(cls, kind, name) -> str:
        """A standard round's name is generated (its digits follow the page or document); a
        custom round's is as typed."""
        months = cls.STANDARD_MONTHS.get(kind)
        return f"รอบ {digits(months)} เดือน" if months else name

    @property
    def label(self) -> str:
        return self.label_for(self.kind, self.name)

    @property
    def editable(self):
        return self.state == self.State.DRAFT


class Progress(models.Model):
    """What was done for one measure in one round."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="progress", verbose_name=_("มาตรการ")
    )
    round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("รอบการรายงาน"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    summary = models.TextField(_("สรุปผลการดำเนินการ"), blank=True)
    results = models.TextField(_("ผลลัพธ์หรือความสำเร็จ"), blank=True)
    done_text = models.CharField(_("ดำเนินการเมื่อวันที่ (ตามที่เขียน)"), max_length=200, blank=True)
    done_on = models.DateField(_("วันที่ดำเนินการแล้วเสร็จ"), null=True, blank=True)
    suggestions = models.TextField(_("ข้อเสนอแนะ/ปัญหาอุปสรรค"), blank=True)
    version = models.PositiveIntegerField(_("ฉบับที่แก้ไข"), default=1, editable=False)
    updated_by = updated_by_field()
    updated_at = updated_at_field()
    objects = ScopedManager(models.QuerySet, "measure__organisation")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ความก้าวหน้า")
        verbose_name_plural = _("ความก้าวหน้า")
        constraints = [
            models.UniqueConstraint(fields=["measure", "round"], name="progress_once_per_round")
        ]

    def __str__(self):
        return f"{self.measure} · {self.round.name} · {self.get_status_display()}"


def _evidence_name(instance, filename):
    # a random name, no extension: the stored name says nothing and runs nothing
    return f"evidence/{instance.organisation_id}/{uuid.uuid4().hex}"


def private_storage():
    """Evidence storage: Django's ``default`` storage (settings.STORAGES: MEDIA_ROOT, outside
    the web root, or a private S3-compatible bucket); files are served only by views that
    check who asks. A callable, so that the migration does not freeze one machine's choice."""
    return default_storage


class Evidence(OrganisationOwned):
    """A file or a link showing what was done. Files live outside the web root under random
    names and are served only by a view that checks who asks (or publicly once published)."""

    progress = models.ForeignKey(
        Progress, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("ความก้าวหน้า")
    )
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=200, blank=True)
    file = models.FileField(
        _("ไฟล์"), storage=private_storage, upload_to=_evidence_name, blank=True, max_length=200
    )
    # the uploaded file's own name and type (the stored name is random)
    original_name = models.CharField(_("ชื่อไฟล์เดิม"), max_length=255, blank=True)
    content_type = models.CharField(_("ชนิดไฟล์"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ขนาดไฟล์ (ไบต์)"), default=0)
    url = HttpsURLField(_("ลิงก์"), blank=True, max_length=500)
    # the key of the evidence's public address once its round's report is published
    public_token = models.UUIDField(
        _("รหัสลิงก์สาธารณะ"), default=uuid.uuid4, unique=True, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อัปโหลด"),
    )
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")
        ordering = ["progress", "uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link"
            ),
        ]

    def __str__(self):
        return self.title or self.original_name or self.url


class OITChecklistEntry(OrganisationOwned):
    """One O-item of the year's framework: components ticked, who, where it is published."""

    item = models.ForeignKey(
        OITItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("ข้อการประเมิน OIT")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้รับผิดชอบ")
    )
    responsible_text = models.CharField(_("ผู้รับผิดชอบ (ตามที่เขียน)"), max_length=200, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    components_done = models.ManyToManyField(
        OITComponent, blank=True, related_name="+", verbose_name=_("องค์ประกอบที่ครบแล้ว")
    )
    url = HttpsURLField(_("ลิงก์ที่เผยแพร่"), blank=True, max_length=500)
    last_checked = models.DateField(_("ตรวจสอบล่าสุด"), null=True, blank=True)
    notes = models.TextField(_("ความก้าวหน้า/หมายเหตุ"), blank=True)
    version = models.PositiveIntegerField(_("ฉบับที่แก้ไข"), default=1, editable=False)
    updated_by = updated_by_field()
    updated_at = updated_at_field()
    history = HistoricalRecords(m2m_fields=[components_done])

    class Meta:
        verbose_name = _("รายการตรวจ OIT")
        verbose_name_plural = _("รายการตรวจ OIT")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "item"], name="oit_entry_once")
        ]

    def __str__(self):
        return f"{self.item.code} {self.get_status_display()}"


class ApprovalStep(OrganisationOwned):
    """One link of the organisation's sign-off chain (e.g. หัวหน้าสำนักปลัด → ปลัด → นายก)."""

    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(
        _("ความเห็นของ"), max_length=200, help_text=_("เช่น ความเห็นหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบล")
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approval_steps",
        verbose_name=_("ผู้ลงนาม"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ลำดับการอนุมัติ")
        verbose_name_plural = _("ลำดับการอนุมัติ")
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "order"], name="approval_step_once")
        ]

    def __str__(self):
        return f"{self.order}. {self.title} ({self.approver})"

    def clean(self):
        """A step is signed by an executive of this organisation, once per chain: the
        decision views ask for the executive role, so anyone else would block the chain."""
        from organisations.models import Membership

        super().clean()
        if self.organisation_id is None or self.approver_id is None:
            return
        with scope(organisation=self.organisation_id):
            executive = (
                Membership.objects.filter(
                    organisation_id=self.organisation_id,
                    user_id=self.approver_id,
                    role=Membership.Role.EXECUTIVE,
                    active=True,
                    user__is_active=True,
                )
                .select_related("user")
                .first()
            )
            twice = (
                ApprovalStep.objects.filter(
                    organisation_id=self.organisation_id, approver_id=self.approver_id
                )
                .exclude(pk=self.pk)
                .exists()
            )
        if executive is None:
            raise ValidationError(
                {
                    "approver": _(
                        "ผู้ลงนามต้องเป็นผู้บริหารของหน่วยงานนี้ที่ใช้งานอยู่ "
                        "(ผู้ใช้นี้ไม่ได้เป็นผู้บริหารของหน่วยงาน หรือถูกปิดการใช้งาน)"
                    )
                }
            )
        if not executive.user.full_name.strip() or not executive.position.strip():
            # what the memo prints under the signature (set on the members' page)
            raise ValidationError(
                {"approver": _("ผู้ลงนามต้องมีชื่อ-นามสกุลและตำแหน่ง กรุณาระบุที่หน้าสมาชิกก่อน")}
            )
        if twice:
            raise ValidationError({"approver": _("ผู้ลงนามนี้อยู่ในลำดับการอนุมัติแล้ว")})


class RoundDecision(models.Model):
    """What happened to a round's report: submitted, approved at a step, or sent back."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("ส่งเสนอ")
        APPROVE = "approve", _("เห็นชอบ")
        SEND_BACK = "send_back", _("ส่งกลับแก้ไข")
        REOPEN = "reopen", _("เริ่มฉบับแก้ไขใหม่")
        PUBLISH = "publish", _("เผยแพร่")

    round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("รอบการรายงาน"),
    )
    report_version = models.PositiveSmallIntegerField(_("ฉบับที่"))
    step = models.ForeignKey(
        ApprovalStep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ลำดับการอนุมัติ"),
    )
    # the step's title and the signer's position as they were when the decision was made
    step_title = models.CharField(_("ความเห็นของ (ขณะบันทึก)"), max_length=200, blank=True)
    position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200, blank=True)
    action = models.CharField(_("การดำเนินการ"), max_length=10, choices=Action.choices)
    comment = models.TextField(_("ความเห็น"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    at = models.DateTimeField(_("บันทึกเมื่อ"))  # when it was recorded
    # The date the signature bears: set by the signer when past work is recorded after the
    # fact (a FY2564 report approved in 2569 is signed in 2564); None on older rows = at's date.
    signed_on = models.DateField(_("วันที่ลงนาม"), null=True, blank=True)
    objects = ScopedManager(models.QuerySet, "round__organisation")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("การเสนอและพิจารณารายงาน")
        verbose_name_plural = _("การเสนอและพิจารณารายงาน")
        ordering = ["round", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.user}"

    @property
    def date_borne(self):
        return self.signed_on or timezone.localdate(self.at)


class ReportVersion(models.Model):
    """One version of a round's report, frozen when it is submitted: exactly what the
    approvers see and sign. ``approved_at`` is set when the last step of the chain approves;
    from then on approved documents, the public page and the open data are drawn from
    ``content`` and never from the live data (``measures.report_content``)."""

    round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("รอบการรายงาน"),
    )
    report_version = models.PositiveSmallIntegerField(_("ฉบับที่"))
    content = models.JSONField(_("เนื้อหารายงาน (ตามที่ส่งเสนอ)"))
    submitted_at = models.DateTimeField(_("ส่งเสนอเมื่อ"), null=True, blank=True)
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    evidence = models.ManyToManyField(
        "Evidence",
        through="VersionEvidence",
        related_name="versions",
        blank=True,
        verbose_name=_("หลักฐาน"),
    )

    objects = ScopedManager(models.QuerySet, "round__organisation")

    class Meta:
        verbose_name = _("ฉบับของรายงาน")
        verbose_name_plural = _("ฉบับของรายงาน")
        ordering = ["round", "-report_version"]
        constraints = [
            models.UniqueConstraint(fields=["round", "report_version"], name="approved_once")
        ]

    def __str__(self):
        return f"{self.round} ฉบับที่ {thai_digits(self.report_version)}"

    @property
    def approved(self):
        return self.approved_at is not None


class DocumentLayout(OrganisationOwned):
    """How an organisation prints one of a round's documents (``measures.layouts``): its own
    settings, remembered from year to year (no round), or a round's override of them.

    ``opening_draft`` is the opening paragraph as the portal last drafted it from the data;
    ``opening`` is what staff keep. When the two differ the paragraph was edited: it is
    printed as typed, and a re-draft replaces it only after a confirmation page."""

    code = models.CharField(_("เอกสาร"), max_length=8)
    round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="layouts",
        verbose_name=_("ใช้เฉพาะรอบการรายงาน"),
    )
    options = models.JSONField(_("การตั้งค่าเอกสาร"), default=dict, blank=True)
    opening = models.TextField(_("ย่อหน้าเปิดเรื่อง"), blank=True)
    opening_draft = models.TextField(_("ย่อหน้าเปิดเรื่องที่ระบบร่างจากข้อมูล"), blank=True)
    # the round an edited opening was written for: it quotes that round's figures and year,
    # so the other rounds (and years) print their own draft; None: every round
    opening_round = models.ForeignKey(
        ProgressRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("รอบที่เขียนย่อหน้าเปิดเรื่องไว้"),
    )
    updated_by = updated_by_field()
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("การตั้งค่าเอกสาร")
        verbose_name_plural = _("การตั้งค่าเอกสาร")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(round=None),
                name="layout_once_per_organisation",
            ),
            models.UniqueConstraint(fields=["round", "code"], name="layout_once_per_round"),
        ]

    def __str__(self):
        return f"{self.code} {self.round or self.organisation}"

    @property
    def opening_edited(self) -> bool:
        return self.opening.strip() != self.opening_draft.strip()


class VersionEvidence(models.Model):
    """Evidence shown in a frozen version: its file may never be deleted."""

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, verbose_name=_("ฉบับของรายงาน")
    )
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, verbose_name=_("หลักฐาน"))

    objects = ScopedManager(models.QuerySet, "version__round__organisation")

    class Meta:
        verbose_name = _("หลักฐานในฉบับของรายงาน")
        verbose_name_plural = _("หลักฐานในฉบับของรายงาน")
        constraints = [
            models.UniqueConstraint(fields=["version", "evidence"], name="version_evidence_once")
        ]

    def __str__(self):
        return f"{self.version} · {self.evidence}"


class SheetUpload(OrganisationOwned):
    """An uploaded measures or progress workbook that passed its dry run and waits for a
    person's confirmation. (A workbook with errors is shown and not kept.)"""

    class Kind(models.TextChoices):
        MEASURES = "measures", _("มาตรการ")
        PROGRESS = "progress", _("ความก้าวหน้า")

    kind = models.CharField(_("ข้อมูลที่นำเข้า"), max_length=10, choices=Kind.choices)
    fiscal_year = _fiscal_year_field()
    round = models.ForeignKey(
        ProgressRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("รอบการรายงาน"),
    )
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content = models.BinaryField(_("ไฟล์ที่อัปโหลด"))
    applied = models.BooleanField(_("นำเข้าแล้ว"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อัปโหลด"),
    )
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("ไฟล์นำเข้าที่รอยืนยัน")
        verbose_name_plural = _("ไฟล์นำเข้าที่รอยืนยัน")

    def __str__(self):
        return self.filename
