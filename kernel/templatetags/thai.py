"""Template filters over kernel.thai: ``{{ d|thai_date }}``, ``{{ n|digits }}``.

Every number a page or a document shows goes through one of these, so it follows the digit
style of what is being rendered (Thai unless a document is printed with Arabic digits)."""

from decimal import Decimal, InvalidOperation

from django import template

from kernel import thai

register = template.Library()


@register.filter
def thai_date(value, style="long"):
    return thai.format_date(value, style=style)


@register.filter
def thai_datetime(value):
    return thai.format_datetime(value)


@register.filter
def digits(value):
    """A generated number in the current digit style (Thai on every web page)."""
    return thai.digits(value)


register.filter("thai_digits", digits)  # the name the web templates use


@register.simple_tag
def digit_style():
    """ "thai" or "arabic": the page's digit style, for what the browser numbers itself (the
    markers of numbered lists, static/css/portal.css)."""
    return "thai" if thai.uses_thai_digits() else "arabic"


@register.filter
def be_year(value):
    return thai.format_year(value)


@register.filter
def score(value):
    """A score as the official tables print it: two decimals, Thai digits; — when missing."""
    if value is None or value == "":
        return "—"
    try:
        return thai.digits(f"{Decimal(str(value)):.2f}")
    except InvalidOperation:
        return thai.digits(value)


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
    from kernel.richtext import render

    return render(value)
