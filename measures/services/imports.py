"""Writing a checked measures workbook: every row in one short transaction, all or nothing.

The rows come checked and prepared (measures.resources, outside any transaction: cells read,
text cleaned, full_clean, versions compared); here they are only written, with bulk queries,
so that on SQLite the one write lock is held for a moment and not for the whole file. Each
measure gets one history row for its new state, with its links (as measure_save's history
shows them) and its steps' history; a measure someone saved after the check refuses the lot.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kernel.thai import thai_digits
from organisations.tenancy import in_organisation

from ..models import Measure, MeasureDeadline, MeasureStep
from ..signals import measures_imported
from .measures import MEASURE_FIELDS

LINKS = ("responsible_units", "indicators", "questions", "oit_items")
BATCH = 200  # rows per bulk statement: under SQLite's limit of variables per statement


@dataclass(kw_only=True)
class MeasureRow:
    measure: Measure  # prepared and full_clean'ed; with a pk for an update
    checked_version: int  # the version stored when the file was checked (0: a new measure)
    steps: list[str]  # the steps as kept (step_texts)
    links: dict = field(default_factory=dict)  # link name → objects, for the file's columns
    stored_steps: list = field(default_factory=list)  # the measure's steps when checked
    # the checkpoints as (date, label), sorted; None: the file has no such column
    deadlines: list | None = None
    stored_deadlines: list = field(default_factory=list)  # the measure's when checked


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def measures_import(*, organisation, fiscal_year: int, rows: list[MeasureRow], user=None):
    """Write checked rows of one organisation's year; refuse all if any measure was saved by
    someone else since the check (its version moved) or a number was taken meanwhile."""
    updates = [r for r in rows if r.measure.pk]
    stored = dict(
        Measure.objects.of(organisation)
        .filter(fiscal_year=fiscal_year, pk__in=[r.measure.pk for r in updates])
        .select_for_update()
        .values_list("pk", "version")
    )
    moved = [r.measure for r in updates if stored.get(r.measure.pk) != r.checked_version]
    if moved:
        names = ", ".join(f"{m.get_kind_display()}ลำดับ {thai_digits(m.number)}" for m in moved[:5])
        raise ValidationError(
            f"ยังไม่ได้นำเข้า: มีผู้แก้ไข{names} ระหว่างที่ระบบตรวจไฟล์ กรุณาส่งออกไฟล์ใหม่แล้วนำเข้าอีกครั้ง",
            code="stale",
        )
    now = timezone.now()
    new = [r.measure for r in rows if not r.measure.pk]
    for row in rows:
        m = row.measure
        m.organisation, m.fiscal_year, m.updated_by, m.updated_at = (
            organisation,
            fiscal_year,
            user,
            now,
        )
        if m.pk:
            m.version = stored[m.pk] + 1
    try:
        Measure.objects.bulk_create(new, batch_size=BATCH)
    except IntegrityError:  # a number someone took since the check
        raise ValidationError(
            "ยังไม่ได้นำเข้า: มีผู้เพิ่มมาตรการลำดับเดียวกันระหว่างที่ระบบตรวจไฟล์ กรุณาส่งออกไฟล์ใหม่แล้วนำเข้าอีกครั้ง",
            code="stale",
        ) from None
    Measure.objects.bulk_update(
        [r.measure for r in updates],
        [*MEASURE_FIELDS, "version", "updated_by", "updated_at"],
        batch_size=BATCH,
    )
    _write_links(rows, updates)
    _write_steps(rows, user)
    _write_deadlines(rows, user)
    _write_history(new, [r.measure for r in updates], user)
    measures_imported.send(sender=Measure, organisation_id=organisation.pk, fiscal_year=fiscal_year)


def _write_links(rows, updates):
    for name in LINKS:
        model_field = Measure._meta.get_field(name)
        through = model_field.remote_field.through
        source, target = model_field.m2m_field_name(), model_field.m2m_reverse_field_name()
        given = [r for r in rows if name in r.links]
        through.objects.filter(
            **{f"{source}_id__in": [r.measure.pk for r in updates if name in r.links]}
        ).delete()
        links = []
        for row in given:
            for pk in dict.fromkeys(o.pk for o in row.links[name]):  # once each, in order
                links.append(through(**{f"{source}_id": row.measure.pk, f"{target}_id": pk}))
        through.objects.bulk_create(links, batch_size=BATCH)


def _write_steps(rows, user):
    """Steps kept in place (their history continues), changed texts updated, new ones added,
    surplus ones deleted (one by one, for their history: rare)."""
    changed, added, surplus = [], [], []
    for row in rows:
        stored = row.stored_steps if row.measure.pk else []
        for order, text in enumerate(row.steps, start=1):
            if order <= len(stored):
                if stored[order - 1].text != text:
                    stored[order - 1].text = text
                    changed.append(stored[order - 1])
            else:
                added.append(MeasureStep(measure=row.measure, order=order, text=text))
        surplus += stored[len(row.steps) :]
    for step in surplus:
        step.delete()
    if changed:
        bulk_update_with_history(
            changed, MeasureStep, ["text"], batch_size=BATCH, default_user=user
        )
    if added:
        bulk_create_with_history(added, MeasureStep, batch_size=BATCH, default_user=user)


def _write_deadlines(rows, user):
    """A row's checkpoints replace the measure's when they differ (each removal one by one,
    for its history: a measure has a few)."""
    added = []
    for row in rows:
        if row.deadlines is None:
            continue
        stored = row.stored_deadlines if row.measure.pk else []
        if sorted((d.due_date, d.label) for d in stored) == row.deadlines:
            continue
        for deadline in stored:
            deadline.delete()
        added += [
            MeasureDeadline(measure=row.measure, due_date=due, label=label)
            for due, label in row.deadlines
        ]
    if added:
        bulk_create_with_history(added, MeasureDeadline, batch_size=BATCH, default_user=user)


def _write_history(new, updated, user):
    """One history row per measure with its links as now stored, as measure_save's history
    reads (locking.seen_values looks links up through the history row)."""
    records = list(Measure.history.bulk_history_create(new, batch_size=BATCH, default_user=user))
    records += Measure.history.bulk_history_create(
        updated, batch_size=BATCH, update=True, default_user=user
    )
    by_measure = {r.id: r for r in records}
    for name in LINKS:
        model_field = Measure._meta.get_field(name)
        history_model = HistoricalRecords.m2m_models[model_field]
        through = model_field.remote_field.through
        source = model_field.m2m_field_name()
        names = [f.attname for f in through._meta.fields]
        history_model.objects.bulk_create(
            [
                history_model(history=by_measure[values[f"{source}_id"]], **values)
                for values in through.objects.filter(
                    **{f"{source}_id__in": list(by_measure)}
                ).values(*names)
            ],
            batch_size=BATCH,
        )
