"""An account given a one-time initial password must change it before using the portal."""

from django.shortcuts import redirect
from django.urls import reverse

# what such an account may still open: the change itself, logging out, static files
_OPEN = ("password-change", "logout")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path_info.startswith("/static/")
            and request.path_info not in {reverse(name) for name in _OPEN}
        ):
            return redirect("password-change")
        return self.get_response(request)
