"""What the portal's forms share: Thai digits in error messages, the typed-date field."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from .richtext import as_typed, looks_like_html, plain_text
from .thai import (
    digits,
    format_numeric_date,
    parse_date,
    thai_digits_in_words,
    whole_number,
)


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


class PlainTextarea(forms.Textarea):
    """A text box for text stored as plain text or as sanitised HTML (kernel.richtext): it
    shows the lines and list markers a person types, never tags."""

    def format_value(self, value):
        return super().format_value(plain_text(value) if isinstance(value, str) else value)


class KeepsStoredText:
    """Form mixin: a field shown in a PlainTextarea and sent back exactly as shown keeps the
    text stored (HTML and all), so a row left alone stays unchanged, version and all."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if not isinstance(field.widget, PlainTextarea) or name not in cleaned:
                continue
            stored = self.get_initial_for_field(field, name)
            if (
                isinstance(stored, str)
                and looks_like_html(stored)
                and same_text(cleaned[name], plain_text(stored))
            ):
                cleaned[name] = stored
        return cleaned


def same_text(typed, shown) -> bool:
    """Whether what came back from a text box is what it showed, as a person reads it."""
    return as_typed(typed) == as_typed(shown)


class ThaiFormSet(ThaiErrors, forms.BaseFormSet):
    pass


class ThaiInlineFormSet(ThaiErrors, forms.BaseInlineFormSet):
    pass


class DigitsInput(forms.TextInput):
    """A text box for a number or date a person reads: shown in the page's digit style
    (kernel.thai.digits), like the text around it. The fields using it read either digits
    back; a browser's number box would accept Arabic digits only."""

    def format_value(self, value):
        value = super().format_value(value)
        return digits(value) if value else value


class ThaiIntegerField(forms.IntegerField):
    """A whole number typed in Thai or Arabic digits, shown in the page's digits."""

    widget = DigitsInput(attrs={"inputmode": "numeric", "size": 5})

    default_error_messages = {"invalid": _("กรุณาพิมพ์ตัวเลขจำนวนเต็ม เช่น ๓")}

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            number = whole_number(value)
            if number is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = str(number)
        return super().to_python(value)


class ThaiDateField(forms.CharField):
    """A date typed in BE or CE, Thai or Arabic digits; shown back in BE in the page's digits
    (kernel.thai.parse_date decides, and refuses what is ambiguous)."""

    widget = DigitsInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "size": 12})

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return format_numeric_date(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        return parse_date(value)
