from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.jurisdictions import views

urlpatterns: list[URLPattern] = [
    *page("jurisdictions/", views.jurisdiction_list, "jurisdiction-list"),
    *page("jurisdictions/<str:code>/", views.jurisdiction_detail, "jurisdiction-detail"),
    path("jurisdictions/<str:code>/edit/", views.jurisdiction_edit, name="jurisdiction-edit"),
    path("jurisdictions/<str:code>/history/", views.jurisdiction_history, name="jurisdiction-history"),
]
