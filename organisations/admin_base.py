"""What every admin page of an organisation's rows shares (the admin is for platform operators
and runs unscoped, so each select of organisation-owned rows is limited here).

* ``OneOrganisation``: a select of organisation-owned rows (units, measures, issues …) lists
  only the rows of the organisation of the object being edited; on an add page, where the
  object has no organisation yet, each option names its organisation (four "สำนักปลัด" can
  then be told apart).
* ``ThaiDeletion``: the confirmation of a delete lists what goes with the object in Thai; the
  rows Django makes for many-to-many links ("Measure-unit relationship: Measure_responsible_
  units object (1)") are links, not things anyone named, and are left out of the list (they
  go with the object all the same).
"""

from django.apps import apps
from django.utils.text import capfirst
from django_scopes import scopes_disabled


def _organisation_path(model):
    return getattr(model._default_manager, "organisation_path", None)


class OneOrganisation:
    def get_form(self, request, obj=None, **kwargs):
        request._organisation_id = getattr(obj, "organisation_id", None)
        return super().get_form(request, obj, **kwargs)

    def _limited(self, db_field, field, request):
        model = db_field.related_model
        path = _organisation_path(model)
        if field is None or path is None or model._meta.model_name == "organisation":
            return field
        organisation_id = getattr(request, "_organisation_id", None)
        with scopes_disabled():
            rows = model._default_manager.all()
            if organisation_id:
                field.queryset = rows.filter(**{path: organisation_id})
            elif path == "organisation":
                field.queryset = rows.select_related("organisation")
                field.label_from_instance = lambda row: f"{row} · {row.organisation}"
            else:
                field.queryset = rows
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limited(db_field, field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limited(db_field, field, request)


def _link_labels():
    """How Django's own many-to-many link rows begin in a delete confirmation."""
    return tuple(
        f"{capfirst(model._meta.verbose_name)}: "
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    )


def _without_links(items, labels):
    kept = []
    for item in items:
        if isinstance(item, list):
            nested = _without_links(item, labels)
            if nested:
                kept.append(nested)
        elif not str(item).startswith(labels):
            kept.append(item)
    return kept


class ThaiDeletion:
    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = {
            str(model._meta.verbose_name_plural)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        }
        counts = {name: n for name, n in counts.items() if str(name) not in links}
        return _without_links(to_delete, _link_labels()), counts, perms_needed, protected
