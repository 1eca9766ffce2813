"""An organisation's measures, rounds, checklist and year home, under /o/<org>/."""

from django.urls import path

from . import views, views_sheets

urlpatterns = [
    path("<int:year>/", views.YearHomeView.as_view(), name="year-home"),
    path("<int:year>/measures/", views.MeasureListView.as_view(), name="measures"),
    path("<int:year>/measures/new/", views.MeasureEditView.as_view(), name="measure-new"),
    path("<int:year>/measures/copy/", views.MeasureCopyView.as_view(), name="measures-copy"),
    path("<int:year>/measures/<int:pk>/", views.MeasureEditView.as_view(), name="measure-edit"),
    path(
        "<int:year>/measures/<int:pk>/history/",
        views.MeasureHistoryView.as_view(),
        name="measure-history",
    ),
    path(
        "<int:year>/measures/export.xlsx",
        views_sheets.MeasureExportView.as_view(),
        name="measures-export",
    ),
    path(
        "<int:year>/measures/import/",
        views_sheets.MeasureImportView.as_view(),
        name="measures-import",
    ),
    path("<int:year>/rounds/", views.RoundListView.as_view(), name="rounds"),
    path(
        "<int:year>/rounds/<int:pk>/export.xlsx",
        views_sheets.ProgressExportView.as_view(),
        name="progress-export",
    ),
    path(
        "<int:year>/rounds/<int:pk>/import/",
        views_sheets.ProgressImportView.as_view(),
        name="progress-import",
    ),
    path("<int:year>/rounds/<int:pk>/", views.RoundView.as_view(), name="round"),
    path(
        "<int:year>/rounds/<int:pk>/action/", views.RoundActionView.as_view(), name="round-action"
    ),
    path(
        "<int:year>/rounds/<int:pk>/submit/",
        views.RoundConfirmView.as_view(step="submit"),
        name="round-submit",
    ),
    path(
        "<int:year>/rounds/<int:pk>/approve/",
        views.RoundConfirmView.as_view(step="approve"),
        name="round-approve",
    ),
    path(
        "<int:year>/rounds/<int:pk>/send-back/",
        views.RoundConfirmView.as_view(step="send_back"),
        name="round-send-back",
    ),
    path(
        "<int:year>/rounds/<int:pk>/publish/",
        views.RoundConfirmView.as_view(step="publish"),
        name="round-publish",
    ),
    path("<int:year>/oit/", views.ChecklistView.as_view(), name="oit-checklist"),
    path("<int:year>/history/", views.YearHistoryView.as_view(), name="year-history"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
]
