from django.urls import URLPattern, path

from fourthp.assessments import views
from fourthp.core.pages import download, page

urlpatterns: list[URLPattern] = [
    *page("jurisdictions/<str:code>/report-card/", views.report_card, "report-card"),
    *page("jurisdictions/<str:code>/report-card/gaps/", views.report_card_gaps, "report-card-gaps"),
    download("jurisdictions/<str:code>/report-card.pdf", views.report_card_pdf, "report-card-pdf"),
    download("jurisdictions/<str:code>/report-card.csv", views.report_card_csv, "report-card-csv"),
    path("jurisdictions/<str:code>/ask-for-assessment/", views.request_assessment, name="assessment-request-ask"),
    path("jurisdictions/<str:code>/suggest-statute/", views.suggest_statute, name="assessment-request-suggest"),
    path("assessment-requests/", views.request_queue, name="assessment-request-list"),
    path("assessment-requests/<int:pk>/", views.request_detail, name="assessment-request-detail"),
    path("assessment-requests/<int:pk>/file/", views.request_file, name="assessment-request-file"),
    *page("compare/", views.compare, "compare"),
    *page("methodology/", views.methodology, "methodology"),
    *page("maps/", views.maps, "maps"),
    path("assessments/", views.work, name="assessment-work"),
    path("assessments/new/", views.assessment_start, name="assessment-start"),
    download("assessments/section-text/", views.section_text, "assessment-section-text"),
    download("assessments/published.<str:fmt>", views.assessments_download, "assessments-download"),
    *page("assessments/<int:pk>/", views.assessment_detail, "assessment-detail"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment-edit"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment-submit"),
    path("assessments/<int:pk>/approve/", views.assessment_approve, name="assessment-approve"),
    path("assessments/<int:pk>/return/", views.assessment_return, name="assessment-return"),
    path("assessments/<int:pk>/revise/", views.assessment_revise, name="assessment-revise"),
    path("assessments/<int:pk>/history/", views.assessment_history, name="assessment-history"),
]
