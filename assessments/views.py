from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from .models import Framework, Indicator, OITItem, Question, SubIndicator


class FrameworkListView(LoginRequiredMixin, ListView):
    template_name = "assessments/framework_list.html"
    context_object_name = "frameworks"

    def get_queryset(self):
        return Framework.objects.annotate(
            n_questions=Count("questions", distinct=True),
            n_items=Count("oit_items", distinct=True),
        )


class FrameworkDetailView(LoginRequiredMixin, TemplateView):
    template_name = "assessments/framework_detail.html"

    def get_context_data(self, **kwargs):
        framework = get_object_or_404(Framework, fiscal_year=kwargs["year"])
        tools = framework.tools.prefetch_related(
            "parts",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("questions", queryset=Question.objects.order_by("number")),
                    Prefetch(
                        "sub_indicators",
                        queryset=SubIndicator.objects.prefetch_related(
                            Prefetch(
                                "items",
                                queryset=OITItem.objects.prefetch_related("components"),
                            )
                        ),
                    ),
                ),
            ),
        )
        return super().get_context_data(framework=framework, tools=tools, **kwargs)
