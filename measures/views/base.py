"""What every page of an organisation's year stands on."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kernel.thai import BE_RANGE
from organisations.views_base import OrganisationMixin

from ..models import ProgressRound


def today():
    return timezone.localdate()


class YearMixin(OrganisationMixin):
    """An organisation's fiscal year (BE) from the URL; a year that cannot be BE is a 404."""

    def dispatch(self, request, *args, **kwargs):
        self.year = int(kwargs["year"])
        if not BE_RANGE[0] <= self.year <= BE_RANGE[1]:
            raise Http404("ปีงบประมาณต้องเป็นปี พ.ศ.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(year=self.year, today=today(), **year_navigation(self.year))
        return super().get_context_data(**kwargs)


def year_navigation(cycle_year) -> dict:
    """What the year's sub-navigation (templates/measures/_nav.html) links to: the cycle's
    year (its measures, rounds, reports) and the results it starts from, last year's, where
    that year has a framework to enter them against."""
    from assessments.models import Framework

    results_year = cycle_year - 1
    has_results = Framework.objects.filter(fiscal_year=results_year).exists()
    return {"nav_year": cycle_year, "results_year": results_year if has_results else None}


class RoundMixin(YearMixin):
    def get_round(self):
        return get_object_or_404(
            ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year),
            pk=self.kwargs["pk"],
        )


def refusal_messages(error, forms_by_key, key_attr) -> list[str]:
    """The messages of a refused save of many rows, for the top of the page. A row someone
    else saved first says so itself and carries the version now stored, so that saving the
    page again is a deliberate choice; rows not refused keep the version they showed."""
    shown, marked = [], False
    for refusal in getattr(error, "error_list", [error]):
        current = getattr(refusal, "current", None)
        form = forms_by_key.get(getattr(current, key_attr, None))
        if form is None:
            shown += refusal.messages
            continue
        form.data[form.add_prefix("version")] = str(current.version)
        form.add_error(None, refusal.messages[0])
        marked = True
    if marked:
        shown.append(
            "ยังไม่ได้บันทึก: มีผู้อื่นบันทึกรายการที่มีข้อความสีแดงไปก่อนหลังจากที่ท่านเปิดหน้านี้ "
            "ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง"
        )
    return shown
