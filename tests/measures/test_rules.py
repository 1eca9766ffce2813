"""measures.rules: each rule and its queryset twin give the same answer for the same scenario."""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from measures import rules
from measures.models import Measure, MeasureDeadline, Progress, ProgressRound, Status

from ..factories import make_measure

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 4, 1)

# (rounds the measure is reported in: [(round end, status)], end date, deadlines) → expected
SCENARIOS = {
    "never reported, nothing due yet": ([], D(2026, 9, 30), [], Status.NOT_STARTED, False),
    "never reported, end passed": ([], D(2026, 3, 31), [], Status.NOT_STARTED, True),
    "never reported, no dates": ([], None, [], Status.NOT_STARTED, False),
    "a deadline passed": ([], D(2026, 9, 30), [D(2026, 1, 15)], Status.NOT_STARTED, True),
    "a deadline ahead": ([], D(2026, 9, 30), [D(2026, 6, 1)], Status.NOT_STARTED, False),
    "due today is not late": ([], TODAY, [TODAY], Status.NOT_STARTED, False),
    "done at six months": ([(D(2026, 3, 31), Status.DONE)], D(2026, 3, 1), [], Status.DONE, False),
    "done, then back in progress": (
        [(D(2026, 3, 31), Status.DONE), (D(2026, 9, 30), Status.IN_PROGRESS)],
        D(2026, 3, 1),
        [],
        Status.IN_PROGRESS,
        True,
    ),
    "in progress, then done": (
        [(D(2026, 3, 31), Status.IN_PROGRESS), (D(2026, 9, 30), Status.DONE)],
        D(2026, 3, 1),
        [D(2026, 1, 1)],
        Status.DONE,
        False,
    ),
    "two rounds end the same day: the later one counts": (
        [(D(2026, 3, 31), Status.DONE), (D(2026, 3, 31), Status.IN_PROGRESS)],
        D(2026, 3, 1),
        [],
        Status.IN_PROGRESS,
        True,
    ),
}


@pytest.fixture
def measures(org_a):
    made = {}
    for number, (name, (reported, end, deadlines, _s, _o)) in enumerate(SCENARIOS.items(), 1):
        measure = make_measure(org_a, 2569, number, title=name, end=end)
        with scopes_disabled():  # the scenario's data, written as a fixture
            Measure.objects.filter(pk=measure.pk).update(end_date=end)  # "no dates": undated
            for day in deadlines:
                MeasureDeadline.objects.create(measure=measure, label="รายงาน", due_date=day)
            for index, (round_end, status) in enumerate(reported):
                progress_round = ProgressRound.objects.create(
                    organisation=org_a,
                    fiscal_year=2569,
                    kind="custom",
                    name=f"รอบ {number}-{index}",
                    start_date=D(2025, 10, 1),
                    end_date=round_end,
                )
                Progress.objects.create(measure=measure, round=progress_round, status=status)
        made[name] = measure
    return made


def test_the_rules_and_their_queryset_twin_agree(org_a, measures):
    # the queryset twins run where the portal runs them: in the organisation's scope
    with scope(organisation=org_a.pk):
        measures_2569 = Measure.objects.filter(fiscal_year=2569)
        judged = {m.title: m for m in measures_2569.with_overdue(TODAY).with_first_due()}
        done = {m.title for m in measures_2569.done()}
        reported = {
            name: [
                (p.round.end_date, p.round_id, p.status)
                for p in Progress.objects.filter(measure=measure).select_related("round")
            ]
            for name, measure in measures.items()
        }
        deadlines = {
            name: [d.due_date for d in measure.deadlines.all()]
            for name, measure in measures.items()
        }
    for name, (_reported, _end, _deadlines, status, overdue) in SCENARIOS.items():
        measure = measures[name]
        pure_status = rules.latest_status(reported[name])
        pure_overdue = rules.measure_overdue(
            status=pure_status,
            end_date=measure.end_date,
            deadlines=deadlines[name],
            today=TODAY,
        )
        assert (pure_status, pure_overdue) == (status, overdue), name
        assert (judged[name].latest_status, judged[name].overdue) == (status, overdue), name
        # the first due date: the day after which a measure not done is overdue
        due = rules.first_due(end_date=judged[name].end_date, deadlines=deadlines[name])
        assert judged[name].first_due == due, name
        assert overdue == (due is not None and due < TODAY and status != Status.DONE), name
    assert done == {n for n, s in SCENARIOS.items() if s[3] == Status.DONE}


ROUNDS = {
    "draft, due passed": ("draft", D(2026, 3, 31), D(2026, 3, 31), True),
    "draft, due ahead": ("draft", D(2026, 4, 30), D(2026, 3, 31), False),
    "draft without due date, end passed": ("draft", None, D(2026, 3, 31), True),
    "submitted after its due date": ("submitted", D(2026, 3, 1), D(2026, 3, 31), False),
    "approved": ("approved", D(2026, 3, 1), D(2026, 3, 31), False),
}


def test_round_overdue_and_its_twin_agree(org_a):
    for name, (state, due, end, _late) in ROUNDS.items():
        ProgressRound.objects.create(  # creating needs no scope; reading does
            organisation=org_a,
            fiscal_year=2569,
            kind="custom",
            name=name,
            state=state,
            start_date=D(2025, 10, 1),
            end_date=end,
            due_date=due,
        )
    with scope(organisation=org_a.pk):  # the twin runs where the portal runs it
        judged = list(ProgressRound.objects.filter(organisation=org_a).with_overdue(TODAY))
    for r in judged:
        expected = ROUNDS[r.name][3]
        pure = rules.round_overdue(
            state=r.state, due_date=r.due_date, end_date=r.end_date, today=TODAY
        )
        assert pure == r.overdue == expected, r.name
