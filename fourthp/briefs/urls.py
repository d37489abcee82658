from django.urls import URLPattern, path

from fourthp.briefs import views
from fourthp.core.pages import download, page

urlpatterns: list[URLPattern] = [
    *page("resources/", views.resource_list, "resource-list"),
    path("resources/new/", views.resource_create, name="resource-create"),
    path("resources/preview/", views.resource_preview, name="resource-preview"),
    *page("resources/<slug:brief>/", views.resource_detail, "resource-detail"),
    download("resources/<slug:brief>/pdf/", views.resource_pdf, "resource-pdf"),
    path("resources/<slug:brief>/edit/", views.resource_edit, name="resource-edit"),
    path("resources/<slug:brief>/publish/", views.resource_publish, name="resource-publish"),
    path("resources/<slug:brief>/unpublish/", views.resource_unpublish, name="resource-unpublish"),
]
