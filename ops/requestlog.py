"""One structured line per request (logger ``ita_portal.requests``, JSON): time, request id,
method, path (never the query string, which may carry tokens), status, duration, client
address, user and the organisation of the URL.

The request id is the proxy's X-Request-ID when it looks like one, otherwise a new one; it is
sent back in the response so that a user's report of a failure can be found in the logs.
"""

import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.functional import empty

from .proxy import client_ip

logger = logging.getLogger("ita_portal.requests")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def _user(request):
    """The user only once something evaluated it, or when the session says who it is: the
    log line must not add queries (the plain /healthz stays one query)."""
    user = getattr(request, "user", None)
    if user is None:
        return None, None
    unread = getattr(user, "_wrapped", None) is empty
    if unread and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None, None
    if not user.is_authenticated:
        return None, None
    return user.pk, user.get_username()


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        response = self.get_response(request)
        duration = (time.perf_counter() - started) * 1000
        match = getattr(request, "resolver_match", None)
        user_id, username = _user(request)
        line = {
            "time": timezone.now().isoformat(timespec="milliseconds"),
            "request_id": request.request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration, 1),
            "ip": client_ip(request),
            "user_id": user_id,
            "username": username,
            "organisation": match.kwargs.get("org") if match else None,
        }
        logger.info(json.dumps(line, ensure_ascii=False))
        response["X-Request-ID"] = request.request_id
        return response
