"""Project-wide views: liveness, and the Thai pages for refusals and errors (Django's own are
bare English pages)."""

import logging
import re

from django.http import HttpResponse, JsonResponse
from django.template import loader

from organisations.models import Organisation

from .health import readiness

logger = logging.getLogger(__name__)
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def healthz(request):
    """Liveness for a load balancer, and the benchmarks' baseline: one indexed query."""
    Organisation.objects.filter(code=request.GET.get("org", "")).exists()
    return HttpResponse("ok", content_type="text/plain")


def healthz_ready(request):
    """Readiness for a load balancer and for monitoring: database, Redis and a Celery worker
    (JSON); 503 when any is down, naming it."""
    report = readiness()
    response = JsonResponse(report, status=200 if report["ok"] else 503)
    response["Cache-Control"] = "no-store"
    return response


def _reason(exception) -> str:
    """The Thai reason a view gave with PermissionDenied or Http404 ("ขณะนี้รอความเห็นของ …");
    nothing for Django's own English ones ("No Measure matches the given query.")."""
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) and _THAI.search(message) else ""


def _page(request, template, status, **context):
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def bad_request(request, exception):
    return _page(request, "400.html", 400)


def permission_denied(request, exception):
    return _page(request, "403.html", 403, reason=_reason(exception))


def page_not_found(request, exception):
    return _page(request, "404.html", 404, reason=_reason(exception))


def server_error(request):
    """Rendered without the request: no context processor, no database, which may be the
    very thing that failed."""
    try:
        return HttpResponse(loader.render_to_string("500.html"), status=500)
    except Exception:  # noqa: BLE001 - the error page itself must not fail
        logger.exception("the 500 page could not be rendered")
        return HttpResponse(
            '<!doctype html><html lang="th"><meta charset="utf-8"><title>ระบบขัดข้อง</title>'
            '<h1>ระบบขัดข้อง</h1><p><a href="/">กลับหน้าหลัก</a></p></html>',
            status=500,
        )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from a page kept open too long, or without cookies."""
    return _page(request, "403_csrf.html", 403)
