from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from assessments.models import Assessment, Framework
from kernel.thai import fiscal_year_of
from measures.models import Measure

from .access import Action, organisations_visible_to, roles_of
from .forms import OrganisationSettingsForm, UnitFormSet
from .models import Unit
from .views_base import OrganisationMixin


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "organisations/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisations = list(organisations_visible_to(user)[:200])
        roles = roles_of(user, organisations)
        rows = [(o, roles[o.pk]) for o in organisations]
        return super().get_context_data(rows=rows, **kwargs)


class OrganisationDetailView(OrganisationMixin, TemplateView):
    template_name = "organisations/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = Unit.objects.of(self.organisation).filter(active=True)
        assessments = {
            a.framework.fiscal_year: a
            for a in Assessment.objects.of(self.organisation).select_related("framework")
        }
        frameworks = set(Framework.objects.values_list("fiscal_year", flat=True))
        years = (
            frameworks
            | set(Measure.objects.of(self.organisation).values_list("fiscal_year", flat=True))
            | {fiscal_year_of(timezone.localdate())}
        )
        context["years"] = [
            (year, assessments.get(year), year in frameworks)
            for year in sorted(years, reverse=True)
        ]
        return context


class OrganisationSettingsView(OrganisationMixin, TemplateView):
    action = Action.EDIT
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
