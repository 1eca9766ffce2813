"""The base every organisation page stands on: resolve the organisation from the URL through
the one scoped path, answer 404 to outsiders and 403 to insiders without the right."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .access import Action, can, organisation_for


class OrganisationMixin(LoginRequiredMixin):
    action = Action.VIEW  # the right a view needs; a tuple: any one of them

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation, self.role = organisation_for(request.user, kwargs["org"])
        needed = self.action if isinstance(self.action, tuple) else (self.action,)
        if not any(can(self.role, action) for action in needed):
            raise PermissionDenied("ไม่มีสิทธิ์ทำรายการนี้ในหน่วยงานนี้")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            role=self.role,
            can_edit=can(self.role, Action.EDIT),
            can_approve=can(self.role, Action.APPROVE),
        )
        return context
