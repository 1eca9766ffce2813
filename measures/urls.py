"""An organisation's years, measures, rounds, checklist and evidence, under /o/<org>/."""

from django.urls import path

from . import views_sheets
from .views import chain, checklist, evidence, history, imports, measures, rounds, signoff, year

R = "<int:year>/rounds/<int:pk>"
urlpatterns = [
    path("", year.OrganisationYearsView.as_view(), name="organisation"),
    path("settings/chain/", chain.ChainView.as_view(), name="settings-chain"),
    path("<int:year>/", year.YearHomeView.as_view(), name="year-home"),
    path("<int:year>/measures/", measures.MeasureListView.as_view(), name="measures"),
    path("<int:year>/measures/new/", measures.MeasureEditView.as_view(), name="measure-new"),
    path("<int:year>/measures/copy/", measures.MeasureCopyView.as_view(), name="measures-copy"),
    path("<int:year>/measures/<int:pk>/", measures.MeasureEditView.as_view(), name="measure-edit"),
    path("<int:year>/measures/<int:pk>/view/", measures.MeasureView.as_view(), name="measure"),
    path(
        "<int:year>/measures/<int:pk>/history/",
        history.MeasureHistoryView.as_view(),
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
    path("<int:year>/imports/<int:pk>/", imports.ImportJobView.as_view(), name="import-job"),
    path(
        "<int:year>/imports/<int:pk>/status.json",
        imports.ImportJobStatusView.as_view(),
        name="import-job-status",
    ),
    path("<int:year>/rounds/", rounds.RoundListView.as_view(), name="rounds"),
    path(f"{R}/export.xlsx", views_sheets.ProgressExportView.as_view(), name="progress-export"),
    path(f"{R}/import/", views_sheets.ProgressImportView.as_view(), name="progress-import"),
    path(f"{R}/", rounds.RoundView.as_view(), name="round"),
    path(f"{R}/reopen/", signoff.RoundReopenView.as_view(), name="round-reopen"),
    path(f"{R}/submit/", signoff.RoundConfirmView.as_view(step="submit"), name="round-submit"),
    path(f"{R}/approve/", signoff.RoundConfirmView.as_view(step="approve"), name="round-approve"),
    path(
        f"{R}/send-back/",
        signoff.RoundConfirmView.as_view(step="send_back"),
        name="round-send-back",
    ),
    path(f"{R}/publish/", signoff.RoundConfirmView.as_view(step="publish"), name="round-publish"),
    path("<int:year>/oit/", checklist.ChecklistView.as_view(), name="oit-checklist"),
    path("<int:year>/history/", history.YearHistoryView.as_view(), name="year-history"),
    path("evidence/<int:pk>/", evidence.EvidenceView.as_view(), name="evidence"),
]
