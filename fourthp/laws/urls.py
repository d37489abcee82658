from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.laws import views

urlpatterns: list[URLPattern] = [
    *page("instruments/", views.instrument_list, "instrument-list"),
    *page("instruments/<slug:key>/", views.instrument_detail_view, "instrument-detail"),
    path("instruments/<slug:key>/edit/", views.instrument_edit, name="instrument-edit"),
    path("instruments/<slug:key>/history/", views.instrument_history, name="instrument-history"),
    *page("sections/<str:key>/", views.section_detail, "section-detail"),
    *page("search/", views.search, "search"),
    path("import/", views.import_upload, name="instrument-import"),
    path("import/<int:import_id>/", views.import_preview, name="instrument-import-preview"),
    path("import/<int:import_id>/discard/", views.import_discard, name="instrument-import-discard"),
]
