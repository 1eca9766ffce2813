"""Template filters over ita_portal.thai: ``{{ d|thai_date }}``, ``{{ n|thai_digits }}``."""

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
