"""An organisation's years, and the home page of one year."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import TemplateView

from assessments.models import Assessment, Framework
from kernel.thai import be_year_typed, fiscal_year_of
from organisations.models import Unit
from organisations.views_base import OrganisationMixin

from ..cycle import year_status
from ..selectors import years_of
from .base import YearMixin, today


class OrganisationYearsView(OrganisationMixin, TemplateView):
    """The organisation's page: its units and every year that has a framework or data."""

    template_name = "organisations/detail.html"

    def get(self, request, *args, **kwargs):
        typed = request.GET.get("open_year")
        if typed is not None:  # "เปิดปีงบประมาณ": any BE year, typed in Thai or Arabic digits
            year = be_year_typed(typed)
            if year is not None:
                return redirect("year-home", org=self.organisation.code, year=year)
            messages.error(request, "ปีงบประมาณต้องเป็นปี พ.ศ. สี่หลัก เช่น ๒๕๖๔")
            return redirect("organisation", org=self.organisation.code)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = Unit.objects.of(self.organisation).filter(active=True)
        assessments = {
            a.framework.fiscal_year: a
            for a in Assessment.objects.of(self.organisation).select_related("framework")
        }
        frameworks = set(Framework.objects.values_list("fiscal_year", flat=True))
        context["current_year"] = fiscal_year_of(today())
        context["years"] = [
            (year, assessments.get(year), year in frameworks)
            for year in years_of(self.organisation, today())
        ]
        return context


class YearHomeView(YearMixin, TemplateView):
    template_name = "measures/year_home.html"

    def get_context_data(self, **kwargs):
        kwargs["status"] = year_status(self.organisation, self.year, today())
        return super().get_context_data(**kwargs)
