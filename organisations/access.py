"""Who sees which organisation, and what they may do there.

The organisation of a request and the user's role in it are resolved once, by
``tenancy.TenancyMiddleware`` through ``role_of``; ``views_base.OrganisationMixin`` answers 404
to an organisation the user may not see, exactly like one that does not exist. This module
reads memberships across organisations by design (it decides which organisation's scope a
request runs in), through ``MEMBERSHIPS``.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from django.db.models import Q

from .models import Membership, Organisation


class Role(StrEnum):
    ADMIN = "admin"  # a platform operator (superuser): every organisation
    # An organisation's own administrator (ผู้ดูแลระบบของหน่วยงาน): a membership role, so that
    # one role per request keeps deciding everything (ALLOWED); staff rights plus the
    # organisation's settings, members and approval chain. Not a signer: signers are
    # executives, and an administrator of accounts must not approve the reports.
    ORG_ADMIN = "org_admin"
    STAFF = "staff"
    EXECUTIVE = "executive"
    SUPERVISOR = "supervisor"


class Action(StrEnum):
    VIEW = "view"  # read the organisation's data
    EDIT = "edit"  # enter and change data
    APPROVE = "approve"  # comment on and sign off reports
    ADMINISTER = "administer"  # the organisation's details, members and approval chain


ALLOWED = {
    Action.VIEW: {Role.ADMIN, Role.ORG_ADMIN, Role.STAFF, Role.EXECUTIVE, Role.SUPERVISOR},
    Action.EDIT: {Role.ADMIN, Role.ORG_ADMIN, Role.STAFF},
    Action.APPROVE: {Role.EXECUTIVE},
    Action.ADMINISTER: {Role.ADMIN, Role.ORG_ADMIN},
}


def _memberships():
    """Active memberships across organisations: who belongs where decides the scope itself."""
    return Membership.objects.with_scopes_disabled().filter(active=True)


# What this module has read during the current request (``request_memo``, entered by
# ``tenancy.TenancyMiddleware``); outside a request nothing is remembered.
_MEMO: ContextVar[dict | None] = ContextVar("access_memo", default=None)


@contextmanager
def request_memo():
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _supervised_q(user):
    """The organisations ``user`` supervises, as a filter. Within a request the supervisions
    are read once (a dashboard asks several times, each time two queries)."""
    memo = _MEMO.get()
    areas = memo.get(("supervised", user.pk)) if memo is not None else None
    if areas is None:
        areas = [
            (
                tuple(o.pk for o in supervision.organisations.all()),
                supervision.province,
                supervision.district,
                supervision.kind,
            )
            for supervision in user.supervisions.prefetch_related("organisations")
        ]
        if memo is not None:
            memo[("supervised", user.pk)] = areas
    q = Q(pk__in=[])
    for explicit, province, district, kind in areas:
        if explicit:
            q |= Q(pk__in=explicit)
        if province:
            area = Q(province=province)
            if district:
                area &= Q(district=district)
            if kind:
                area &= Q(kind=kind)
            q |= area
    return q


def organisations_visible_to(user):
    """Organisations whose data ``user`` may at least read."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=_memberships().filter(user=user).values("organisation")) | _supervised_q(user)
    ).distinct()


def role_of(user, organisation) -> Role | None:
    """The strongest role ``user`` holds in ``organisation`` (membership beats supervision)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = _memberships().filter(user=user, organisation=organisation).first()
    if membership:
        return Role(membership.role)
    if Organisation.objects.filter(pk=organisation.pk).filter(_supervised_q(user)).exists():
        return Role.SUPERVISOR
    return None


def roles_of(user, organisations) -> dict:
    """organisation pk -> role, for organisations ``user`` may see, in one query (the home
    page lists up to hundreds of them)."""
    if user.is_superuser:
        return {o.pk: Role.ADMIN for o in organisations}
    members = dict(
        _memberships()
        .filter(user=user, organisation__in=organisations)
        .values_list("organisation_id", "role")
    )
    return {
        o.pk: Role(members[o.pk]) if o.pk in members else Role.SUPERVISOR for o in organisations
    }


def can(role: Role | None, action: Action) -> bool:
    return role is not None and role in ALLOWED[Action(action)]
