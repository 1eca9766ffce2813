from django.urls import path

from . import views

urlpatterns = [
    path(
        "o/<slug:org>/dashboard/",
        views.ExecutiveDashboardView.as_view(),
        name="executive-dashboard",
    ),
    path("supervise/", views.SupervisorDashboardView.as_view(), name="supervisor"),
]
