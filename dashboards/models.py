"""The supervisors' table as stored figures: one row per organisation and fiscal year.

Written only by dashboards/summaries.py, from the rules' owners; read by the supervisors'
table, which sorts and filters on these columns instead of recomputing them nationally.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationOwned


class OrganisationYearSummary(OrganisationOwned):
    # CASCADE, unlike the organisation's own data: a summary is derived, never a reason to keep
    # an organisation
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="year_summaries",
        verbose_name=_("หน่วยงาน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2, null=True)
    previous_score = models.DecimalField(_("คะแนนปีก่อน"), max_digits=5, decimal_places=2, null=True)
    change = models.DecimalField(_("เทียบปีก่อน"), max_digits=6, decimal_places=2, null=True)
    level = models.CharField(_("ระดับ"), max_length=2, blank=True)
    measures_total = models.PositiveIntegerField(_("มาตรการ"), default=0)
    measures_done = models.PositiveIntegerField(_("มาตรการแล้วเสร็จ"), default=0)
    done_percent = models.PositiveSmallIntegerField(_("ร้อยละแล้วเสร็จ"), null=True)
    overdue = models.PositiveIntegerField(_("เลยกำหนด"), default=0)
    oit_items = models.PositiveIntegerField(_("ข้อ OIT"), default=0)
    oit_items_done = models.PositiveIntegerField(_("ข้อ OIT ที่ครบ"), default=0)
    oit_components = models.PositiveIntegerField(_("องค์ประกอบ OIT"), default=0)
    oit_components_done = models.PositiveIntegerField(_("องค์ประกอบ OIT ที่ครบ"), default=0)
    oit_percent = models.PositiveSmallIntegerField(_("ร้อยละ OIT ครบ"), null=True)
    # the overdue count holds for a day D while last_passed < D <= next_due (measures.rules:
    # first due dates of the measures not done, the latest passed and the earliest ahead)
    last_passed = models.DateField(_("วันครบกำหนดล่าสุดที่ผ่านแล้ว"), null=True)
    next_due = models.DateField(_("วันครบกำหนดถัดไป"), null=True)
    # set when a change of the framework makes every row of a year out of date at once
    stale = models.BooleanField(_("ต้องคำนวณใหม่"), default=False)
    computed_for = models.DateField(_("คำนวณ ณ วันที่"))
    updated_at = models.DateTimeField(_("ปรับปรุงเมื่อ"), auto_now=True)

    class Meta:
        verbose_name = _("สรุปตัวเลขรายหน่วยงานรายปี")
        verbose_name_plural = _("สรุปตัวเลขรายหน่วยงานรายปี")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year"], name="summary_one_per_organisation_year"
            ),
            models.CheckConstraint(
                condition=Q(measures_done__lte=models.F("measures_total"))
                & Q(overdue__lte=models.F("measures_total")),
                name="summary_counts_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "score"], name="summary_year_score"),
            models.Index(fields=["fiscal_year", "next_due"], name="summary_year_next_due"),
        ]

    def fresh_on(self, day) -> bool:
        return (self.last_passed is None or self.last_passed < day) and (
            self.next_due is None or day <= self.next_due
        )

    def __str__(self):
        return f"{self.organisation_id} {self.fiscal_year}"
