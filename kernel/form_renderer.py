"""The form renderer: Django's own, with its most used widget templates written out in Python.

Django renders every widget through its template engine — an input is three templates (the
widget's, ``input.html``, ``attrs.html``), a radio group one more per choice. A round screen of
16 measures has 176 widgets, and their templates took half of the page's CPU (about 60 of
130 ms), the largest cost of the portal's busiest page under load. ``FastRenderer`` produces
the same markup as those templates (``tests/kernel/test_form_renderer.py`` compares them,
widget by widget, with Django's) and hands every other template — and any value it does not
know how to print exactly as the template engine would — to Django's renderer.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

W = "django/forms/widgets/"
INPUTS = {
    W + name + ".html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]  # fmt: skip
}
MULTIPLE = {W + "radio.html", W + "checkbox_select.html", W + "multiple_input.html"}
OPTIONS = {W + "radio_option.html", W + "checkbox_option.html"}


class _Unsure(Exception):
    """A value the template engine might print differently (localised numbers, dates…)."""


def _text(value) -> str:
    """``{{ value }}``: strings (lazy ones too) only; anything else goes to the templates."""
    if isinstance(value, (str, Promise)):
        return conditional_escape(str(value) if isinstance(value, Promise) else value)
    raise _Unsure


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: ``%s`` of anything, escaped unless it was safe."""
    text = "%s" % (value,)  # noqa: UP031 - exactly the filter's formatting
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        text = _text(name)
        parts.append(f" {text}" if value is True else f' {text}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(option) -> str:
    """radio_option.html / checkbox_option.html → input_option.html → input.html; each file's
    last newline stays in what includes it (only the outermost result is stripped)."""
    if option.get("template_name") not in OPTIONS:
        raise _Unsure
    if not option["wrap_label"]:
        return _input(option) + "\n\n\n"
    label_id = option["attrs"].get("id")
    target = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{target}>{_input(option)}\n {_text(option['label'])}</label>\n\n"


def _multiple(widget) -> str:
    attrs = widget["attrs"]
    out = [
        "<div",
        f' id="{_text(attrs["id"])}"' if attrs.get("id") else "",
        f' class="{_text(attrs["class"])}"' if attrs.get("class") else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            out.append(f"<div>\n    {_option(option)}</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def _textarea(widget) -> str:
    value = widget["value"]
    body = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{body}</textarea>'


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and len(context) == 1:
            try:
                html = _widget(template_name, widget)
            except (_Unsure, KeyError):
                html = None
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every value escaped as the templates do
        return super().render(template_name, context, request=request)


def _widget(template_name, widget) -> str | None:
    if template_name in INPUTS:
        return _input(widget)
    if template_name == W + "clearable_file_input.html" and not widget["is_initial"]:
        # no file yet: the input alone, without its value
        return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"' + (
            _attrs(widget["attrs"]) + ">"
        )
    if template_name == W + "textarea.html":
        return _textarea(widget)
    if template_name in MULTIPLE:
        return _multiple(widget)
    return None
