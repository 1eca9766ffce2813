"""The base every organisation page stands on.

The organisation and the user's role in it are resolved once per request, from the URL, by
``tenancy.TenancyMiddleware``; an organisation the user may not see answers 404, exactly like
one that does not exist. A view declares the right it needs (``permission``) — one right, a
tuple of rights of which any one suffices, or a mapping from HTTP method to either — and never
checks it again in ``get``/``post``.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .access import Action, can


def allowed(role, permission) -> bool:
    needed = permission if isinstance(permission, tuple) else (permission,)
    return any(can(role, action) for action in needed)


class OrganisationMixin(LoginRequiredMixin):
    permission = Action.VIEW

    def permission_for(self, method):
        if isinstance(self.permission, dict):
            return self.permission.get(method, self.permission.get("GET", Action.VIEW))
        return self.permission

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = getattr(request, "organisation", None)
        self.role = getattr(request, "role", None)
        if self.organisation is None or self.role is None:
            raise Http404("ไม่พบหน่วยงาน")
        if not allowed(self.role, self.permission_for(request.method)):
            raise PermissionDenied("ไม่มีสิทธิ์ทำรายการนี้ในหน่วยงานนี้")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            role=self.role,
            can_edit=can(self.role, Action.EDIT),
            can_approve=can(self.role, Action.APPROVE),
            can_administer=can(self.role, Action.ADMINISTER),
        )
        return context
