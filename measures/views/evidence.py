"""Evidence files, for the organisation's members."""

from django.shortcuts import get_object_or_404
from django.views import View

from organisations.views_base import OrganisationMixin

from ..evidence import serve
from ..models import Evidence


class EvidenceView(OrganisationMixin, View):
    def get(self, request, *args, **kwargs):
        return serve(get_object_or_404(Evidence.objects.of(self.organisation), pk=kwargs["pk"]))
