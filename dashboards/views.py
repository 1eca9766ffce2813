from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView

from assessments.levels import FULL_MARKS, PASS_MARK
from kernel.charts import horizontal_bars, paired_bars, web_chart
from kernel.thai import be_year_typed, digits, fiscal_year_of
from organisations.views_base import OrganisationMixin

from .selectors import default_year, executive_dashboard, supervisor_page

SORTS = {
    "province": "จังหวัด/อำเภอ",
    "score_asc": "คะแนนต่ำ→สูง",
    "score": "คะแนนสูง→ต่ำ",
    "change_asc": "คะแนนลดลงมากสุด",
    "change": "คะแนนเพิ่มขึ้นมากสุด",
    "done_asc": "มาตรการแล้วเสร็จน้อยสุด",
    "done": "มาตรการแล้วเสร็จมากสุด",
    "overdue": "เลยกำหนดมากสุด",
    "overdue_asc": "เลยกำหนดน้อยสุด",
    "oit_asc": "OIT ครบน้อยสุด",
    "oit": "OIT ครบมากสุด",
    "name": "ชื่อหน่วยงาน",
}
ASCENDING = {"province", "name", "score_asc", "change_asc", "done_asc", "oit_asc", "overdue_asc"}
# the table's columns: (heading, the sort of a first click — weakest first —, the other way)
COLUMNS = [
    ("หน่วยงาน", "name", None),
    ("อำเภอ/จังหวัด", "province", None),
    ("ประเภท", None, None),
    ("คะแนน", "score_asc", "score"),
    ("ระดับ", None, None),
    ("เทียบปีก่อน", "change_asc", "change"),
    ("มาตรการแล้วเสร็จ", "done_asc", "done"),
    ("เลยกำหนด", "overdue", "overdue_asc"),
    ("OIT ครบ", "oit_asc", "oit"),
]


def column_headings(sort, query):
    """Each heading with the address a click sorts to (weakest first, then the other way
    round), and the current sort's direction for the arrow and ``aria-sort``."""
    headings = []
    for label, first, second in COLUMNS:
        current = sort in (first, second) and first is not None
        target = second if current and sort == first and second else first
        direction = ("ascending" if sort in ASCENDING else "descending") if current else None
        href = f"?{query}&sort={target}" if target else None
        headings.append({"label": label, "href": href, "direction": direction})
    return headings


def _year(request, default):
    return be_year_typed(request.GET.get("year", "")) or default


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
        chart = web_chart(
            horizontal_bars,
            [(code, count) for code, count in page.distribution],
            maximum=max([c for _k, c in page.distribution] + [1]),
            title="การกระจายของระดับผลการประเมิน (จำนวนหน่วยงาน)",
            decimals=0,
        )
        query = urlencode({**filters, "year": year})
        kwargs.update(
            p=page,
            filters=filters,
            sort=sort,
            sorts=SORTS,
            year=year,
            chart=chart,
            headings=column_headings(sort, query),
        )
        return super().get_context_data(**kwargs)


class ExecutiveDashboardView(OrganisationMixin, TemplateView):
    template_name = "dashboards/executive.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = _year(self.request, fiscal_year_of(today))
        d = executive_dashboard(self.organisation, year, today)
        trend = web_chart(
            horizontal_bars,
            [(f"ปี {digits(a.fiscal_year)}", a.total_score) for a in d.trend],
            target=PASS_MARK,
            maximum=FULL_MARKS,
            title="คะแนนรวมรายปี",
        )
        indicators = web_chart(
            paired_bars,
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
