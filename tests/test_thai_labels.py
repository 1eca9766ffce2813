"""Every model of the project, and every field of it, has a Thai name: the Django admin, its
filters, its history pages and the forms built from the models show these names to people, and
Django's fallback (the field's name with spaces, "created at", "import batchs") is English.
The history models that django-simple-history makes are included."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation

# Latin-letter names that are Thai usage: the assessment's tools as the NACC names them, the
# assessment itself and its system, and the formats and addresses people know by these names.
# Not "e-mail" (อีเมล) nor any other English word.
ALLOWED = {"OIT", "EIT", "IIT", "ITA", "ITAS", "URL", "PDF", "Excel"}
# EIT's second part as the NACC names it (its sheet, its printed heading: tests/pages.py)
ALLOWED_PHRASES = ["EIT Survey"]
_WORD = re.compile(r"[A-Za-z]+")


def _project_apps():
    """The apps whose code lives in this repository (not Django's nor a package's)."""
    base = Path(settings.BASE_DIR).resolve()
    venv = base / ".venv"
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and not Path(config.path).resolve().is_relative_to(venv)
    }


def _labels():
    project = _project_apps()
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in project:
            yield config.label, config.verbose_name  # the admin's section heading
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in project:
            continue
        meta = model._meta
        yield f"{meta.label}", meta.verbose_name
        yield f"{meta.label} (plural)", meta.verbose_name_plural
        for field in [*meta.fields, *meta.many_to_many]:
            if field.auto_created or field.name == "id":
                continue
            yield f"{meta.label}.{field.name}", field.verbose_name
            # the choices a filter or a select offers, e.g. a history record's change type
            for value, label in field.flatchoices:
                yield f"{meta.label}.{field.name}={value}", label


def _english(label):
    text = str(label)
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    return [w for w in _WORD.findall(text) if w not in ALLOWED]


def test_the_project_apps_are_found():
    assert {"organisations", "assessments", "measures", "kernel"} <= _project_apps()
    assert "simple_history" not in _project_apps() and "admin" not in _project_apps()


def test_every_model_and_field_of_the_project_has_a_thai_name():
    with translation.override("th"):
        offending = [f"{where}: {label}" for where, label in _labels() if _english(label)]
    assert not offending, f"{len(offending)} English labels:\n" + "\n".join(offending)
