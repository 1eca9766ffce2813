"""Bringing people into an organisation: members created with a one-time initial password or
invited by e-mail with a one-time link that expires, and the link's acceptance.

Writes run in the organisation's scope (``in_organisation``). The invitation's token is made
by the e-mail task (``organisations.tasks``) and only its hash is stored: the link leaves the
worker in the e-mail only.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ita_portal.celery import queue

from .models import Invitation, Membership, User
from .tenancy import in_organisation

INVITATION_DAYS = 7
# No look-alike characters (0/O, 1/l/I): the initial password is read out or copied by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def initial_password() -> str:
    """A one-time initial password that Django's validators accept."""
    while True:
        candidate = "".join(secrets.choice(_ALPHABET) for _ in range(12))
        if any(c.isdigit() for c in candidate) and not candidate.isdigit():
            return candidate


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_user(*, username, email, full_name):
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "มีบัญชีชื่อผู้ใช้นี้แล้ว กรุณาใช้ชื่ออื่น"})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "มีบัญชีที่ใช้อีเมลนี้แล้ว"})
    return User(username=username, email=email, full_name=full_name)


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def member_create(*, organisation, username, full_name, role, unit=None, position="", email=""):
    """A new account and its membership, with a one-time initial password (returned, shown
    once) that must be changed at the first login."""
    user = _new_user(username=username, email=email, full_name=full_name)
    password = initial_password()
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save()
    Membership.objects.create(
        organisation=organisation, user=user, role=role, unit=unit, position=position
    )
    return user, password


def invitation_token_placeholder() -> str:
    """What an invitation holds until its e-mail task makes the real token (unique, and never
    the hash of any token)."""
    return f"pending-{secrets.token_hex(16)}"


def invite(*, user, created_by=None) -> Invitation:
    """An invitation for ``user``; the e-mail (and the token in it) goes out in the background
    once the transaction commits."""
    from .tasks import send_invitation

    invitation = Invitation.objects.create(
        user=user,
        created_by=created_by,
        token_hash=invitation_token_placeholder(),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    transaction.on_commit(lambda: queue(send_invitation, invitation.pk))
    return invitation


@transaction.atomic
@in_organisation(lambda **k: k["organisation"])
def member_invite(*, organisation, email, full_name, role, unit=None, position="", created_by=None):
    """A new account named by its e-mail address, without a password until the invited person
    sets one through the link of the invitation e-mail."""
    email = email.strip().lower()
    user = _new_user(username=email, email=email, full_name=full_name)
    user.set_unusable_password()
    user.save()
    Membership.objects.create(
        organisation=organisation, user=user, role=role, unit=unit, position=position
    )
    return invite(user=user, created_by=created_by)


def invitation_issue_token(invitation) -> str:
    """A fresh token for ``invitation`` (its hash replaces any earlier one), for the e-mail."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.save(update_fields=["token_hash"])
    return token


def invitation_for(token: str) -> Invitation | None:
    """The invitation a link opens, while it is unused and unexpired; None otherwise."""
    if not token or len(token) > 128:  # a real one has 43 characters
        return None
    return (
        Invitation.objects.select_related("user")
        .filter(token_hash=token_hash(token), used_at=None, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def invitation_accept(invitation, *, password) -> User:
    """Set the invited account's password and use the link up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None or invitation.expires_at <= timezone.now():
        raise ValidationError("ลิงก์คำเชิญนี้ใช้แล้วหรือหมดอายุแล้ว")
    user = invitation.user
    if not account_belongs(user):
        raise ValidationError("บัญชีนี้ถูกปิดการใช้งานแล้ว กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน")
    user.set_password(password)
    user.is_active = True
    user.must_change_password = False
    user.save()
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def invitation_link(token: str) -> str:
    from django.urls import reverse

    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("invitation", kwargs={"token": token})


@transaction.atomic
@in_organisation(lambda **k: k["membership"].organisation_id)
def member_update(*, membership, full_name, role, unit, position, active, by=None):
    """Change a member's name, role, unit, position or whether they are active. Refused: an
    approver of the chain who would stop being an active executive (the chain would wait
    for someone who can no longer sign), and the organisation's last active administrator
    leaving that role."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    user = membership.user
    signs = user.approval_steps.filter(organisation=membership.organisation).exists()
    if signs and (role != Membership.Role.EXECUTIVE or not active):
        raise ValidationError(
            "ผู้นี้อยู่ในลำดับการอนุมัติ กรุณานำออกจากลำดับการอนุมัติก่อน จึงจะเปลี่ยนบทบาทหรือปิดการใช้งานได้"
        )
    was_admin = membership.active and membership.role == Membership.Role.ORG_ADMIN
    if was_admin and (role != Membership.Role.ORG_ADMIN or not active):
        others = (
            Membership.objects.of(membership.organisation)
            .filter(role=Membership.Role.ORG_ADMIN, active=True, user__is_active=True)
            .exclude(pk=membership.pk)
        )
        if not others.exists():
            raise ValidationError("หน่วยงานต้องมีผู้ดูแลระบบของหน่วยงานที่ใช้งานอยู่อย่างน้อยหนึ่งคน")
    membership.role = role
    membership.unit = unit
    membership.position = position
    membership.active = active
    membership._history_user = by
    membership.save()
    user.full_name = full_name
    # an account that belongs nowhere any more cannot log in (nor accept an invitation that is
    # still pending); one let back in can again
    belongs = account_belongs(user)
    user.is_active = belongs
    user.save(update_fields=["full_name", "is_active"])
    if not belongs:
        user.invitations.filter(used_at=None).update(expires_at=timezone.now())
    return membership


def account_belongs(user) -> bool:
    """Whether an account has anywhere to go: a platform admin, a supervisor, or an active
    member of an organisation."""
    return (
        user.is_superuser
        or user.supervisions.exists()
        or Membership.objects.with_scopes_disabled().filter(user=user, active=True).exists()
    )
