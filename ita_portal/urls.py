"""Every address of the portal; each app keeps its own under its prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from assessments import views as assessment_views
from ops import views as ops_views
from organisations import views as organisation_views
from organisations import views_accounts as account_views
from organisations import views_operators as operator_views
from organisations import views_settings as settings_views

urlpatterns = [
    path("", organisation_views.HomeView.as_view(), name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "accounts/password/reset/",
        account_views.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "accounts/password/reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/invitation/<str:token>/",
        account_views.InvitationView.as_view(),
        name="invitation",
    ),
    path("frameworks/", assessment_views.FrameworkListView.as_view(), name="framework-list"),
    path(
        "frameworks/<int:year>/",
        assessment_views.FrameworkDetailView.as_view(),
        name="framework-detail",
    ),
    path(
        "o/<slug:org>/settings/",
        organisation_views.OrganisationSettingsView.as_view(),
        name="organisation-settings",
    ),
    path(
        "o/<slug:org>/settings/details/",
        settings_views.DetailsView.as_view(),
        name="settings-details",
    ),
    path(
        "o/<slug:org>/settings/members/",
        settings_views.MembersView.as_view(),
        name="settings-members",
    ),
    path(
        "o/<slug:org>/settings/members/new/",
        settings_views.MemberNewView.as_view(how="password"),
        name="settings-member-new",
    ),
    path(
        "o/<slug:org>/settings/members/invite/",
        settings_views.MemberNewView.as_view(how="invite"),
        name="settings-member-invite",
    ),
    path(
        "o/<slug:org>/settings/members/<int:pk>/",
        settings_views.MemberEditView.as_view(),
        name="settings-member",
    ),
    path(
        "operators/organisations/import/",
        operator_views.ImportView.as_view(),
        name="operator-import",
    ),
    path(
        "operators/organisations/import/<int:pk>/confirm/",
        operator_views.ImportConfirmView.as_view(),
        name="operator-import-confirm",
    ),
    path(
        "operators/organisations/import/<int:pk>/",
        operator_views.ImportJobView.as_view(),
        name="operator-import-job",
    ),
    path(
        "operators/organisations/import/samples/<str:name>",
        operator_views.SampleView.as_view(),
        name="operator-import-sample",
    ),
    path("o/<slug:org>/", include("measures.urls")),
    path("o/<slug:org>/", include("assessments.urls")),
    path("o/<slug:org>/", include("reports.urls")),
    path("", include("dashboards.urls")),
    path("public/", include("public.urls")),
    path("healthz", ops_views.healthz, name="healthz"),
    path("healthz/ready", ops_views.healthz_ready, name="healthz-ready"),
    path("admin/", admin.site.urls),
]

# Thai pages in the portal's layout instead of Django's bare English ones.
handler400 = "ops.views.bad_request"
handler403 = "ops.views.permission_denied"
handler404 = "ops.views.page_not_found"
handler500 = "ops.views.server_error"
