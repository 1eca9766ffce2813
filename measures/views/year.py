"""An organisation's years, and the home page of one year."""

from django.utils import timezone
from django.views.generic import TemplateView

from assessments.models import Assessment, Framework
from kernel.thai import fiscal_year_of
from organisations.models import Unit
from organisations.views_base import OrganisationMixin

from ..cycle import year_status
from ..models import Measure
from .base import YearMixin, today


class OrganisationYearsView(OrganisationMixin, TemplateView):
    """The organisation's page: its units and every year that has a framework or data."""

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


class YearHomeView(YearMixin, TemplateView):
    template_name = "measures/year_home.html"

    def get_context_data(self, **kwargs):
        kwargs["status"] = year_status(self.organisation, self.year, today())
        return super().get_context_data(**kwargs)
