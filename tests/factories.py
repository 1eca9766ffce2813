"""Small builders for test data; every one goes through the models' own validation.

Builders are fixtures: they run with scopes disabled (organisations.tenancy); the services they
call enter their organisation's scope themselves, like everywhere else."""

from django_scopes import scopes_disabled

from organisations.models import Membership, Organisation, Supervision, Unit, User

PASSWORD = "test-pass-1234"


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def make_organisation(code, name, *, province="เชียงราย", district="เมือง", units=()):
    org = Organisation(
        code=code,
        name=name,
        short_name=name.replace("องค์การบริหารส่วนตำบล", "อบต."),
        district=district,
        province=province,
    )
    org.full_clean()
    org.save()
    for order, unit in enumerate(units, start=1):
        Unit.objects.create(organisation=org, name=unit, order=order)
    return org


POSITIONS = {"staff": "นักวิเคราะห์นโยบายและแผน", "executive": "ปลัดองค์การบริหารส่วนตำบล"}


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def make_user(username, *, member_of=(), supervises=None, superuser=False):
    user = User(
        username=username, full_name=f"คุณ {username}", is_superuser=superuser, is_staff=superuser
    )
    user.set_password(PASSWORD)
    user.save()
    for org, role in member_of:
        Membership.objects.create(
            user=user, organisation=org, role=role, position=POSITIONS.get(role, "")
        )
    if supervises:
        Supervision.objects.create(user=user, name=f"กำกับ {username}", **supervises)
    return user


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def record_results(
    org, year, *, total=None, indicators=None, questions=None, items=None, tools=None
):
    """Record results through the same service the form and the import use."""
    from decimal import Decimal

    from assessments.models import Framework
    from assessments.results import ResultsData, assessment_for_year, results_save

    def dec(d):
        return {k: Decimal(str(v)) for k, v in (d or {}).items()}

    assessment = assessment_for_year(org, Framework.objects.get(fiscal_year=year))
    return results_save(
        assessment=assessment,
        data=ResultsData(
            total=Decimal(str(total)) if total is not None else None,
            tools=dec(tools),
            indicators=dec(indicators),
            questions=dec(questions),
            items=dec(items),
        ),
    )


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def make_measure(
    org, year=2569, number=1, *, title="มาตรการทดสอบ", end=None, kind="measure", units=()
):
    from measures.models import Measure
    from measures.services import measure_save

    measure = Measure(
        organisation=org,
        fiscal_year=year,
        number=number,
        kind=kind,
        title=title,
        period_text="ตลอดปีงบประมาณ",
        end_date=end,
    )
    return measure_save(
        measure=measure, steps=["ขั้นแรก", "ขั้นที่สอง"], links={"responsible_units": list(units)}
    )


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def make_chain(org, *users):
    from measures.models import ApprovalStep

    return [
        _clean_save(ApprovalStep(organisation=org, order=i, title=f"ความเห็นลำดับ {i}", approver=u))
        for i, u in enumerate(users, start=1)
    ]


@scopes_disabled()  # a fixture builder: the code it calls scopes itself
def approve_round(progress_round, *, submitter, publish=False):
    """Submit a round and approve it through its organisation's whole chain (made of one new
    executive if the organisation has none), then publish it if asked — the real services."""
    from measures.models import ApprovalStep
    from measures.services import round_decide, round_publish, round_submit

    organisation = progress_round.organisation
    steps = list(ApprovalStep.objects.of(organisation))
    if not steps:
        approver = make_user(
            f"approver-{organisation.code}", member_of=[(organisation, "executive")]
        )
        steps = make_chain(organisation, approver)
    round_submit(progress_round=progress_round, user=submitter)
    for step in steps:
        progress_round = round_decide(
            progress_round=progress_round, user=step.approver, approve=True
        )
    if publish:
        progress_round = round_publish(progress_round=progress_round, user=submitter)
    return progress_round


def _clean_save(instance):
    instance.full_clean()
    instance.save()
    return instance
