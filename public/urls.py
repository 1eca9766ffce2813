"""Addresses the public and the assessors read without logging in; stable, built from the
organisation's code and the BE year only."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_index, name="public-index"),
    path("<slug:org>/", views.public_organisation, name="public-organisation"),
    path("<slug:org>/<int:year>/", views.public_year, name="public-year"),
    path("<slug:org>/<int:year>/data.<str:fmt>", views.public_data, name="public-data"),
    path(
        "<slug:org>/<int:year>/reports/<int:pk>/<str:code>.pdf",
        views.public_report,
        name="public-report",
    ),
    path(
        "<slug:org>/<int:year>/reports/status/<str:key>.json",
        views.public_report_status,
        name="public-report-status",
    ),
    path("frameworks/<int:year>.json", views.public_framework, name="public-framework"),
    path("evidence/<uuid:token>/", views.public_evidence, name="public-evidence"),
]
