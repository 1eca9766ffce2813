"""The README's definitions of where a measure and a round stand — the one owner of each.

* **Latest status** of a measure: its status in the round with the latest end (the latest
  round created, for rounds that end the same day); "ยังไม่ได้ดำเนินการ" while no round has it.
* **Done**: the latest status is "ดำเนินการแล้วเสร็จ".
* **Overdue measure**: its end date or one of its deadlines has passed and it is not done.
* **Overdue round report**: still a draft after its due date (its end date when no due date).
* **First due date** of a measure: the earliest of its end date and its deadlines. A measure
  that is not done is overdue exactly on the days after it, so the overdue count of a set of
  measures changes only the day after one of their first due dates (the summaries of
  dashboards/summaries.py store the dates between which their count holds).

Each rule is a pure function of plain values, and has a twin for querysets
(``MeasureQuerySet.with_latest_status`` / ``with_overdue``, ``RoundQuerySet.with_overdue``)
for tables that count over thousands of organisations. tests/measures/test_rules.py feeds the
same scenarios to both.
"""

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least

from organisations.models import OrganisationOwnedQuerySet

from .status import Status


def latest_status(progress: Iterable) -> str:
    """``progress``: (round end date, round id, status) of each round that records the
    measure."""
    latest = max(progress, key=lambda row: (row[0], row[1]), default=None)
    return latest[2] if latest else Status.NOT_STARTED


def is_done(status) -> bool:
    return status == Status.DONE


def measure_overdue(
    *, status, end_date: datetime.date | None, deadlines: Iterable, today: datetime.date
) -> bool:
    """``deadlines``: the due dates of the measure's reporting and monitoring checkpoints."""
    if is_done(status):
        return False
    due = first_due(end_date=end_date, deadlines=deadlines)
    return due is not None and due < today


def first_due(*, end_date: datetime.date | None, deadlines: Iterable):
    """The day after which a measure that is not done is overdue (None: never)."""
    return min((day for day in [end_date, *deadlines] if day is not None), default=None)


def round_overdue(*, state, due_date, end_date, today: datetime.date) -> bool:
    from .models import ProgressRound

    return state == ProgressRound.State.DRAFT and (due_date or end_date) < today


# --- the queryset twins ---------------------------------------------------------------------


class MeasureQuerySet(OrganisationOwnedQuerySet):
    def in_document_order(self):
        """As the documents and the measures list print them: by kind in the order the kinds
        are declared (มาตรการ, โครงการ, กิจกรรม, แนวทางในการยกระดับ), then by number."""
        from .models import Measure

        rank = Case(
            *[
                When(kind=kind, then=Value(i))
                for i, (kind, _label) in enumerate(Measure.Kind.choices)
            ],
            output_field=models.IntegerField(),
        )
        # annotated, so that a DISTINCT query (the round page's unit filter) may order by it
        return self.annotate(document_rank=rank).order_by("document_rank", "number", "pk")

    def with_latest_status(self):
        from .models import Progress

        # correlated to each measure of this queryset, which is scoped itself: the base manager
        latest = (
            Progress._base_manager.filter(measure=OuterRef("pk"))
            .order_by("-round__end_date", "-round_id")
            .values("status")[:1]
        )
        return self.annotate(
            latest_status=Coalesce(
                Subquery(latest, output_field=models.CharField()), Value(Status.NOT_STARTED)
            )
        )

    def with_overdue(self, today: datetime.date):
        from .models import MeasureDeadline

        if "latest_status" not in self.query.annotations:
            self = self.with_latest_status()
        passed = MeasureDeadline._base_manager.filter(measure=OuterRef("pk"), due_date__lt=today)
        return self.annotate(
            overdue=Case(
                When(
                    ~Q(latest_status=Status.DONE) & (Q(end_date__lt=today) | Exists(passed)),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def with_first_due(self):
        from .models import MeasureDeadline

        earliest = (
            MeasureDeadline._base_manager.filter(measure=OuterRef("pk"))
            .order_by("due_date")
            .values("due_date")[:1]
        )
        deadline = Subquery(earliest, output_field=models.DateField())
        # LEAST of NULLs differs between databases: each side falls back on the other
        return self.annotate(
            first_due=Least(Coalesce("end_date", deadline), Coalesce(deadline, "end_date"))
        )

    def done(self):
        return self.with_latest_status().filter(latest_status=Status.DONE)


class RoundQuerySet(OrganisationOwnedQuerySet):
    def with_overdue(self, today: datetime.date):
        from .models import ProgressRound

        return self.alias(due=Coalesce("due_date", "end_date")).annotate(
            overdue=Case(
                When(Q(state=ProgressRound.State.DRAFT, due__lt=today), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )
