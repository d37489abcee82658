from django.urls import URLPattern, path

from fourthp.analysis import views
from fourthp.core.pages import page

urlpatterns: list[URLPattern] = [
    path("analyze/", views.analysis_start, name="analysis-start"),
    path("analyze/<int:pk>/", views.analysis_detail, name="analysis-detail"),
    path("analyze/<int:pk>/by-provision/", views.analysis_by_provision, name="analysis-by-provision"),
    path(
        "analyze/<int:pk>/by-provision.json",
        views.analysis_by_provision,
        {"as_json": True},
        name="analysis-by-provision-json",
    ),
    path("analyze/find/<str:code>/<str:provision>/", views.analysis_find, name="analysis-find"),
    path("analyze/<int:pk>/draft/", views.analysis_draft, name="analysis-draft"),
    path("analyze/<int:pk>/reject/", views.analysis_reject, name="analysis-reject"),
    path("analyze/<int:pk>/retry/", views.analysis_retry, name="analysis-retry"),
    *page("jurisdictions/<str:code>/what-if/", views.report_card_what_if, "report-card-what-if"),
    path(
        "jurisdictions/<str:code>/what-if/draft/",
        views.report_card_what_if_upload,
        name="report-card-what-if-upload",
    ),
]
