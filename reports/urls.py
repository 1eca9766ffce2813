from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/reports/", views.ReportListView.as_view(), name="reports"),
    path("<int:year>/public-poster/", views.PublicPosterView.as_view(), name="public-poster"),
    path(
        "<int:year>/reports/<str:code>/<int:pk>.<str:fmt>",
        views.ReportView.as_view(),
        name="report",
    ),
    path(
        "<int:year>/reports/<str:code>/<int:pk>/layout/",
        views.ReportLayoutView.as_view(),
        name="report-layout",
    ),
    path(
        "<int:year>/reports/<str:code>/<int:pk>/layout/preview/",
        views.ReportLayoutPreviewView.as_view(),
        name="report-layout-preview",
    ),
    path(
        "<int:year>/reports/status/<str:key>.json",
        views.ReportStatusView.as_view(),
        name="report-status",
    ),
]
