from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from assessments.levels import FULL_MARKS, PASS_MARK
from kernel.charts import horizontal_bars, paired_bars
from kernel.thai import arabic_digits, digits, fiscal_year_of
from organisations.views_base import OrganisationMixin

from .selectors import default_year, executive_dashboard, supervisor_page

SORTS = {
    "province": "จังหวัด/อำเภอ",
    "score": "คะแนนสูง→ต่ำ",
    "score_asc": "คะแนนต่ำ→สูง",
    "change": "เปลี่ยนแปลงมากสุด",
    "done": "มาตรการแล้วเสร็จ",
    "overdue": "เลยกำหนดมากสุด",
    "oit": "OIT ครบมากสุด",
    "name": "ชื่อหน่วยงาน",
}


def _year(request, default):
    value = arabic_digits(request.GET.get("year", ""))
    return int(value) if value.isdigit() and 2400 <= int(value) <= 2700 else default


class SupervisorDashboardView(LoginRequiredMixin, TemplateView):
    template_name = "dashboards/supervisor.html"

    def get_context_data(self, **kwargs):
        request = self.request
        year = _year(request, default_year(request.user) or fiscal_year_of(timezone.localdate()))
        filters = {
            k: request.GET.get(k, "").strip() for k in ("province", "district", "kind", "level")
        }
        sort = request.GET.get("sort", "province")
        page = supervisor_page(
            request.user,
            year=year,
            today=timezone.localdate(),
            filters=filters,
            sort=sort,
            page_number=request.GET.get("page"),
        )
        chart = horizontal_bars(
            [(code, count) for code, count in page.distribution],
            maximum=max([c for _k, c in page.distribution] + [1]),
            title="การกระจายของระดับผลการประเมิน (จำนวนหน่วยงาน)",
            decimals=0,
        )
        kwargs.update(p=page, filters=filters, sort=sort, sorts=SORTS, year=year, chart=chart)
        return super().get_context_data(**kwargs)


class ExecutiveDashboardView(OrganisationMixin, TemplateView):
    template_name = "dashboards/executive.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = _year(self.request, fiscal_year_of(today))
        d = executive_dashboard(self.organisation, year, today)
        trend = horizontal_bars(
            [(f"ปี {digits(a.fiscal_year)}", a.total_score) for a in d.trend],
            target=PASS_MARK,
            maximum=FULL_MARKS,
            title="คะแนนรวมรายปี",
        )
        indicators = paired_bars(
            [(str(i), now, before) for i, now, before in d.indicators],
            target=PASS_MARK,
            maximum=FULL_MARKS,
            title=f"คะแนนรายตัวชี้วัด เทียบค่าเป้าหมาย {digits(PASS_MARK)}",
        )
        kwargs.update(
            d=d,
            pass_mark=PASS_MARK,
            year=year,
            trend_chart=trend,
            indicator_chart=indicators,
        )
        return super().get_context_data(**kwargs)
