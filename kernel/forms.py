"""What the portal's forms share: Thai digits in error messages, the typed-date field."""

from django import forms
from django.forms.utils import ErrorList

from .thai import format_numeric_date, parse_date, thai_digits_in_words


class ThaiErrorList(ErrorList):
    """Error messages with their numbers in Thai digits: Django's own messages (“ยาวได้ไม่เกิน
    100 ตัวอักษร”, locale/th) put them in with Arabic digits. Codes such as i2 keep theirs."""

    def __getitem__(self, i):
        message = super().__getitem__(i)
        if isinstance(i, slice):
            return [thai_digits_in_words(m) for m in message]
        return thai_digits_in_words(message)


class ThaiErrors:
    """Mixin for the portal's forms and formsets: their errors come as a ThaiErrorList (a
    formset hands its own to its forms)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", ThaiErrorList)
        super().__init__(*args, **kwargs)


class ThaiFormSet(ThaiErrors, forms.BaseFormSet):
    pass


class ThaiInlineFormSet(ThaiErrors, forms.BaseInlineFormSet):
    pass


class ThaiDateField(forms.CharField):
    """A date typed in BE or CE, Thai or Arabic digits; shown back in BE
    (kernel.thai.parse_date decides, and refuses what is ambiguous)."""

    widget = forms.TextInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "size": 12})

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return format_numeric_date(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        return parse_date(value)
