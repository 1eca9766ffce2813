from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ita_portal.thai import BE_RANGE, arabic_digits, thai_digits

from .models import Framework


class FiscalYearField(forms.CharField):
    """A fiscal year typed in BE (Thai or Arabic digits); a CE year is refused, not converted,
    because a fiscal year is always spoken of in BE."""

    def clean(self, value):
        text = arabic_digits(super().clean(value) or "").strip()
        if not text.isdigit() or len(text) != 4:
            raise ValidationError(_("กรุณาพิมพ์ปีงบประมาณเป็นปี พ.ศ. ๔ หลัก เช่น ๒๕๖๙"))
        year = int(text)
        if not BE_RANGE[0] <= year <= BE_RANGE[1]:
            raise ValidationError(
                _("ปี %(year)s ไม่ใช่ปี พ.ศ. ที่เป็นไปได้ (ปีงบประมาณพิมพ์เป็น พ.ศ. เช่น ๒๕๖๙)")
                % {"year": thai_digits(year)}
            )
        return year


class FrameworkCloneForm(forms.Form):
    fiscal_year = FiscalYearField(label=_("ปีงบประมาณใหม่ (พ.ศ.)"))

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if Framework.objects.filter(fiscal_year=year).exists():
            raise ValidationError(_("มีกรอบการประเมินปี %(year)s อยู่แล้ว") % {"year": thai_digits(year)})
        return year
