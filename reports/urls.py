from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/reports/", views.ReportListView.as_view(), name="reports"),
    path(
        "<int:year>/reports/<str:code>/<int:pk>.<str:fmt>",
        views.ReportView.as_view(),
        name="report",
    ),
    path(
        "<int:year>/reports/status/<str:key>.json",
        views.ReportStatusView.as_view(),
        name="report-status",
    ),
]
