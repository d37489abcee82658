from django.urls import URLPattern, path

from fourthp.core.pages import download, page
from fourthp.jurisdictions import views

urlpatterns: list[URLPattern] = [
    *page("jurisdictions/", views.jurisdiction_list, "jurisdiction-list"),
    # Before the jurisdiction's own address, which would take "suggest" for a code.
    download("jurisdictions/suggest/", views.jurisdiction_suggest, "jurisdiction-suggest"),
    *page("jurisdictions/<str:code>/", views.jurisdiction_detail, "jurisdiction-detail"),
    path("jurisdictions/<str:code>/edit/", views.jurisdiction_edit, name="jurisdiction-edit"),
    path("jurisdictions/<str:code>/history/", views.jurisdiction_history, name="jurisdiction-history"),
]
