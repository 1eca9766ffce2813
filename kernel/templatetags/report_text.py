"""Filters for long text in official documents: lists laid out as lists."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from kernel.richtext import list_items, looks_like_html, render

register = template.Library()


@register.filter
def doc_text(value):
    """Sanitised HTML as is; plain text written as "๑. … ๒. …" or "- … - …" as a list."""
    if not value:
        return ""
    if looks_like_html(value):
        return render(value)
    items = list_items(value)
    if len(items) > 1:
        numbered = items[-1][:1] in "๐๑๒๓๔๕๖๗๘๙0123456789"
        lis = format_html_join("", "<li>{}</li>", ((i,) for i in items))
        css = ' class="items"' if numbered else ""  # numbers are kept as written
        return mark_safe(f"<ul{css}>{lis}</ul>")  # noqa: S308 - items escaped above
    return mark_safe(escape(value).replace("\n", "<br>"))  # noqa: S308 - escaped
