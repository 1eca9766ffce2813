from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField

from kernel.forms import ThaiErrors, ThaiInlineFormSet
from kernel.thai import clean_text

from .models import Membership, Organisation, Unit, User


class OrganisationSettingsForm(ThaiErrors, forms.ModelForm):
    """What staff keep up to date themselves; name, code and location belong to the admin."""

    class Meta:
        model = Organisation
        fields = ["website", "eit_survey_url"]
        widgets = {
            "website": forms.URLInput(attrs={"placeholder": "https://www.example.go.th"}),
            "eit_survey_url": forms.URLInput(attrs={"placeholder": "https://itas.nacc.go.th/…"}),
        }
        error_messages = {
            "website": {"invalid": _("เว็บไซต์ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://")},
            "eit_survey_url": {"invalid": _("ลิงก์แบบวัด EIT ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://")},
        }


class BaseUnitFormSet(ThaiInlineFormSet):
    def clean(self):
        # before the model formset's own uniqueness check, which drops the offending forms'
        # data and answers in generic words
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            name = clean_text(form.cleaned_data.get("name", ""))
            if name in seen:
                form.add_error("name", _("ชื่อส่วนงาน “%(name)s” ซ้ำกัน") % {"name": name})
            seen.add(name)
        super().clean()


UnitFormSet = inlineformset_factory(
    Organisation,
    Unit,
    formset=BaseUnitFormSet,
    fields=["name", "order", "active"],
    extra=2,
    can_delete=False,
)


EMBLEM_MAX_BYTES = 2 * 1024 * 1024
EMBLEM_MAX_SIDE = 4000


def check_emblem(upload):
    """An emblem is accepted by its content: a PNG or JPEG image that Pillow can read whole,
    at most 2 MB and 4000 pixels a side; saved under a random name with the detected type's
    extension."""
    import secrets

    from PIL import Image

    if upload.size > EMBLEM_MAX_BYTES:
        raise forms.ValidationError(_("ตราสัญลักษณ์ต้องมีขนาดไม่เกิน ๒ เมกะไบต์"))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "PNG"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "JPEG"
    else:
        raise forms.ValidationError(_("ตราสัญลักษณ์ต้องเป็นรูปภาพ PNG หรือ JPEG"))
    try:
        with Image.open(upload) as image:
            if image.format != kind:
                raise ValueError(image.format)
            width, height = image.size
            if max(width, height) > EMBLEM_MAX_SIDE:
                raise forms.ValidationError(_("ตราสัญลักษณ์ต้องกว้างและสูงไม่เกิน ๔,๐๐๐ พิกเซล"))
            image.verify()
    except forms.ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for a broken image
        raise forms.ValidationError(_("อ่านรูปภาพตราสัญลักษณ์ไม่ได้ ไฟล์อาจเสียหาย")) from error
    finally:
        upload.seek(0)
    upload.name = f"{secrets.token_hex(16)}.{'png' if kind == 'PNG' else 'jpg'}"
    return upload


class OrganisationDetailsForm(ThaiErrors, forms.ModelForm):
    """The organisation as its documents print it, kept by its own administrator."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "subdistrict",
            "district",
            "province",
            "address",
            "website",
            "eit_survey_url",
            "document_prefix",
            "prepared_by",
            "emblem",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "emblem": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        error_messages = OrganisationSettingsForm.Meta.error_messages
        # the organisation's own units are set in __init__ (inside its scope)
        field_classes = {"prepared_by": SafeModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        Unit.offer(self.fields["prepared_by"], self.instance, keep=[self.instance.prepared_by_id])
        self.fields["prepared_by"].empty_label = _("— สำนักปลัด (ค่าเริ่มต้น) —")

    def clean_emblem(self):
        emblem = self.cleaned_data.get("emblem")
        if emblem and hasattr(emblem, "content_type"):  # a new upload
            return check_emblem(emblem)
        return emblem

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "short_name", "subdistrict", "district", "province"):
            if name in cleaned:
                cleaned[name] = clean_text(cleaned[name])
        cleaned["address"] = clean_text(cleaned.get("address", ""), multiline=True)
        return cleaned


class MemberFields(ThaiErrors, forms.Form):
    """What every member has: name, role, unit and position (required for a signer)."""

    full_name = forms.CharField(
        label=_("ชื่อ-นามสกุล"),
        max_length=200,
        help_text=_("พร้อมคำนำหน้า ตามที่ลงนามในเอกสาร เช่น นายสมชาย ใจดี"),
    )
    role = forms.ChoiceField(label=_("บทบาท"), choices=Membership.Role.choices)
    unit = SafeModelChoiceField(
        label=_("สังกัด"), queryset=Unit.objects, required=False, empty_label="—"
    )
    position = forms.CharField(
        label=_("ตำแหน่ง"),
        max_length=200,
        required=False,
        help_text=_("ตามที่พิมพ์ใต้ลายมือชื่อ ต้องระบุสำหรับผู้บริหาร (ผู้ลงนาม)"),
    )

    def __init__(self, *args, organisation, keep_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        Unit.offer(self.fields["unit"], organisation, keep=[keep_unit])

    def clean_full_name(self):
        name = clean_text(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("กรุณากรอกชื่อ-นามสกุล"))
        return name

    def clean(self):
        cleaned = super().clean()
        cleaned["position"] = clean_text(cleaned.get("position", ""))
        if cleaned.get("role") == Membership.Role.EXECUTIVE and not cleaned["position"]:
            self.add_error("position", _("ผู้บริหารเป็นผู้ลงนาม กรุณากรอกตำแหน่งที่พิมพ์ใต้ลายมือชื่อ"))
        return cleaned


class MemberCreateForm(MemberFields):
    username = forms.CharField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        validators=[ASCIIUsernameValidator()],
        help_text=_("อักษรอังกฤษ ตัวเลข และ @ . + - _ เช่น somchai.j"),
        error_messages={"invalid": _("ชื่อผู้ใช้ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข และ @ . + - _")},
    )
    email = forms.EmailField(label=_("อีเมล"), required=False)
    field_order = ["username", "full_name", "email", "role", "unit", "position"]


class MemberInviteForm(MemberFields):
    email = forms.EmailField(label=_("อีเมล"), help_text=_("ลิงก์สำหรับตั้งรหัสผ่านจะส่งไปที่อีเมลนี้"))
    field_order = ["email", "full_name", "role", "unit", "position"]


class MemberEditForm(MemberFields):
    active = forms.BooleanField(label=_("ใช้งานอยู่"), required=False)

    def __init__(self, *args, membership, **kwargs):
        self.membership = membership
        kwargs.setdefault(
            "initial",
            {
                "full_name": membership.user.full_name,
                "role": membership.role,
                "unit": membership.unit_id,
                "position": membership.position,
                "active": membership.active,
            },
        )
        # a unit retired since keeps showing for the members who belong to it
        super().__init__(
            *args, organisation=membership.organisation, keep_unit=membership.unit_id, **kwargs
        )


class SetPasswordThaiForm(ThaiErrors, SetPasswordForm):
    pass


class PasswordChangeThaiForm(ThaiErrors, PasswordChangeForm):
    pass


class PasswordResetThaiForm(ThaiErrors, PasswordResetForm):
    pass


def executives_of(organisation):
    """The accounts that may sign for ``organisation``: its active executives."""
    return User.objects.filter(
        is_active=True,
        memberships__in=Membership.objects.of(organisation).filter(
            role=Membership.Role.EXECUTIVE, active=True
        ),
    ).order_by("full_name", "username")
