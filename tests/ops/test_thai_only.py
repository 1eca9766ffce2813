"""Thai is the only language: a browser asking for English still gets Thai, and the messages of
Django's own forms and validation that people can meet are Thai (the project catalogue in
locale/ completes Django's), with numbers in Thai digits."""

import inspect
import re

import pytest
from django import forms
from django.core import validators
from django.db import models
from django.forms import formsets
from django.forms import models as model_forms
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.forms import RoundForm

from ..pages import latin_words

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
THAI = re.compile(r"[\u0e00-\u0e7f]")


class AnyParams(dict):
    """Parameters for any message: every placeholder gets 7."""

    def __missing__(self, key):
        return 7


def _filled(message):
    return str(message % AnyParams()).format_map(AnyParams())


def _field_messages():
    classes = [
        c
        for module in (forms.fields, model_forms)
        for _name, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, forms.Field)
    ] + [
        c
        for _name, c in inspect.getmembers(models.fields, inspect.isclass)
        if issubclass(c, models.Field)
    ]
    for cls in classes:
        for klass in reversed(cls.__mro__):
            for code, message in getattr(klass, "default_error_messages", {}).items():
                yield f"{cls.__name__}.{code}", message


def _other_messages():
    yield "formset", formsets.BaseFormSet.default_error_messages["too_many_forms"]
    yield "formset", formsets.BaseFormSet.default_error_messages["too_few_forms"]
    yield "formset", formsets.BaseFormSet.default_error_messages["missing_management_form"]
    for name in (
        "MaxLengthValidator",
        "MinLengthValidator",
        "MaxValueValidator",
        "MinValueValidator",
        "StepValueValidator",
        "EmailValidator",
        "URLValidator",
        "ProhibitNullCharactersValidator",
        "FileExtensionValidator",
    ):
        yield name, getattr(validators, name).message
    for code, message in validators.DecimalValidator.messages.items():
        yield f"DecimalValidator.{code}", message
    yield "validate_integer", validators.integer_validator.message
    yield "validate_slug", validators.validate_slug.message


def test_django_form_and_validation_messages_are_thai():
    from django.utils import translation

    untranslated = []
    with translation.override("th"):
        for where, message in [*_field_messages(), *_other_messages()]:
            text = _filled(message)
            words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in {"JSON", "IPv"}]
            if not THAI.search(text) or words:
                untranslated.append((where, text))
    assert untranslated == []


def test_an_english_browser_gets_thai(client, people):
    client.force_login(people["staff_a"])
    client.cookies["django_language"] = "en"
    response = client.get(reverse("rounds", kwargs={"org": "org-a", "year": 2569}), **ENGLISH)
    assert response["Content-Language"] == "th"
    response = client.post(
        reverse("rounds", kwargs={"org": "org-a", "year": 2569}), {"name": ""}, **ENGLISH
    )
    assert "กรุณากรอกช่องนี้" in response.content.decode()


def test_an_over_long_round_name_is_refused_in_thai_with_thai_digits(client, people):
    client.force_login(people["staff_a"])
    url = reverse("rounds", kwargs={"org": "org-a", "year": 2569})
    data = {"name": "ร" * 150, "start_date": "1/10/2568", "end_date": "31/12/2568"}
    response = client.post(url, data, **ENGLISH)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ข้อความนี้ยาวได้ไม่เกิน ๑๐๐ ตัวอักษร (ที่กรอกมี ๑๕๐ ตัวอักษร)" in page
    assert latin_words(page, allowed=[people["staff_a"]]) == []


def test_numbers_in_djangos_messages_are_thai_digits():
    form = RoundForm({"name": "ร" * 101, "start_date": "1/10/2568", "end_date": "2/10/2568"})
    assert form.errors["name"] == ["ข้อความนี้ยาวได้ไม่เกิน ๑๐๐ ตัวอักษร (ที่กรอกมี ๑๐๑ ตัวอักษร)"]


def test_a_round_name_used_already_this_year_is_refused_in_thai(client, people, org_a):
    from measures.models import ProgressRound
    from measures.services import standard_rounds

    standard_rounds(organisation=org_a, fiscal_year=2569)
    client.force_login(people["staff_a"])
    url = reverse("rounds", kwargs={"org": "org-a", "year": 2569})
    data = {"name": "รอบ ๖ เดือน", "start_date": "1/10/2568", "end_date": "31/3/2569"}
    response = client.post(url, data, **ENGLISH)
    assert response.status_code == 200
    assert "มีรอบชื่อนี้ในปีนี้แล้ว" in response.content.decode()
    with scopes_disabled():
        assert ProgressRound.objects.count() == 2
