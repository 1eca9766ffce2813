from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation, Supervision, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]
    fk_name = "user"


class SupervisionInline(admin.StackedInline):
    model = Supervision
    extra = 0
    filter_horizontal = ["organisations"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("ชื่อที่ใช้ลงนามในเอกสาร"), {"fields": ("full_name",)}),
    )
    list_display = ["username", "full_name", "email", "is_superuser", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline, SupervisionInline]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "kind", "district", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "code", "district", "province"]
    inlines = [UnitInline]

    def get_readonly_fields(self, request, obj=None):
        # The code is part of every published link: fixed once saved.
        return ["code"] if obj else []


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "position", "unit"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


admin.site.site_header = _("ITA Portal — ผู้ดูแลระบบ")
admin.site.site_title = _("ITA Portal")
admin.site.index_title = _("การจัดการระบบ")
