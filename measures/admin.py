from django.contrib import admin
from django_scopes import scopes_disabled
from simple_history.admin import SimpleHistoryAdmin

from kernel.admin_widgets import PlaceholderAutocomplete

from .models import ApprovalStep, Measure, OITChecklistEntry, ProgressRound


@admin.register(ApprovalStep)
class ApprovalStepAdmin(PlaceholderAutocomplete, SimpleHistoryAdmin):
    list_display = ["organisation", "order", "title", "approver"]
    list_filter = ["organisation"]
    autocomplete_fields = ["organisation"]

    def get_form(self, request, obj=None, **kwargs):
        request._organisation_id = obj.organisation_id if obj else None
        return super().get_form(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The signer: an active executive of the step's organisation (of any organisation,
        named with it, while a new step has none yet); ApprovalStep.clean checks it."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "approver":
            from organisations.models import Membership, User

            organisation_id = getattr(request, "_organisation_id", None)
            with scopes_disabled():
                executives = Membership.objects.filter(role=Membership.Role.EXECUTIVE, active=True)
                if organisation_id:
                    executives = executives.filter(organisation_id=organisation_id)
                names = dict(executives.values_list("user_id", "organisation__short_name"))
            field.queryset = User.objects.filter(pk__in=list(names), is_active=True)
            field.label_from_instance = lambda user: f"{user} · {names.get(user.pk, '')}"
        return field


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "fiscal_year", "number", "title", "kind"]
    list_filter = ["fiscal_year", "kind", "organisation"]
    search_fields = ["title"]


@admin.register(ProgressRound)
class ProgressRoundAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "fiscal_year", "name", "state", "published"]
    list_filter = ["fiscal_year", "state"]
    readonly_fields = ["published_at"]  # set by publishing, never typed


@admin.register(OITChecklistEntry)
class OITChecklistEntryAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "item", "status", "unit"]
    list_filter = ["status", "organisation"]
