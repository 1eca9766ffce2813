from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from kernel.forms import ThaiErrors, ThaiInlineFormSet
from kernel.thai import clean_text

from .models import Organisation, Unit


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
