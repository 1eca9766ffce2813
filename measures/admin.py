from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApprovalStep, Measure, OITChecklistEntry, ProgressRound


@admin.register(ApprovalStep)
class ApprovalStepAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "order", "title", "approver"]
    list_filter = ["organisation"]
    autocomplete_fields = ["organisation", "approver"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "fiscal_year", "number", "title", "kind"]
    list_filter = ["fiscal_year", "kind", "organisation"]
    search_fields = ["title"]


@admin.register(ProgressRound)
class ProgressRoundAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "fiscal_year", "name", "state", "published"]
    list_filter = ["fiscal_year", "state"]


@admin.register(OITChecklistEntry)
class OITChecklistEntryAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "item", "status", "unit"]
    list_filter = ["status", "organisation"]
