"""Writes on the OIT checklist."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from assessments.models import OITItem
from kernel.thai import clean_text
from organisations.models import Unit
from organisations.tenancy import in_organisation

from ..locking import ConcurrentEditError, needs_saving
from ..models import (
    OITChecklistEntry,
)

CHECKLIST_FIELDS = ["unit", "status", "components_done", "url", "last_checked", "notes"]


@dataclass(kw_only=True)
class ChecklistInput:
    item: OITItem
    status: str
    expected_version: int | None  # as the page showed it (0: no entry yet); None is refused
    unit: Unit | None = None
    components: list = field(default_factory=list)
    url: str = ""
    last_checked: datetime.date | None = None
    notes: str = ""


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def checklist_save(
    *, organisation, rows: list[ChecklistInput], user=None
) -> list[OITChecklistEntry]:
    """Save the checklist's rows at once, all or nothing, with the same rule as a round's
    progress: rows someone else changed since the page was opened are refused together."""
    saved, stale = [], []
    for row in rows:
        if row.unit is not None and row.unit.organisation_id != organisation.pk:
            raise PermissionDenied("ส่วนงานนี้ไม่อยู่ในหน่วยงานนี้")
        entry = OITChecklistEntry.objects.of(organisation).select_for_update().filter(
            item=row.item
        ).first() or OITChecklistEntry(organisation=organisation, item=row.item, version=0)
        values = {
            "unit": row.unit.pk if row.unit else None,
            "status": row.status,
            "components_done": frozenset(c.pk for c in row.components),
            "url": row.url.strip(),
            "last_checked": row.last_checked,
            "notes": clean_text(row.notes, multiline=True),
        }
        try:
            write = needs_saving(entry, values, row.expected_version, CHECKLIST_FIELDS)
        except ConcurrentEditError as error:
            stale.append(error)
            continue
        if write:
            entry.unit = row.unit
            for name in ("status", "url", "last_checked", "notes"):
                setattr(entry, name, values[name])
            entry.version += 1
            entry.updated_by = user
            entry.full_clean()
            entry.save()
            entry.components_done.set(row.components)
        if entry.pk:
            saved.append(entry)
    if stale:
        raise ConcurrentEditError(stale, code="stale")
    return saved
