"""Organisations, their internal units, and who may do what in which of them."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernel.fields import HttpsURLField, updated_at_field
from kernel.history_records import HistoricalRecords
from kernel.thai import clean_text

from .tenancy import ScopedManager

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$",
    _("รหัสหน่วยงานต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือขีดกลาง ๒–๔๐ ตัว เช่น rob-wiang"),
    code="bad_code",
)


class User(AbstractUser):
    """An account. ``full_name`` is the Thai name with title as signed on documents."""

    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200, blank=True)
    must_change_password = models.BooleanField(
        _("ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งถัดไป"),
        default=False,
        help_text=_("ตั้งเมื่อผู้ดูแลกำหนดรหัสผ่านเริ่มต้นให้ ระบบจะให้เปลี่ยนก่อนใช้งานหน้าอื่น"),
    )

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    def clean(self):
        """The last active platform admin cannot stop being one: nobody could then reach the
        admin to set anything right."""
        super().clean()
        if self.pk is None or (self.is_active and self.is_superuser):
            return
        if User.would_leave_no_platform_admin([self.pk]):
            raise ValidationError(
                _(
                    "บัญชีนี้เป็นผู้ดูแลระบบของแพลตฟอร์มคนสุดท้ายที่ใช้งานอยู่ ปิดการใช้งานหรือถอดสิทธิ์ไม่ได้ "
                    "กรุณาตั้งผู้ดูแลระบบคนอื่นก่อน"
                )
            )

    @classmethod
    def would_leave_no_platform_admin(cls, pks) -> bool:
        """Whether taking the accounts ``pks`` away (deactivating, demoting or deleting them)
        would leave no active platform admin while there is one now."""
        admins = cls.objects.filter(is_active=True, is_superuser=True)
        return admins.filter(pk__in=pks).exists() and not admins.exclude(pk__in=pks).exists()

    @property
    def is_platform_admin(self):
        return self.is_active and self.is_superuser


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", _("องค์การบริหารส่วนตำบล (อบต.)")
        MUNICIPALITY = "municipality", _("เทศบาล")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด (อบจ.)")

    SHORT_PREFIX = {Kind.SAO: "อบต.", Kind.MUNICIPALITY: "เทศบาล", Kind.PAO: "อบจ."}

    code = models.CharField(
        _("รหัสหน่วยงาน (ใช้ในลิงก์)"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("ใช้ในลิงก์ถาวรของหน่วยงาน เปลี่ยนไม่ได้หลังบันทึก"),
    )
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.SAO)
    name = models.CharField(
        _("ชื่อหน่วยงาน"), max_length=200, help_text=_("ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลรอบเวียง")
    )
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100, help_text=_("เช่น อบต.รอบเวียง"))
    subdistrict = models.CharField(_("ตำบล"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100)
    province = models.CharField(_("จังหวัด"), max_length=100, db_index=True)
    website = HttpsURLField(_("เว็บไซต์"), blank=True)
    eit_survey_url = HttpsURLField(_("ลิงก์แบบวัด EIT"), blank=True)
    document_prefix = models.CharField(
        _("เลขที่หนังสือ (ที่)"),
        max_length=50,
        blank=True,
        help_text=_("รหัสหนังสือราชการของหน่วยงาน เช่น อบ ๗๓๑๐๑"),
    )
    address = models.TextField(_("ที่อยู่"), blank=True, help_text=_("ตามที่พิมพ์ในหนังสือราชการ"))
    prepared_by = models.ForeignKey(
        "Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ส่วนงานที่จัดทำเอกสาร (จัดทำโดย)"),
    )
    emblem = models.FileField(
        _("ตราสัญลักษณ์"),
        upload_to="emblems/",
        blank=True,
        help_text=_("รูปภาพ PNG หรือ JPEG สำหรับบันทึกข้อความและปกเอกสาร"),
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = updated_at_field()

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        ordering = ["province", "district", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="organisation_code_not_empty"),
        ]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        for field in ("name", "short_name", "subdistrict", "district", "province"):
            setattr(self, field, clean_text(getattr(self, field)))

    @property
    def location(self):
        parts = []
        if self.subdistrict:
            parts.append(f"ตำบล{self.subdistrict}")
        parts += [f"อำเภอ{self.district}", f"จังหวัด{self.province}"]
        return " ".join(parts)


class OrganisationOwnedQuerySet(models.QuerySet):
    """The one way into organisation-owned rows: always through an organisation."""

    def of(self, organisation):
        return self.filter(organisation=organisation)


class OrganisationOwned(models.Model):
    """Base of every model that belongs to one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("หน่วยงาน")
    )

    # refuses any query outside an organisation's scope (organisations.tenancy)
    objects = ScopedManager(OrganisationOwnedQuerySet)

    class Meta:
        abstract = True


class Unit(OrganisationOwned):
    """An internal unit (สำนักปลัด, กองคลัง …) named as "responsible" for work."""

    name = models.CharField(_("ชื่อส่วนงาน"), max_length=150)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    active = models.BooleanField(_("ใช้งานอยู่"), default=True)

    class Meta:
        verbose_name = _("ส่วนงานภายใน")
        verbose_name_plural = _("ส่วนงานภายใน")
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="unit_name_unique_in_organisation",
                violation_error_message=_("มีส่วนงานชื่อนี้ในหน่วยงานแล้ว"),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = clean_text(self.name)

    @property
    def choice_label(self):
        """The unit as a form offers it: a retired one (still named by old records) says so."""
        return self.name if self.active else f"{self.name} ({_('เลิกใช้แล้ว')})"

    @classmethod
    def offer(cls, field, organisation, keep=()):
        """Set a form field's choices to the units a record may name: the organisation's
        active ones, and any retired one in ``keep`` (what the record names already), which
        stays chosen until someone takes it off: saving a page unchanged drops nothing."""
        keep = [getattr(unit, "pk", unit) for unit in keep if unit]
        field.queryset = cls.objects.of(organisation).filter(
            models.Q(active=True) | models.Q(pk__in=keep)
        )
        field.label_from_instance = lambda unit: unit.choice_label


class Membership(OrganisationOwned):
    class Role(models.TextChoices):
        STAFF = "staff", _("เจ้าหน้าที่")
        EXECUTIVE = "executive", _("ผู้บริหาร")
        ORG_ADMIN = "org_admin", _("ผู้ดูแลระบบของหน่วยงาน")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("ผู้ใช้")
    )
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices)
    position = models.CharField(
        _("ตำแหน่ง"), max_length=200, blank=True, help_text=_("ตามที่ลงนามในเอกสาร เช่น ปลัด อบต.")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สังกัด")
    )
    active = models.BooleanField(
        _("ใช้งานอยู่"),
        default=True,
        help_text=_("สมาชิกที่ปิดการใช้งานเข้าหน่วยงานนี้ไม่ได้ ประวัติและเอกสารเดิมยังคงอยู่"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("สมาชิกของหน่วยงาน")
        verbose_name_plural = _("สมาชิกของหน่วยงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="one_membership_per_user_and_organisation",
                violation_error_message=_("ผู้ใช้นี้เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class Supervision(models.Model):
    """A supervisor's read-only view over organisations: a province (optionally one district)
    and/or organisations named one by one."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("ผู้ใช้")
    )
    name = models.CharField(_("ชื่อการกำกับดูแล"), max_length=200, help_text=_("เช่น สถ.จ.เชียงราย"))
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    kind = models.CharField(
        _("ประเภทหน่วยงาน"), max_length=20, choices=Organisation.Kind.choices, blank=True
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, verbose_name=_("หน่วยงานที่ระบุเพิ่ม")
    )

    class Meta:
        verbose_name = _("การกำกับดูแล")
        verbose_name_plural = _("การกำกับดูแล")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(province="") & ~Q(district="")),
                name="supervision_district_needs_province",
                violation_error_message=_("ระบุอำเภอได้เมื่อระบุจังหวัดแล้วเท่านั้น"),
            )
        ]

    history = HistoricalRecords()  # who gave whom a supervisor's view, and when

    def __str__(self):
        return self.name


class Invitation(models.Model):
    """A one-time link by which an invited account sets its password. Only the token's hash
    is stored; the link works once and until ``expires_at``. An account, not an organisation,
    is invited (its memberships say where it belongs), so this is not organisation-owned."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("ผู้ใช้")
    )
    token_hash = models.CharField(_("ค่าแฮชของรหัสในลิงก์เชิญ"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เชิญ"),
    )
    created_at = models.DateTimeField(_("เชิญเมื่อ"), auto_now_add=True)
    expires_at = models.DateTimeField(_("หมดอายุเมื่อ"))
    sent_at = models.DateTimeField(_("ส่งอีเมลเมื่อ"), null=True, blank=True)
    used_at = models.DateTimeField(_("ใช้แล้วเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("คำเชิญเข้าใช้งาน")
        verbose_name_plural = _("คำเชิญเข้าใช้งาน")

    def __str__(self):
        return f"คำเชิญ {self.user}"


class OrganisationImport(models.Model):
    """An uploaded sheet of organisations (and supervisors), read and found without errors,
    waiting for a platform operator to confirm. (A sheet with errors is shown and forgotten:
    it changes nothing.) Platform-wide, not organisation-owned."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("รอยืนยัน")
        APPLYING = "applying", _("กำลังนำเข้า")
        APPLIED = "applied", _("นำเข้าแล้ว")

    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    # the rows read from the sheet, applied on confirmation (then emptied)
    payload = models.JSONField(_("ข้อมูลที่อ่านจากไฟล์"), default=dict)
    summary = models.JSONField(_("สรุปจำนวนรายการ"), default=dict)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้นำเข้า")
    )
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ยืนยันนำเข้า"),
    )
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    # when the batch last moved (a batch still "applying" long after is a lost worker's)
    updated_at = models.DateTimeField(_("ปรับปรุงเมื่อ"), auto_now=True)
    applied_at = models.DateTimeField(_("นำเข้าเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("การนำเข้าหน่วยงาน")
        verbose_name_plural = _("การนำเข้าหน่วยงาน")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename

    @property
    def running(self):
        return self.status == self.Status.APPLYING

    @property
    def rows(self):
        return len(self.payload.get("organisations", [])) + len(self.payload.get("supervisors", []))
