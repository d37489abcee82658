from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.organisations import views

urlpatterns: list[URLPattern] = [
    *page("organisations/", views.organisation_list, "organisation-list"),
    path("organisations/import/", views.organisation_import, name="organisation-import"),
    *page("organisations/<slug:organisation>/", views.organisation_detail, "organisation-detail"),
]
