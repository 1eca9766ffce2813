"""django-simple-history's HistoricalRecords with Thai names for the models and fields it adds.

The package names a history model ``"historical " + the model's name`` and leaves its own
fields (history_date, history_user …) and the copied keys of a many-to-many table unnamed, so
Django shows their field names; none of these go through gettext, so a catalogue cannot
translate them. Here they are named in Thai when the history model is built; the package's
gettext messages (the change types "Created", "Changed", "Deleted", its admin pages) are in
locale/th. Knows nothing of the ITA."""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history import models as simple_history

from .thai import format_datetime

# the fields every history record has
_FIELD_LABELS = {
    "history_id": _("รหัสประวัติ"),
    "m2m_history_id": _("รหัสประวัติ"),
    "history_date": _("เปลี่ยนแปลงเมื่อ"),
    "history_change_reason": _("เหตุผลที่เปลี่ยนแปลง"),
    "history_type": _("ประเภทการเปลี่ยนแปลง"),
    "history_user": _("ผู้เปลี่ยนแปลง"),
}


def _name(field, label):
    """Name a field that is not yet on its model, as if it had been declared with the label
    (``_verbose_name`` is what its migration records)."""
    if isinstance(field, models.Field) and field._verbose_name is None:
        field.verbose_name = field._verbose_name = label


def _target_name(field):
    return lazy(lambda: str(field.remote_field.model._meta.verbose_name), str)()


def _record_str(record):
    # the package's is "<record> as of <date>"
    return f"{record.history_object} ({format_datetime(record.history_date)})"


def _m2m_record_str(record):
    return f"{record._meta.verbose_name} ({format_datetime(record.history.history_date)})"


class HistoricalRecords(simple_history.HistoricalRecords):
    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            meta["verbose_name"] = format_lazy(_("ประวัติของ{}"), model._meta.verbose_name)
        if not self.user_set_verbose_name_plural:
            meta["verbose_name_plural"] = format_lazy(
                _("ประวัติของ{}"), model._meta.verbose_name_plural
            )
        return meta

    def get_extra_fields(self, model, fields):
        extra = super().get_extra_fields(model, fields)
        for name, label in _FIELD_LABELS.items():
            _name(extra.get(name), label)
        _name(extra.get("history_relation"), model._meta.verbose_name)  # with a related_name
        extra["__str__"] = _record_str
        return extra

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        if model._meta.auto_created:
            # the two keys of a many-to-many table Django made: named after what they point to
            # (lazily: what they point to may not be loaded yet)
            for field in fields.values():
                if isinstance(field, models.ForeignKey):
                    _name(field, _target_name(field))
        return fields

    def get_meta_options_m2m(self, through_model):
        meta = super().get_meta_options_m2m(through_model)
        owner = through_model._meta.auto_created or through_model
        field = next(
            (f for f in owner._meta.many_to_many if f.remote_field.through is through_model), None
        )
        what = field.verbose_name if field is not None else through_model._meta.verbose_name
        name = format_lazy(_("ประวัติของ{}: {}"), owner._meta.verbose_name, what)
        meta.update(verbose_name=name, verbose_name_plural=name)
        return meta

    def get_extra_fields_m2m(self, model, through_model, fields):
        extra = super().get_extra_fields_m2m(model, through_model, fields)
        for name, label in _FIELD_LABELS.items():
            _name(extra.get(name), label)
        # the history record of the model that has the many-to-many field
        _name(extra.get("history"), model._meta.verbose_name)
        extra["__str__"] = _m2m_record_str
        return extra
