from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled
from simple_history.admin import SimpleHistoryAdmin

from kernel.admin_widgets import LabelledTabularInline, PasswordSummary, PlaceholderAutocomplete
from kernel.thai import format_datetime, thai_digits

from .admin_base import ThaiDeletion
from .forms import check_emblem
from .models import Membership, Organisation, Supervision, Unit, User


class MembershipInline(PlaceholderAutocomplete, LabelledTabularInline):
    """A user's memberships. The unit is shown, not chosen, here: one select per row cannot
    list only that row's organisation's units (it listed every unit of the country); it is
    set on the organisation's page, or on the membership's own page."""

    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["unit"]
    fk_name = "user"


class OrganisationMembershipInline(PlaceholderAutocomplete, LabelledTabularInline):
    """The organisation's members, on the organisation's page: units of this organisation only."""

    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "unit", "position", "active"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":
            field.queryset = _units_of(getattr(request, "_organisation_id", None))
        return field


class SupervisionInline(admin.StackedInline):
    model = Supervision
    extra = 0
    filter_horizontal = ["organisations"]


def _units_of(organisation_id):
    with scopes_disabled():  # the admin runs unscoped; this lists one organisation's units
        return Unit.objects.filter(organisation_id=organisation_id)


# a user's dates, kept by Django, shown read-only with Buddhist-era years
BE_DATES = {"last_login": "last_login_be", "date_joined": "date_joined_be"}


def _no_other_users_admin(fieldsets):
    """Django's user fieldsets without groups and per-user permissions: who may do what in
    the portal comes from memberships (organisations.access), and Django's permission names
    are English."""
    out = []
    for title, options in fieldsets:
        fields = [
            BE_DATES.get(f, f) for f in options["fields"] if f not in ("groups", "user_permissions")
        ]
        out.append((title, {**options, "fields": tuple(fields)}))
    return tuple(out)


class UserChangeForm(BaseUserAdmin.form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSummary()


@admin.register(User)
class UserAdmin(ThaiDeletion, BaseUserAdmin):
    form = UserChangeForm
    fieldsets = (
        *_no_other_users_admin(BaseUserAdmin.fieldsets),
        (_("ชื่อที่ใช้ลงนามในเอกสาร"), {"fields": ("full_name", "must_change_password")}),
    )
    list_filter = ["is_superuser", "is_active"]
    list_display = ["username", "full_name", "email", "is_superuser", "is_active"]
    # kept by Django, not typed by an operator (and its split date-time inputs had no labels)
    readonly_fields = list(BE_DATES.values())

    @admin.display(description=_("เข้าสู่ระบบล่าสุด"))
    def last_login_be(self, obj):
        return format_datetime(obj.last_login) or "-"

    @admin.display(description=_("วันที่สร้างบัญชี"))
    def date_joined_be(self, obj):
        return format_datetime(obj.date_joined) or "-"

    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline, SupervisionInline]
    # a new account is named as documents sign it (not "(staff-xxx)")
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    LAST_ADMIN = _("ลบไม่ได้: บัญชีที่เลือกมีผู้ดูแลระบบของแพลตฟอร์มคนสุดท้ายที่ใช้งานอยู่ กรุณาตั้งผู้ดูแลระบบคนอื่นก่อน")

    def has_delete_permission(self, request, obj=None):
        # the last active platform admin has no delete page (nobody could reach the admin)
        if obj is not None and User.would_leave_no_platform_admin([obj.pk]):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete, name, description = actions["delete_selected"]

            def guarded(modeladmin, request, queryset):
                if User.would_leave_no_platform_admin(list(queryset.values_list("pk", flat=True))):
                    modeladmin.message_user(request, self.LAST_ADMIN, messages.ERROR)
                    return None
                return delete(modeladmin, request, queryset)

            actions["delete_selected"] = (guarded, name, description)
        return actions


class UnitInline(LabelledTabularInline):
    model = Unit
    extra = 1


class OrganisationAdminForm(forms.ModelForm):
    """The organisation as operators edit it: an emblem is checked and named as on the
    organisation's own settings page (organisations.forms.check_emblem)."""

    def clean_emblem(self):  # the admin's form factory gives the model and fields
        emblem = self.cleaned_data.get("emblem")
        if emblem and hasattr(emblem, "content_type"):  # a new upload
            return check_emblem(emblem)
        return emblem


@admin.register(Organisation)
class OrganisationAdmin(ThaiDeletion, admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["short_name", "code", "kind", "district", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "code", "district", "province"]
    inlines = [UnitInline, OrganisationMembershipInline]

    def get_form(self, request, obj=None, **kwargs):
        request._organisation_id = obj.pk if obj else None
        return super().get_form(request, obj, **kwargs)

    def get_inline_instances(self, request, obj=None):
        request._organisation_id = obj.pk if obj else None
        return super().get_inline_instances(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "prepared_by":
            field.queryset = _units_of(getattr(request, "_organisation_id", None))
        return field

    def get_readonly_fields(self, request, obj=None):
        # The code is part of every published link: fixed once saved.
        return ["code"] if obj else []


@admin.register(Membership)
class MembershipAdmin(ThaiDeletion, PlaceholderAutocomplete, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "position", "unit"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def get_form(self, request, obj=None, **kwargs):
        request._organisation_id = obj.organisation_id if obj else None
        return super().get_form(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":
            organisation_id = getattr(request, "_organisation_id", None)
            with scopes_disabled():
                units = Unit.objects.select_related("organisation")
                field.queryset = (
                    units.filter(organisation_id=organisation_id) if organisation_id else units
                )
            field.label_from_instance = lambda unit: f"{unit.name} · {unit.organisation}"
        return field


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


class LoginLogAdmin(admin.ModelAdmin):
    """django-axes' logs of logins and of wrong passwords, read-only, in Thai: no change page
    (it is titled with the model's English __str__ and has nothing to edit), no delete action
    (its confirmation lists that __str__), times with Buddhist-era years."""

    list_display_links = None
    date_hierarchy = None
    search_fields = ["ip_address", "username", "user_agent", "path_info"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # old entries go with `manage.py axes_reset_logs --age DAYS`

    @admin.display(description=_("เวลา"), ordering="attempt_time")
    def attempt_time_be(self, obj):
        return format_datetime(obj.attempt_time)

    @staticmethod
    def _known(value):
        return _("ไม่ทราบ") if value in ("", "<unknown>") else value  # axes' placeholder

    @admin.display(description=_("หน้าที่เข้าสู่ระบบ"), ordering="path_info")
    def page(self, obj):
        return self._known(obj.path_info)

    @admin.display(description=_("เบราว์เซอร์"), ordering="user_agent")
    def browser(self, obj):
        return self._known(obj.user_agent)

    @admin.display(description=_("ที่อยู่ไอพี"), ordering="ip_address")
    def address(self, obj):
        return self._known(obj.ip_address or "")


admin.site.unregister(AccessLog)


@admin.register(AccessLog)
class AccessLogThaiAdmin(LoginLogAdmin):
    list_display = [
        "attempt_time_be",
        "logout_time_be",
        "username",
        "address",
        "page",
        "browser",
    ]

    @admin.display(description=_("ออกจากระบบเมื่อ"), ordering="logout_time")
    def logout_time_be(self, obj):
        return format_datetime(obj.logout_time) or "-"


admin.site.unregister(AccessFailureLog)


@admin.register(AccessFailureLog)
class AccessFailureLogThaiAdmin(LoginLogAdmin):
    list_display = [
        "attempt_time_be",
        "username",
        "address",
        "locked",
        "page",
        "browser",
    ]

    @admin.display(description=_("ถูกระงับ"), ordering="locked_out")
    def locked(self, obj):
        return _("ถูกระงับ") if obj.locked_out else "-"


# Who may do what comes from memberships (organisations.access), not from Django's groups and
# their English permission names.
admin.site.unregister(Group)

admin.site.site_header = _("ITA Portal — ผู้ดูแลระบบ")
admin.site.site_title = _("ITA Portal")
admin.site.index_title = _("การจัดการระบบ")
