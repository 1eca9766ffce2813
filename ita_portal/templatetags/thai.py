"""Template filters over ita_portal.thai: ``{{ d|thai_date }}``, ``{{ n|thai_digits }}``."""

from decimal import Decimal, InvalidOperation

from django import template

from ita_portal import thai

register = template.Library()


@register.filter
def thai_date(value, style="long"):
    return thai.format_date(value, style=style)


@register.filter
def thai_datetime(value):
    return thai.format_datetime(value)


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def be_year(value):
    return thai.format_year(value)


@register.filter
def score(value):
    """A score as the official tables print it: two decimals, Thai digits; — when missing."""
    if value is None or value == "":
        return "—"
    try:
        return thai.thai_digits(f"{Decimal(str(value)):.2f}")
    except InvalidOperation:
        return thai.thai_digits(value)


@register.filter
def signed_score(value):
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + score(abs(value))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def richtext(value):
    from ita_portal.richtext import render

    return render(value)
