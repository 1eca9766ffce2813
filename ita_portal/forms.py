"""Form fields shared by the portal's forms."""

from django import forms

from .thai import parse_date


class ThaiDateField(forms.CharField):
    """A date typed in BE or CE, Thai or Arabic digits; shown back in BE
    (ita_portal.thai.parse_date decides, and refuses what is ambiguous)."""

    widget = forms.TextInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "size": 12})

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return _numeric(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        return parse_date(value)


def _numeric(day):
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"
