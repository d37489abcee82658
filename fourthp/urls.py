from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from fourthp.analysis import views as analysis
from fourthp.api.api import api, docs_view
from fourthp.assessments import views as assessments
from fourthp.frameworks import views as frameworks
from fourthp.jurisdictions import views as jurisdictions
from fourthp.laws import views as laws
from fourthp.web import views as web
from fourthp.web.pages import download, page

urlpatterns = [
    *page("", web.home, "home"),
    *page("jurisdictions/", jurisdictions.jurisdiction_list, "jurisdiction-list"),
    *page("jurisdictions/<str:code>/", jurisdictions.jurisdiction_detail, "jurisdiction-detail"),
    path("jurisdictions/<str:code>/edit/", jurisdictions.jurisdiction_edit, name="jurisdiction-edit"),
    path("jurisdictions/<str:code>/history/", jurisdictions.jurisdiction_history, name="jurisdiction-history"),
    *page("jurisdictions/<str:code>/report-card/", assessments.report_card, "report-card"),
    download("jurisdictions/<str:code>/report-card.pdf", assessments.report_card_pdf, "report-card-pdf"),
    download("jurisdictions/<str:code>/report-card.csv", assessments.report_card_csv, "report-card-csv"),
    *page("compare/", assessments.compare, "compare"),
    *page("methodology/", assessments.methodology, "methodology"),
    *page("maps/", assessments.maps, "maps"),
    path("assessments/", assessments.work, name="assessment-work"),
    path("assessments/new/", assessments.assessment_start, name="assessment-start"),
    download("assessments/section-text/", assessments.section_text, "assessment-section-text"),
    download("assessments/published.<str:fmt>", assessments.assessments_download, "assessments-download"),
    *page("assessments/<int:pk>/", assessments.assessment_detail, "assessment-detail"),
    path("assessments/<int:pk>/edit/", assessments.assessment_edit, name="assessment-edit"),
    path("assessments/<int:pk>/submit/", assessments.assessment_submit, name="assessment-submit"),
    path("assessments/<int:pk>/approve/", assessments.assessment_approve, name="assessment-approve"),
    path("assessments/<int:pk>/return/", assessments.assessment_return, name="assessment-return"),
    path("assessments/<int:pk>/revise/", assessments.assessment_revise, name="assessment-revise"),
    path("assessments/<int:pk>/history/", assessments.assessment_history, name="assessment-history"),
    *page("frameworks/", frameworks.framework_list, "framework-list"),
    *page("frameworks/<slug:slug>/", frameworks.framework_detail, "framework-detail"),
    *page("frameworks/<slug:slug>/crosswalk/", frameworks.framework_crosswalk, "framework-crosswalk"),
    *page("frameworks/<slug:slug>/pillars/<slug:pillar>/", frameworks.pillar_detail, "pillar-detail"),
    *page("frameworks/<slug:slug>/provisions/<str:provision>/", frameworks.provision_detail, "provision-detail"),
    *page("instruments/", laws.instrument_list, "instrument-list"),
    *page("instruments/<slug:key>/", laws.instrument_detail_view, "instrument-detail"),
    path("instruments/<slug:key>/edit/", laws.instrument_edit, name="instrument-edit"),
    path("instruments/<slug:key>/history/", laws.instrument_history, name="instrument-history"),
    *page("sections/<str:key>/", laws.section_detail, "section-detail"),
    *page("search/", laws.search, "search"),
    path("analyze/", analysis.analysis_start, name="analysis-start"),
    path("analyze/<int:pk>/", analysis.analysis_detail, name="analysis-detail"),
    path("analyze/<int:pk>/draft/", analysis.analysis_draft, name="analysis-draft"),
    path("analyze/<int:pk>/retry/", analysis.analysis_retry, name="analysis-retry"),
    path("import/", laws.import_upload, name="instrument-import"),
    path("import/<int:import_id>/", laws.import_preview, name="instrument-import-preview"),
    path("import/<int:import_id>/discard/", laws.import_discard, name="instrument-import-discard"),
    path("", include("fourthp.members.urls")),
    path("", include("fourthp.peers.urls")),
    path("", include("fourthp.groups.urls")),
    path("", include("fourthp.events.urls")),
    path("api/v1/", api.urls),
    path("api/docs", docs_view, name="api-docs"),
    path("api/", RedirectView.as_view(url="/api/docs", permanent=False)),
    path("accounts/", include("allauth.urls")),
    path("", include("fourthp.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A form body too large to read gets a page that says so (413), not a bare 400; the API answers
# in its error shape.
handler400 = "fourthp.web.views.bad_request"
handler500 = "fourthp.web.views.server_error"
