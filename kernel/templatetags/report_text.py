"""Filters for long text in official documents: lists laid out as lists."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from kernel.richtext import list_items, looks_like_html, render

register = template.Library()


@register.filter
def doc_text(value):
    """Sanitised HTML as is; plain text as a list of its lines (and of the "๑. … ๒. …" items
    typed in one line), each item as typed: the markers are the writer's, not bullets."""
    if not value:
        return ""
    if looks_like_html(value):
        return render(value)
    items = list_items(value)
    if len(items) > 1:
        lis = format_html_join("", "<li>{}</li>", ((i,) for i in items))
        return mark_safe(f'<ul class="items">{lis}</ul>')  # noqa: S308 - items escaped above
    return mark_safe(escape(items[0]) if items else "")  # noqa: S308 - escaped
