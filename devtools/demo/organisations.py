"""Writes on organisations and accounts."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from organisations.models import Membership, Organisation, Supervision, Unit, User
from organisations.tenancy import scopes_disabled

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "organisations.json"


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
@scopes_disabled()  # demo data for every organisation: a command, not a request
def demo_organisations_load(*, password: str, path: Path = DEMO_FILE) -> dict:
    """Create the demo organisations, their units and one account per role.

    Safe to run again: what exists already (possibly edited since) is left as it is, and
    passwords are only set on accounts this call creates.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = {"organisations": 0, "accounts": 0}
    organisations = {}
    for o in data["organisations"]:
        fields = {k: v for k, v in o.items() if k != "units"}
        org = Organisation.objects.filter(code=o["code"]).first()
        if org is None:
            org = _save(Organisation(**fields))
            created["organisations"] += 1
            for order, name in enumerate(o["units"], start=1):
                _save(Unit(organisation=org, name=name, order=order))
        organisations[org.code] = org
    for a in data["accounts"]:
        user = User.objects.filter(username=a["username"]).first()
        if user is not None:
            continue
        user = User(
            username=a["username"],
            full_name=a["full_name"],
            is_superuser=a.get("superuser", False),
            is_staff=a.get("superuser", False),
        )
        user.set_password(password)
        user.save()
        created["accounts"] += 1
        for code, role, position, unit_name in a.get("memberships", []):
            org = organisations[code]
            unit = Unit.objects.of(org).filter(name=unit_name).first() if unit_name else None
            _save(Membership(user=user, organisation=org, role=role, position=position, unit=unit))
        if "supervision" in a:
            _save(Supervision(user=user, **a["supervision"]))
    return created
