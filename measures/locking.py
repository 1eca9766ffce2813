"""No silent overwrite: the rule for records two people may edit at the same time.

A page that edits a versioned record (Measure, Progress, OITChecklistEntry) posts back the
version it showed: the record's ``version``, or 0 when the record did not exist yet. A save
whose version is not the stored one is refused, saying who changed what since; a save that
does not say which version it was based on is refused too.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError

from kernel.richtext import as_typed
from kernel.thai import clean_text, format_date, format_datetime, thai_digits

VERSION_MISSING = (
    "ยังไม่ได้บันทึก: แบบฟอร์มนี้ไม่มีเลขฉบับของข้อมูลที่เปิดไว้ จึงตรวจไม่ได้ว่ามีผู้อื่นบันทึกไปก่อนหรือไม่ "
    "กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"
)


class ConcurrentEditError(ValidationError):
    """Someone else saved the record after this person opened it. ``current`` is the record
    as stored now (its version lets a page offer a deliberate second save); ``note`` says who
    changed what and when, for a refusal worded for somewhere else than a page (an import)."""

    current = None
    note = ""


def shown_version(instance) -> int:
    """The version a page shows for a record: 0 for one not saved yet."""
    return instance.version if instance.pk else 0


def _field(model, name):
    return model._meta.get_field(name)


def tracked_values(instance, fields) -> dict:
    """The fields as comparable values: foreign keys as ids, many-to-many as sets of ids."""
    model = instance.instance_type if hasattr(instance, "instance_type") else type(instance)
    values = {}
    for name in fields:
        model_field = _field(model, name)
        if model_field.many_to_many:
            if not instance.pk:
                values[name] = frozenset()
            elif hasattr(instance, "instance_type"):  # a historical record
                target = f"{model_field.related_model._meta.model_name}_id"
                values[name] = frozenset(getattr(instance, name).values_list(target, flat=True))
            else:
                values[name] = frozenset(getattr(instance, name).values_list("pk", flat=True))
        else:
            values[name] = getattr(instance, model_field.attname)
    return values


def seen_values(instance, version: int, fields) -> dict | None:
    """The fields as a page that showed ``version`` had them (0: the defaults of a record not
    yet saved); None when that version is not on record."""
    if version == 0:
        return tracked_values(type(instance)(), fields)
    if instance.pk is None:
        return None
    record = instance.history.filter(version=version).order_by("-history_id").first()
    return tracked_values(record, fields) if record is not None else None


def _shown(model, name, value) -> str:
    """A value as a person reads it in a refusal message."""
    model_field = _field(model, name)
    if value in (None, "") or (model_field.many_to_many and not value):
        return "—"
    if model_field.many_to_many:
        return f"{thai_digits(len(value))} รายการ"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(model_field.related_model._default_manager.filter(pk=value).first() or "—")
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, int | Decimal):
        return thai_digits(value)
    text = clean_text(re.sub(r"<[^>]+>", " ", str(value)))
    return text if len(text) <= 80 else text[:79] + "…"


def check_version(instance, expected_version, fields):
    """Refuse a save made from a page that showed another version of the record than the one
    stored, saying who changed what since. ``instance`` carries the stored version (locked by
    the caller); an unsaved one has nothing to overwrite."""
    if expected_version is None:
        raise ValidationError(VERSION_MISSING, code="no_version")
    expected = int(expected_version)
    if instance.pk is None or expected == instance.version:
        return
    model = type(instance)
    current = model._default_manager.get(pk=instance.pk)
    seen = seen_values(current, expected, fields)
    now = tracked_values(current, fields)
    changes = [
        f"{_field(model, name).verbose_name}: "
        f"“{_shown(model, name, seen[name])}” → “{_shown(model, name, now[name])}”"
        for name in fields
        if seen is not None and seen[name] != now[name]
    ]
    who = current.updated_by or "ผู้ใช้อื่น"
    verb = "บันทึก" if expected == 0 else "แก้ไข"
    what = f"“{str(current)[:60]}”"
    when = format_datetime(current.updated_at)
    detail = "; ".join(changes) if changes else "มีการบันทึกใหม่"
    error = ConcurrentEditError(
        f"ยังไม่ได้บันทึก: {who} {verb} {what} ไปแล้วเมื่อ {when} หลังจากที่ท่านเปิดหน้านี้ "
        f"({detail}) ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง",
        code="stale",
    )
    error.current = current
    error.note = f"{who} {verb} {what} เมื่อ {when} ({detail})"
    raise error


def _same(incoming: dict, values: dict | None) -> bool:
    """Whether a row's incoming values are those of ``values``: text compared as a person
    reads it (a text box shows stored HTML as typed text, kernel.forms.PlainTextarea)."""
    if values is None or incoming.keys() != values.keys():
        return False

    def read(value):
        return as_typed(value) if isinstance(value, str) else value

    return all(read(incoming[name]) == read(values[name]) for name in incoming)


def needs_saving(instance, incoming: dict, expected_version, fields) -> bool:
    """Whether a row of a page that saves many records at once is to be written over
    ``instance`` (locked, or unsaved with version 0). Not when it changes nothing, nor when the
    person left the row as their page showed it (someone else's later change stays); refused
    (check_version) when someone else changed a row this person changed too."""
    if _same(incoming, tracked_values(instance, fields)):
        return False
    if (
        expected_version is not None
        and int(expected_version) != instance.version
        and _same(incoming, seen_values(instance, int(expected_version), fields))
    ):
        return False
    check_version(instance, expected_version, fields)
    return True
