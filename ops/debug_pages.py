"""The Thai 404 and 403 pages with DEBUG on too (the local demo runs with DJANGO_DEBUG=1):
Django answers those with its English technical pages when DEBUG is on, whatever
handler404/handler403 say. A server error keeps Django's technical page under DEBUG (it is
the developer's traceback); with DEBUG off every page is already the portal's own."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve

from . import views


class ThaiErrorPagesUnderDebugMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG and not request.path_info.startswith(
            "/" + settings.STATIC_URL.lstrip("/")
        ):
            try:
                resolve(request.path_info)
            except Resolver404 as error:
                return views.page_not_found(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return views.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return views.permission_denied(request, exception)
        return None
