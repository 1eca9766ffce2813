"""Background work of onboarding: the invitation e-mails."""

from celery import shared_task
from django.core.mail import send_mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scopes_disabled

from kernel.thai import format_datetime

# A busy database (SQLite, the embedded default, answers "locked" to a writer that meets
# another) or an SMTP server that is briefly away: try again a little later; the task is
# safe to run twice.
RETRY = {
    "autoretry_for": (OperationalError, OSError),
    "retry_backoff": 1,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


@shared_task(time_limit=60, soft_time_limit=50, **RETRY)
def send_invitation(invitation_id: int) -> bool:
    """Make the invitation's token and e-mail the link. Safe to run twice: a used or expired
    invitation is not sent, and a new token replaces the old one (only the last link works)."""
    from .models import Invitation
    from .onboarding import invitation_issue_token, invitation_link

    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or invitation.used_at or invitation.expires_at <= timezone.now():
        return False
    user = invitation.user
    with scopes_disabled():  # the account's memberships name its organisations, all of them
        organisations = [m.organisation for m in user.memberships.filter(active=True)]
    token = invitation_issue_token(invitation)
    context = {
        "user": user,
        "organisations": organisations,
        "link": invitation_link(token),
        "expires": format_datetime(invitation.expires_at),
    }
    subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
    body = render_to_string("organisations/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return True


@shared_task(time_limit=300, soft_time_limit=270)
def send_invitations(invitation_ids: list[int]) -> int:
    """Many invitations (a national import): one task each, so that one unreachable address
    or a slow server delays only its own e-mail."""
    for pk in invitation_ids:
        send_invitation.delay(pk)
    return len(invitation_ids)


# acks_late (settings): a worker lost mid-import has the task delivered again; the import and
# its "applied" status commit together, so a second run finds it applied and does nothing
@shared_task(acks_late=True, **RETRY)
def apply_organisation_import(batch_id: int) -> bool:
    """Write a confirmed sheet of organisations and supervisors (organisations.bulk.confirm)."""
    from . import bulk
    from .models import OrganisationImport, User

    batch = OrganisationImport.objects.filter(pk=batch_id).first()
    if batch is None:
        return False
    by = User.objects.filter(pk=batch.confirmed_by_id).first()
    return bulk.confirm(batch_id, by=by, waiting=OrganisationImport.Status.APPLYING) is not None
