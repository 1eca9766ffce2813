"""What a locked-out login sees, and the log line an operator sees (django-axes)."""

import logging

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.signals import user_locked_out
from django.dispatch import receiver
from django.shortcuts import render

LOGGER = logging.getLogger("ita_portal.security")


def lockout_response(request, original_response=None, credentials=None):
    """The portal's login layout with a Thai explanation, HTTP 429 (AXES_LOCKOUT_CALLABLE)."""
    from django.conf import settings

    cool_off = get_cool_off(request)
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(
        request,
        "registration/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    # axes' own log lines mask the username and address; the operator needs both.
    LOGGER.warning(
        "ระงับการเข้าสู่ระบบชั่วคราว (รหัสผ่านผิดเกินกำหนด) username=%s ip=%s path=%s",
        username,
        ip_address,
        getattr(request, "path", ""),
    )
