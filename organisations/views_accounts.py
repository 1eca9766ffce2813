"""Account pages outside any organisation: accepting an invitation, changing one's password
(forced after a one-time initial password), and resetting it by e-mail — in Thai."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from .forms import PasswordChangeThaiForm, PasswordResetThaiForm, SetPasswordThaiForm
from .onboarding import invitation_accept, invitation_for


class InvitationView(TemplateView):
    """The link of an invitation e-mail: set a password, once, before the link expires."""

    template_name = "registration/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_for(kwargs["token"])
        if self.invitation is None:
            response = self.render_to_response({"expired": True})
            response.status_code = 410
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", SetPasswordThaiForm(self.invitation.user))
        return super().get_context_data(invited=self.invitation.user, **kwargs)

    def post(self, request, *args, **kwargs):
        form = SetPasswordThaiForm(self.invitation.user, request.POST)
        if form.is_valid():
            try:
                user = invitation_accept(
                    self.invitation, password=form.cleaned_data["new_password1"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, "ตั้งรหัสผ่านแล้ว ยินดีต้อนรับสู่ ITA Portal")
                return redirect("home")
        return self.render_to_response(self.get_context_data(form=form))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    form_class = PasswordChangeThaiForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, "เปลี่ยนรหัสผ่านแล้ว")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset.html"
    form_class = PasswordResetThaiForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form):
        from django.conf import settings

        # links point at the portal's public address, whichever host name was used
        base = settings.PORTAL_BASE_URL.rstrip("/")
        self.extra_email_context = {"base_url": base}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = SetPasswordThaiForm
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        form.user.must_change_password = False
        response = super().form_valid(form)
        messages.success(self.request, "ตั้งรหัสผ่านใหม่แล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่")
        return response
