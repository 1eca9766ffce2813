from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kernel.thai import format_datetime, thai_digits

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


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginLockAdmin(AccessAttemptAdmin):
    """django-axes' list of wrong-password counts per account and address, in Thai; deleting
    an entry (or the action ปลดล็อก) lets that account in again from that address at once."""

    list_display = [
        "attempt_time_be",
        "username",
        "ip_address",
        "failures",
        "status",
        "path_info",
        "user_agent",
    ]
    # No change page (it is titled with the model's English __str__, and has nothing to edit);
    # no date hierarchy (it shows Christian-Era years).
    list_display_links = None
    date_hierarchy = None
    actions = ["unlock", "cleanup_expired_attempts"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # its confirmation lists the English __str__
        return actions

    @admin.display(description=_("เวลาที่ลองล่าสุด"), ordering="attempt_time")
    def attempt_time_be(self, obj):
        return format_datetime(obj.attempt_time)

    @admin.display(description=_("จำนวนครั้งที่ผิด"), ordering="failures_since_start")
    def failures(self, obj):
        return thai_digits(obj.failures_since_start)

    @admin.display(description=_("สถานะ"))
    def status(self, obj):
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return f"ลองได้อีก {thai_digits(left)} ครั้ง" if left > 0 else "ถูกระงับ"

    @admin.action(description=_("ปลดล็อกบัญชีที่เลือก (ลบจำนวนครั้งที่ผิด)"))
    def unlock(self, request, queryset):
        names = sorted({a.username or "—" for a in queryset})
        queryset.delete()
        self.message_user(request, f"ปลดล็อกแล้ว: {', '.join(names)}")

    @admin.action(description=_("ลบรายการที่พ้นเวลาระงับแล้ว"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, f"ลบรายการที่พ้นเวลาระงับแล้ว {thai_digits(count)} รายการ")


admin.site.site_header = _("ITA Portal — ผู้ดูแลระบบ")
admin.site.site_title = _("ITA Portal")
admin.site.index_title = _("การจัดการระบบ")
