"""Writes on measures: save one with its ordered steps and links, copy a year forward."""

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from kernel.richtext import sanitize
from kernel.thai import clean_text, parse_period, thai_digits
from organisations.tenancy import in_organisation

from .. import rules
from ..locking import check_version
from ..models import (
    Measure,
    MeasureStep,
)

MEASURE_FIELDS = [
    "kind",
    "number",
    "title",
    "rationale",
    "period_text",
    "start_date",
    "end_date",
    "responsible_text",
    "monitoring",
    "budget",
    "target",
]


def fill_dates(measure):
    """Deadline dates from the period phrase, where the dates are not given."""
    if measure.period_text and not (measure.start_date and measure.end_date):
        start, end = parse_period(measure.period_text, measure.fiscal_year)
        measure.start_date = measure.start_date or start
        measure.end_date = measure.end_date or end


def step_texts(steps) -> list[str]:
    """Steps as a measure keeps them: sanitised, in order, empty ones dropped."""
    return [sanitize(s) for s in steps if clean_text(s)]


def measure_prepare(measure: Measure, *, user=None) -> None:
    """What every save does to a measure before checking it: text cleaned, rich text
    sanitised, deadline dates from the period phrase, who saved it."""
    measure.title = clean_text(measure.title)
    for name in ("rationale", "monitoring", "target", "responsible_text"):
        setattr(measure, name, sanitize(getattr(measure, name)))
    fill_dates(measure)
    measure.updated_by = user


@transaction.atomic
@in_organisation(lambda **k: k["measure"].organisation_id)
def measure_save(
    *,
    measure: Measure,
    steps: list[str],
    expected_version=None,
    user=None,
    links: dict | None = None,
) -> Measure:
    """Create or update a measure with its ordered steps; refuse a stale save."""
    if measure.pk:  # an update: from the version the page showed, never unchecked
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        measure.version = locked.version
        check_version(measure, expected_version, MEASURE_FIELDS)
        measure.version += 1
    measure_prepare(measure, user=user)
    measure.full_clean()
    measure.save()
    for name, values in (links or {}).items():
        getattr(measure, name).set(values)
    texts = step_texts(steps)
    existing = list(measure.steps.all())
    for order, text in enumerate(texts, start=1):
        if order <= len(existing):
            step = existing[order - 1]
            if step.text != text:
                step.text = text
                step.save()
        else:
            MeasureStep.objects.create(measure=measure, order=order, text=text)
    for step in existing[len(texts) :]:
        step.delete()
    return measure


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def measures_copy(*, organisation, from_year: int, to_year: int, user=None) -> list[Measure]:
    """Copy a year's measures into the next: steps, units, links; dates one year on.
    Measures not finished in the source year are flagged as carried over."""
    if Measure.objects.of(organisation).filter(fiscal_year=to_year).exists():
        raise ValidationError(
            f"ปี {thai_digits(to_year)} มีมาตรการอยู่แล้ว จึงคัดลอกทับไม่ได้", code="exists"
        )
    shift = to_year - from_year
    copies = []
    for source in (
        Measure.objects.of(organisation)
        .filter(fiscal_year=from_year)
        .with_latest_status()
        .prefetch_related(
            "steps", "responsible_units", "indicators", "questions", "oit_items", "issues"
        )
    ):
        unfinished = not rules.is_done(source.latest_status)
        copy = Measure(
            organisation=organisation,
            fiscal_year=to_year,
            number=source.number,
            kind=source.kind,
            title=source.title,
            rationale=source.rationale,
            period_text=source.period_text.replace(thai_digits(from_year), thai_digits(to_year)),
            start_date=_shift(source.start_date, shift),
            end_date=_shift(source.end_date, shift),
            responsible_text=source.responsible_text,
            monitoring=source.monitoring,
            budget=source.budget,
            target=source.target,
            copied_from=source,
            carried_over=unfinished,
            updated_by=user,
        )
        copy.full_clean()
        copy.save()
        for name in ("responsible_units", "indicators", "questions", "oit_items", "issues"):
            getattr(copy, name).set(getattr(source, name).all())
        bulk_create_with_history(  # one query, and a history row for each step
            [MeasureStep(measure=copy, order=s.order, text=s.text) for s in source.steps.all()],
            MeasureStep,
            default_user=user,
        )
        copies.append(copy)
    if not copies:
        raise ValidationError(f"ปี {thai_digits(from_year)} ไม่มีมาตรการให้คัดลอก", code="empty")
    return copies


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


@in_organisation(lambda **k: k["organisation"])
def measure_new(*, organisation, fiscal_year: int) -> Measure:
    """An unsaved measure of the year, numbered after the last one."""
    last = (
        Measure.objects.of(organisation)
        .filter(fiscal_year=fiscal_year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return Measure(organisation=organisation, fiscal_year=fiscal_year, number=(last or 0) + 1)
