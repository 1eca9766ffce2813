"""Small builders for test data; every one goes through the models' own validation."""

from organisations.models import Membership, Organisation, Supervision, Unit, User

PASSWORD = "test-pass-1234"


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


def make_user(username, *, member_of=(), supervises=None, superuser=False):
    user = User(
        username=username, full_name=f"คุณ {username}", is_superuser=superuser, is_staff=superuser
    )
    user.set_password(PASSWORD)
    user.save()
    for org, role in member_of:
        Membership.objects.create(user=user, organisation=org, role=role)
    if supervises:
        Supervision.objects.create(user=user, name=f"กำกับ {username}", **supervises)
    return user
