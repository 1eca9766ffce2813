from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .access import Action, organisations_visible_to, roles_of
from .forms import OrganisationSettingsForm, UnitFormSet
from .views_base import OrganisationMixin


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisations = list(organisations_visible_to(user)[:200])
        roles = roles_of(user, organisations)
        rows = [(o, roles[o.pk]) for o in organisations]
        return super().get_context_data(rows=rows, **kwargs)


class OrganisationSettingsView(OrganisationMixin, TemplateView):
    permission = Action.EDIT
    template_name = "organisations/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", OrganisationSettingsForm(instance=self.organisation))
        context.setdefault("units", UnitFormSet(instance=self.organisation, prefix="units"))
        return context

    def post(self, request, *args, **kwargs):
        form = OrganisationSettingsForm(request.POST, instance=self.organisation)
        units = UnitFormSet(request.POST, instance=self.organisation, prefix="units")
        if form.is_valid() and units.is_valid():
            with transaction.atomic():
                form.save()
                units.save()
            messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว")
            return redirect("organisation", org=self.organisation.code)
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
        return self.render_to_response(self.get_context_data(form=form, units=units))
