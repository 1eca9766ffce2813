"""An organisation's measures, rounds, checklist and year home, under /o/<org>/."""

from django.urls import path

from . import views

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
    path("<int:year>/rounds/", views.RoundListView.as_view(), name="rounds"),
    path("<int:year>/rounds/<int:pk>/", views.RoundView.as_view(), name="round"),
    path(
        "<int:year>/rounds/<int:pk>/action/", views.RoundActionView.as_view(), name="round-action"
    ),
    path("<int:year>/oit/", views.ChecklistView.as_view(), name="oit-checklist"),
    path("<int:year>/history/", views.YearHistoryView.as_view(), name="year-history"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
]
