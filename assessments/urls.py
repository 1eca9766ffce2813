"""An organisation's results and analysis, under /o/<org>/."""

from django.urls import path

from . import views_analysis as analysis
from . import views_results as results

urlpatterns = [
    path("guidelines/", analysis.GuidelineListView.as_view(), name="guidelines"),
    path("<int:year>/results/", results.ResultsView.as_view(), name="results"),
    path("<int:year>/results/edit/", results.ResultsEditView.as_view(), name="results-edit"),
    path(
        "<int:year>/results/template.xlsx",
        results.ResultsTemplateView.as_view(),
        name="results-template",
    ),
    path("<int:year>/results/import/", results.ResultsImportView.as_view(), name="results-import"),
    path(
        "<int:year>/results/import/<int:batch>/",
        results.ResultsImportPreviewView.as_view(),
        name="results-import-preview",
    ),
    path("<int:year>/analysis/", analysis.AnalysisView.as_view(), name="analysis"),
    path("<int:year>/analysis/draft/", analysis.AnalysisDraftView.as_view(), name="analysis-draft"),
    path(
        "<int:year>/analysis/indicator/<int:number>/",
        analysis.AnalysisIndicatorView.as_view(),
        name="analysis-indicator",
    ),
    path("<int:year>/issues/new/", analysis.IssueEditView.as_view(), name="issue-new"),
    path("<int:year>/issues/<int:pk>/", analysis.IssueEditView.as_view(), name="issue-edit"),
]
