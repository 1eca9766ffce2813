"""Tenancy (issue 10): no query of an organisation's data runs outside that organisation's scope.

The organisation-owned models are collected, not listed: every installed model with a
ForeignKey path to ``Organisation`` (directly, or through a ForeignKey to such a model) must have
a manager that refuses an unscoped query and, inside ``scope(organisation=A)``, reads only A's
rows. A new model that forgets its ``ScopedManager`` fails here without anyone adding it."""

import pytest
from django.apps import apps
from django.db.models import QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django_scopes import ScopeError, scope, scopes_disabled

from assessments.models import QuestionScore
from measures.models import Measure, MeasureStep, Progress, ProgressRound
from measures.services import measure_save, standard_rounds
from organisations.models import Organisation, Unit

from ..factories import make_measure, record_results

pytestmark = pytest.mark.django_db

# Models that point at an organisation but are not one organisation's data, by name.
NOT_ORGANISATION_DATA = {
    "Organisation",  # the tenant itself
    "Supervision",  # a supervisor's area (a province, a district, named organisations)
    # the platform library, shared by every organisation; an organisation's own guidelines
    # are read only through assessments.analysis.guidelines_for, which adds the platform's
    "Guideline",
}


def _history_model(model):
    # simple-history's Historical* tables: a record of changes read through the history page of
    # an object already found in scope, never queried on their own by organisation
    return model.__name__.startswith("Historical")


def _foreign_keys(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)
    ]


def _leads_to_organisation(model, seen=frozenset()):
    if model is Organisation:
        return True
    return any(
        field.related_model not in seen
        and _leads_to_organisation(field.related_model, seen | {model})
        for field in _foreign_keys(model)
    )


def organisation_owned_models():
    """Every installed model (apps.get_models: auto-created many-to-many tables are reached only
    through a scoped object's related manager) with a ForeignKey path to Organisation."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if model.__name__ not in NOT_ORGANISATION_DATA
            and not _history_model(model)
            and _leads_to_organisation(model)
        ),
        key=lambda model: model._meta.label,
    )


OWNED = organisation_owned_models()


def test_the_collection_finds_the_organisations_data():
    """Guard against a collection that silently finds nothing: the direct owners, the rows one
    or two ForeignKeys away, and none of the excluded models."""
    labels = {model._meta.label for model in OWNED}
    assert {
        "organisations.Unit",
        "organisations.Membership",
        "assessments.Assessment",
        "assessments.QuestionScore",
        "measures.Measure",
        "measures.Progress",
        "measures.VersionEvidence",
    } <= labels
    assert not labels & {
        "organisations.Organisation",
        "organisations.Supervision",
        "assessments.Guideline",
        "measures.HistoricalMeasure",
        "assessments.Framework",
    }


def _path_target(model, path):
    for name in path.split(LOOKUP_SEP):
        model = model._meta.get_field(name).related_model
    return model


@pytest.mark.parametrize("model", OWNED, ids=[model._meta.label for model in OWNED])
def test_every_organisation_owned_manager_refuses_an_unscoped_query(model, org_a):
    manager = model._default_manager
    path = getattr(manager, "organisation_path", None)
    assert path, f"{model._meta.label}: its default manager must be organisations.ScopedManager"
    assert _path_target(model, path) is Organisation
    with pytest.raises(ScopeError):
        manager.count()
    with pytest.raises(ScopeError):
        manager.exists()
    with scope(organisation=org_a.pk):
        manager.count()


def _custom_queryset_methods(model):
    """The methods a model's queryset class adds to Django's (``of``, ``with_overdue`` …)."""
    return sorted(
        name
        for klass in model._default_manager._queryset_class.__mro__
        if klass not in QuerySet.__mro__
        for name, value in vars(klass).items()
        if callable(value) and not name.startswith("_")
    )


WITH_CUSTOM_METHODS = [model for model in OWNED if _custom_queryset_methods(model)]


@pytest.mark.parametrize(
    "model", WITH_CUSTOM_METHODS, ids=[model._meta.label for model in WITH_CUSTOM_METHODS]
)
def test_an_unscoped_custom_queryset_method_is_refused_too(model):
    """``Measure.objects.of(org)`` and the like refuse with ScopeError, like ``count()`` (they
    are refused before their arguments are looked at)."""
    for name in _custom_queryset_methods(model):
        with pytest.raises(ScopeError):
            getattr(model._default_manager, name)()


@pytest.fixture
def two_organisations(org_a, org_b):
    """One row of a few representative models for each organisation: rows that own their
    organisation directly (measures, rounds, units), through a measure (steps, progress) and
    through an assessment (question scores)."""
    for org in (org_a, org_b):
        measure = make_measure(org, title=f"มาตรการของ {org.code}")
        six = standard_rounds(organisation=org, fiscal_year=2569)[0]
        with scopes_disabled():
            Progress.objects.create(measure=measure, round=six)
        record_results(org, 2568, questions={("i1", 0): "90"})
    return org_a, org_b


REPRESENTATIVE = [
    (Measure, lambda row: row.organisation_id),
    (MeasureStep, lambda row: row.measure.organisation_id),
    (ProgressRound, lambda row: row.organisation_id),
    (Progress, lambda row: row.measure.organisation_id),
    (Unit, lambda row: row.organisation_id),
    (QuestionScore, lambda row: row.assessment.organisation_id),
]


@pytest.mark.parametrize(
    "model,organisation_of", REPRESENTATIVE, ids=[model.__name__ for model, _ in REPRESENTATIVE]
)
def test_inside_a_scope_only_that_organisations_rows_are_read(
    two_organisations, model, organisation_of
):
    org_a, org_b = two_organisations
    with scopes_disabled():
        everyone = {organisation_of(row) for row in model.objects.all()}
    assert everyone == {org_a.pk, org_b.pk}  # both organisations have rows
    with scope(organisation=org_a.pk):
        rows = list(model.objects.all())
        assert rows and {organisation_of(row) for row in rows} == {org_a.pk}


def test_a_service_for_another_organisation_is_refused_inside_a_scope(org_a, org_b):
    measure_b = make_measure(org_b, title="มาตรการของบี")
    measure_b.title = "แก้จากหน้าของเอ"
    with scope(organisation=org_a.pk):
        with pytest.raises(ScopeError, match="ข้อมูลนี้เป็นของหน่วยงานอื่น"):
            measure_save(measure=measure_b, steps=["ขั้นเดียว"])
        with pytest.raises(ScopeError, match="ข้อมูลนี้เป็นของหน่วยงานอื่น"):
            standard_rounds(organisation=org_b, fiscal_year=2569)
    with scopes_disabled():
        assert Measure.objects.get(pk=measure_b.pk).title == "มาตรการของบี"
        assert [s.text for s in MeasureStep.objects.filter(measure=measure_b)] == [
            "ขั้นแรก",
            "ขั้นที่สอง",
        ]
        assert not ProgressRound.objects.filter(organisation=org_b).exists()


@pytest.mark.parametrize("name", ["measure-edit", "measure-history"])
@pytest.mark.parametrize("role", ["staff_a", "admin"])
def test_another_organisations_measure_is_not_found_through_ones_own_url(
    client, people, org_a, org_b, name, role
):
    """The permission matrix has these rows too (``$measure_b`` under org-a); here the page
    is also read: nothing of B's measure shows."""
    measure_b = make_measure(org_b, title="มาตรการลับของบี")
    client.force_login(people[role])
    response = client.get(reverse(name, kwargs={"org": "org-a", "year": 2569, "pk": measure_b.pk}))
    assert response.status_code == 404
    assert "มาตรการลับของบี" not in response.content.decode()
