"""What changed between two history records (django-simple-history), as a person reads it:
the field's Thai label, and values shown as the portal shows them — choices by their labels,
linked records by their names, dates in the Buddhist Era, text without markup. Knows nothing of
the ITA; any model with HistoricalRecords can use it."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.html import strip_tags

from .thai import format_date, format_datetime

NOT_SHOWN = {"version", "updated_at", "updated_by", "created_at", "id", "organisation"}


@dataclass(frozen=True)
class Change:
    label: str
    old: str = ""
    new: str = ""
    added: tuple = ()
    removed: tuple = ()


def _value(field, value) -> str:
    if value in (None, ""):
        return ""
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        target = field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target is not None else ""
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    return " ".join(strip_tags(str(value)).split())


def _names(field, rows) -> dict:
    """pk → name of the records an m2m history lists (rows of the through table as dicts)."""
    target = field.related_model
    key = next(f.name for f in field.remote_field.through._meta.fields if f.related_model is target)
    ids = [row[key] for row in rows or []]
    return {o.pk: str(o) for o in target._base_manager.filter(pk__in=ids)}, ids


def changes(newer, older, *, hidden=()) -> list[Change]:
    """The changes from ``older`` to ``newer`` (two historical records of one object)."""
    if older is None:
        return []
    model = newer.instance_type
    delta = newer.diff_against(older)
    found = []
    for change in delta.changes:
        if change.field in NOT_SHOWN or change.field in hidden:
            continue
        field = model._meta.get_field(change.field)
        label = str(field.verbose_name)
        if field.many_to_many:
            names_old, old_ids = _names(field, change.old)
            names_new, new_ids = _names(field, change.new)
            names = {**names_old, **names_new}
            added = tuple(names.get(i, "—") for i in new_ids if i not in old_ids)
            removed = tuple(names.get(i, "—") for i in old_ids if i not in new_ids)
            if added or removed:
                found.append(Change(label=label, added=added, removed=removed))
            continue
        old, new = _value(field, change.old), _value(field, change.new)
        if old != new:
            found.append(Change(label=label, old=old, new=new))
    return found
