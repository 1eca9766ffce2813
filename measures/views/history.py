"""Who changed what and when: one measure's history, and the whole year's."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from kernel import history

from ..models import Measure, OITChecklistEntry, Progress, ProgressRound, RoundDecision
from .base import YearMixin


class MeasureHistoryView(YearMixin, TemplateView):
    template_name = "measures/history.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(
            Measure.objects.of(self.organisation).filter(fiscal_year=self.year),
            pk=self.kwargs["pk"],
        )
        records = list(measure.history.select_related("history_user").order_by("-history_date"))
        entries = []
        for newer, older in zip(records, records[1:] + [None], strict=False):
            entries.append((newer, history.changes(newer, older)))
        progress = []
        for p in measure.progress.select_related("round"):
            progress += [(p.round, h) for h in p.history.select_related("history_user")]
        progress.sort(key=lambda pair: pair[1].history_date, reverse=True)
        kwargs.update(measure=measure, entries=entries, progress_history=progress)
        return super().get_context_data(**kwargs)


class YearHistoryView(YearMixin, TemplateView):
    """Who changed what and when, across the year's measures, progress, checklist and reports."""

    template_name = "measures/year_history.html"

    def get_context_data(self, **kwargs):
        org = self.organisation
        measure_ids = Measure.objects.of(org).filter(fiscal_year=self.year).values("pk")
        events = []
        for label, qs in (
            ("มาตรการ", Measure.history.filter(organisation=org, fiscal_year=self.year)),
            ("ความก้าวหน้า", Progress.history.filter(measure_id__in=measure_ids)),
            ("รายการตรวจ OIT", OITChecklistEntry.history.filter(organisation=org)),
            (
                "การอนุมัติ",
                RoundDecision.history.filter(round__organisation=org, round__fiscal_year=self.year),
            ),
            ("รอบการรายงาน", ProgressRound.history.filter(organisation=org, fiscal_year=self.year)),
        ):
            for record in qs.select_related("history_user").order_by("-history_date")[:200]:
                events.append((record.history_date, label, record))
        events.sort(key=lambda e: e[0], reverse=True)
        kwargs["events"] = events[:300]
        return super().get_context_data(**kwargs)
