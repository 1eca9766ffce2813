"""The platform admin's tools for frameworks: browse, edit, clone to a new year.

When results already use a framework, its structural fields are shown read-only and nothing
can be added or deleted (the models refuse it too; this only says so up front)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kernel.admin_widgets import PlaceholderAutocomplete
from organisations.admin_base import OneOrganisation, ThaiDeletion

from .forms import FrameworkCloneForm
from .models import (
    Assessment,
    Framework,
    Guideline,
    Indicator,
    OITComponent,
    OITItem,
    Question,
    SubIndicator,
    Tool,
    ToolPart,
)
from .services import framework_clone


class FrozenWhenInUse:
    """Admin mixin: structural fields read-only, no add/delete once results use the framework."""

    def _framework(self, obj):
        if obj is None:
            return None
        return obj if isinstance(obj, Framework) else obj.owning_framework()

    def _frozen(self, obj):
        framework = self._framework(obj)
        return framework is not None and framework.in_use

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        model = getattr(self, "model", None)
        if self._frozen(obj) and model is not None:
            fields += [f for f in getattr(model, "STRUCTURAL", ()) if f not in fields]
        return fields

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FrozenInline(FrozenWhenInUse):
    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)


class ToolInline(FrozenInline, admin.TabularInline):
    model = Tool
    extra = 0


class IndicatorInline(FrozenInline, admin.TabularInline):
    model = Indicator
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "tool" and request.resolver_match.kwargs.get("object_id"):
            kwargs["queryset"] = Tool.objects.filter(
                framework_id=request.resolver_match.kwargs["object_id"]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Framework)
class FrameworkAdmin(ThaiDeletion, FrozenWhenInUse, SimpleHistoryAdmin):
    list_display = [
        "fiscal_year",
        "name",
        "tool_count",
        "question_count",
        "oit_item_count",
        "in_use",
    ]
    readonly_fields = ["cloned_from", "in_use"]
    inlines = [ToolInline, IndicatorInline]
    actions = ["clone_to_new_year"]

    @admin.display(description=_("เครื่องมือ"))
    def tool_count(self, obj):
        return obj.tools.count()

    @admin.display(description=_("ข้อคำถาม"))
    def question_count(self, obj):
        return obj.questions.count()

    @admin.display(description=_("ข้อ OIT"))
    def oit_item_count(self, obj):
        return obj.oit_items.count()

    @admin.display(description=_("มีผลการประเมินใช้อยู่"), boolean=True)
    def in_use(self, obj):
        return obj.in_use

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("fiscal_year")  # results and URLs are keyed on it
        return fields

    @admin.action(description=_("คัดลอกเป็นกรอบการประเมินของปีใหม่"))
    def clone_to_new_year(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("กรุณาเลือกกรอบการประเมินเพียงปีเดียว"), messages.ERROR)
            return None
        source = queryset.get()
        form = FrameworkCloneForm(request.POST if "fiscal_year" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                clone = framework_clone(source=source, fiscal_year=form.cleaned_data["fiscal_year"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("คัดลอกแล้ว: %s") % clone, messages.SUCCESS)
                return redirect(reverse("admin:assessments_framework_change", args=[clone.pk]))
        return render(
            request,
            "admin/assessments/framework/clone.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "source": source,
                "opts": self.model._meta,
                "title": _("คัดลอกกรอบการประเมิน"),
            },
        )


class PartAdmin(ThaiDeletion, FrozenWhenInUse, SimpleHistoryAdmin):
    pass


@admin.register(Question)
class QuestionAdmin(PartAdmin):
    list_display = ["code", "text", "indicator", "framework"]
    list_filter = ["framework"]
    search_fields = ["code", "text"]


class OITComponentInline(FrozenInline, admin.TabularInline):
    model = OITComponent
    extra = 0


@admin.register(OITItem)
class OITItemAdmin(PartAdmin):
    list_display = ["code", "name", "sub_indicator", "evidence_period", "framework"]
    list_filter = ["framework"]
    search_fields = ["code", "name"]
    inlines = [OITComponentInline]


class ToolPartInline(FrozenInline, admin.TabularInline):
    model = ToolPart
    extra = 0


@admin.register(Tool)
class ToolAdmin(PartAdmin):
    list_display = ["code", "name", "weight", "framework"]
    list_filter = ["framework"]
    inlines = [ToolPartInline]


@admin.register(SubIndicator)
class SubIndicatorAdmin(PartAdmin):
    list_display = ["code", "name", "indicator"]
    list_filter = ["indicator__framework"]


@admin.register(Assessment)
class AssessmentAdmin(ThaiDeletion, OneOrganisation, PlaceholderAutocomplete, SimpleHistoryAdmin):
    list_display = ["organisation", "framework", "total_score"]
    list_filter = ["framework"]
    autocomplete_fields = ["organisation"]


@admin.register(Guideline)
class GuidelineAdmin(ThaiDeletion, SimpleHistoryAdmin):
    """The platform's guideline library (organisations' own guidelines are shown too)."""

    list_display = [
        "indicator_number",
        "code",
        "fiscal_year",
        "short_text",
        "organisation",
        "source",
    ]
    list_filter = ["indicator_number", "fiscal_year", ("organisation", admin.EmptyFieldListFilter)]
    search_fields = ["code", "text", "source"]

    @admin.display(description=_("แนวทาง"))
    def short_text(self, obj):
        return obj.text[:80]
