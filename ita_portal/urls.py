from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from assessments import views as assessment_views
from measures import views as measure_views
from ops import views as portal_views
from organisations import views as organisation_views
from reports import public
from reports import views_dashboards as dashboard_views

urlpatterns = [
    path("", organisation_views.HomeView.as_view(), name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("frameworks/", assessment_views.FrameworkListView.as_view(), name="framework-list"),
    path(
        "frameworks/<int:year>/",
        assessment_views.FrameworkDetailView.as_view(),
        name="framework-detail",
    ),
    path("o/<slug:org>/", organisation_views.OrganisationDetailView.as_view(), name="organisation"),
    path(
        "o/<slug:org>/settings/",
        organisation_views.OrganisationSettingsView.as_view(),
        name="organisation-settings",
    ),
    path("o/<slug:org>/", include("assessments.urls")),
    path("o/<slug:org>/", include("measures.urls")),
    path("o/<slug:org>/", include("reports.urls")),
    path(
        "o/<slug:org>/dashboard/",
        dashboard_views.ExecutiveDashboardView.as_view(),
        name="executive-dashboard",
    ),
    path("supervise/", dashboard_views.SupervisorDashboardView.as_view(), name="supervisor"),
    path("public/<slug:org>/<int:year>/", public.public_year, name="public-year"),
    path(
        "public/<slug:org>/<int:year>/data.<str:fmt>",
        public.public_data,
        name="public-data",
    ),
    path(
        "public/<slug:org>/<int:year>/reports/<int:pk>/<str:code>.pdf",
        public.public_report,
        name="public-report",
    ),
    path("public/frameworks/<int:year>.json", public.public_framework, name="public-framework"),
    path(
        "public/evidence/<uuid:token>/",
        measure_views.public_evidence,
        name="public-evidence",
    ),
    path("healthz", portal_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Thai pages in the portal's layout instead of Django's bare English ones.
handler400 = "ops.views.bad_request"
handler403 = "ops.views.permission_denied"
handler404 = "ops.views.page_not_found"
handler500 = "ops.views.server_error"
