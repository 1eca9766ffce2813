"""The organisation administrator's pages (/o/<org>/settings/…): the organisation as its
documents print it, and its members. The approval chain's page lives with the chain
(measures.views.chain)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from .access import Action
from .forms import MemberCreateForm, MemberEditForm, MemberInviteForm, OrganisationDetailsForm
from .models import Membership
from .onboarding import invite, member_create, member_invite, member_update
from .views_base import OrganisationMixin

NOT_SAVED = "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง"


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class DetailsView(OrganisationMixin, TemplateView):
    permission = Action.ADMINISTER
    template_name = "organisations/settings_details.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", OrganisationDetailsForm(instance=self.organisation))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = OrganisationDetailsForm(request.POST, request.FILES, instance=self.organisation)
        if form.is_valid():
            form.save()
            messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว")
            return redirect("settings-details", org=self.organisation.code)
        self.organisation.refresh_from_db()
        messages.error(request, NOT_SAVED)
        return self.render_to_response(self.get_context_data(form=form))


class MembersView(OrganisationMixin, TemplateView):
    permission = Action.ADMINISTER
    template_name = "organisations/settings_members.html"

    def get_context_data(self, **kwargs):
        members = (
            Membership.objects.of(self.organisation)
            .select_related("user", "unit")
            .order_by("-active", "role", "user__full_name", "user__username")
        )
        return super().get_context_data(members=members, **kwargs)


class MemberNewView(OrganisationMixin, TemplateView):
    """Create an account with a one-time initial password (``how="password"``) or invite one
    by e-mail (``how="invite"``)."""

    permission = Action.ADMINISTER
    template_name = "organisations/settings_member_new.html"
    how = "password"

    def form_class(self):
        return MemberCreateForm if self.how == "password" else MemberInviteForm

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form_class()(organisation=self.organisation))
        return super().get_context_data(how=self.how, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form_class()(request.POST, organisation=self.organisation)
        if form.is_valid():
            data = form.cleaned_data
            common = {
                "organisation": self.organisation,
                "full_name": data["full_name"],
                "role": data["role"],
                "unit": data["unit"],
                "position": data["position"],
            }
            try:
                if self.how == "password":
                    user, password = member_create(
                        username=data["username"], email=data["email"], **common
                    )
                    return self.render_to_response(
                        self.get_context_data(created=user, password=password, form=form)
                    )
                member_invite(email=data["email"], created_by=request.user, **common)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, f"ส่งคำเชิญไปที่ {data['email']} แล้ว")
                return redirect("settings-members", org=self.organisation.code)
        messages.error(request, NOT_SAVED)
        return self.render_to_response(self.get_context_data(form=form))


class MemberEditView(OrganisationMixin, TemplateView):
    permission = Action.ADMINISTER
    template_name = "organisations/settings_member.html"

    def membership(self):
        return get_object_or_404(
            Membership.objects.of(self.organisation).select_related("user", "unit"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        membership = kwargs.pop("membership", None) or self.membership()
        kwargs.setdefault("form", MemberEditForm(membership=membership))
        return super().get_context_data(membership=membership, **kwargs)

    def post(self, request, *args, **kwargs):
        membership = self.membership()
        if "resend" in request.POST:
            if membership.user.has_usable_password():
                messages.error(request, "บัญชีนี้ตั้งรหัสผ่านแล้ว ไม่ต้องส่งคำเชิญอีก")
            else:
                with transaction.atomic():
                    invite(user=membership.user, created_by=request.user)
                messages.success(request, f"ส่งคำเชิญใหม่ไปที่ {membership.user.email} แล้ว")
            return redirect("settings-member", org=self.organisation.code, pk=membership.pk)
        form = MemberEditForm(request.POST, membership=membership)
        if form.is_valid():
            try:
                member_update(membership=membership, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, f"บันทึกข้อมูลของ {membership.user} แล้ว")
                return redirect("settings-members", org=self.organisation.code)
        messages.error(request, NOT_SAVED)
        return self.render_to_response(
            self.get_context_data(form=form, membership=self.membership())
        )
