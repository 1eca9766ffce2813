"""The reporting rounds of a year."""

import datetime

from kernel.thai import clean_text
from organisations.tenancy import in_organisation

from ..models import (
    ProgressRound,
)


def standard_round_plans(fiscal_year: int) -> list[tuple]:
    """(kind, name, start, end, due) of the year's two standard rounds."""
    from kernel.thai import fiscal_year_bounds

    first, last = fiscal_year_bounds(fiscal_year)
    march = datetime.date(last.year, 3, 31)
    return [
        (
            ProgressRound.Kind.SIX_MONTHS,
            "รอบ ๖ เดือน",
            first,
            march,
            datetime.date(last.year, 4, 30),
        ),
        (
            ProgressRound.Kind.TWELVE_MONTHS,
            "รอบ ๑๒ เดือน",
            first,
            last,
            datetime.date(last.year, 10, 31),
        ),
    ]


@in_organisation(lambda **k: k["organisation"])
def standard_rounds(*, organisation, fiscal_year: int, kinds=None) -> list[ProgressRound]:
    """Create รอบ ๖ เดือน (1 Oct – 31 Mar) and รอบ ๑๒ เดือน (1 Oct – 30 Sep) if missing (only
    those of ``kinds`` when given)."""
    made = []
    for kind, name, first, end, due in standard_round_plans(fiscal_year):
        if kinds is not None and kind not in kinds:
            continue
        obj, _created = ProgressRound.objects.get_or_create(
            organisation=organisation,
            fiscal_year=fiscal_year,
            name=name,
            defaults={"kind": kind, "start_date": first, "end_date": end, "due_date": due},
        )
        made.append(obj)
    return made


@in_organisation(lambda **k: k["organisation"])
def round_add(
    *,
    organisation,
    fiscal_year: int,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    due_date: datetime.date | None = None,
) -> ProgressRound:
    """A custom round; a name used already that year is refused in Thai (the database keeps
    the same rule)."""
    progress_round = ProgressRound(
        organisation=organisation,
        fiscal_year=fiscal_year,
        kind=ProgressRound.Kind.CUSTOM,
        name=clean_text(name),
        start_date=start_date,
        end_date=end_date,
        due_date=due_date,
    )
    progress_round.full_clean()
    progress_round.save()
    return progress_round
