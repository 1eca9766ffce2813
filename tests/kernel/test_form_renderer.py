"""The fast form renderer prints exactly what Django's widget templates print."""

import pytest
from django import forms
from django.apps import apps
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from kernel.form_renderer import FastRenderer

CHOICES = [("a", _("ยังไม่ได้ดำเนินการ")), ("b", '<b>ตัวหนา</b> & "อ้าง"'), (3, "สาม")]
GROUPED = [("กลุ่ม <๑>", [("x", "เอ็กซ์"), ("y", "วาย")]), ("z", "แซด")]


class Everything(forms.Form):
    text = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": "ชื่อ"}))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.DecimalField(max_digits=5, decimal_places=2)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(required=False)
    plain_file = forms.FileField(required=False, widget=forms.FileInput)
    box = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": True, "off": False}))
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect(attrs={"class": "g"}))
    ticks = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    pick = forms.ChoiceField(choices=GROUPED)


VALUES = [
    {},
    {
        "text": 'a"b<c>&',
        "hidden": "7",
        "number": "1234.5",
        "email": "x@example.com",
        "url": "https://example.com/?a=1&b=2",
        "date": "2026-12-03",
        "box": "on",
        "note": "บรรทัด ๑\n<p>บรรทัด ๒</p>",
        "radio": "b",
        "grouped": "y",
        "ticks": ["a", "3"],
        "pick": "x",
    },  # fmt: skip
    {"note": mark_safe("<i>ปลอดภัย</i>"), "text": "", "radio": "3", "ticks": []},
]


@pytest.mark.parametrize("data", VALUES)
@pytest.mark.parametrize("bound", [True, False])
def test_every_widget_prints_as_djangos_templates_print_it(data, bound):
    form = Everything(data=data if bound else None, initial=None if bound else data)
    form.is_bound and form.is_valid()
    for name in form.fields:
        field = form[name]
        expected = field.field.widget.render(
            field.html_name, field.value(), attrs=field.build_widget_attrs({"id": field.auto_id}),
            renderer=DjangoTemplates(),
        )  # fmt: skip
        fast = field.field.widget.render(
            field.html_name, field.value(), attrs=field.build_widget_attrs({"id": field.auto_id}),
            renderer=FastRenderer(),
        )  # fmt: skip
        assert fast == expected, name


@pytest.mark.django_db
def test_the_projects_forms_print_as_with_djangos_templates(org_a):
    """Every ModelForm-able model field of the project, as its default form widget."""
    compared = 0
    for model in apps.get_models():
        if model._meta.app_label in ("auth", "contenttypes", "sessions", "admin", "axes"):
            continue
        editable = [f.name for f in model._meta.fields if f.editable and not f.primary_key]
        try:
            form_class = forms.modelform_factory(model, fields=editable)
        except Exception:  # noqa: BLE001 - a model whose fields no default form can show
            continue
        form = form_class()
        for field in form:
            widget = field.field.widget
            attrs = field.build_widget_attrs({"id": field.auto_id})
            args = (field.html_name, field.value())
            slow = widget.render(*args, attrs=attrs, renderer=DjangoTemplates())
            assert widget.render(*args, attrs=attrs, renderer=FastRenderer()) == slow
            compared += 1
    assert compared > 50


def test_the_fast_renderer_is_the_portals():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FastRenderer)


def test_what_it_does_not_know_goes_to_the_templates():
    html = FastRenderer().render(
        "django/forms/widgets/input.html",
        {"widget": {"type": "text", "name": "n", "value": None, "attrs": {7: "x"}}},
    )
    assert html == '<input type="text" name="n" 7="x">'


def test_the_common_widgets_do_not_reach_the_template_engine(monkeypatch):
    def refuse(self, template_name, context, request=None):
        raise AssertionError(f"{template_name} went to the template engine")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    form = Everything(data=VALUES[1])
    for name in form.fields:
        if name != "pick":  # a <select>: left to the templates
            form[name].as_widget()  # the portal's renderer (FORM_RENDERER)
    with pytest.raises(AssertionError, match="select.html"):
        form["pick"].as_widget()
